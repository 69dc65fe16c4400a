namespace DevDbSeed.Rules;

/// <summary>
/// What can be judged of a <c>keep_rows</c> predicate without a server: it must stay one expression inside the parentheses
/// it is put in. Outside string literals, quoted identifiers, dollar quotes and comments, it may hold no <c>;</c> (a
/// second statement) and no <c>)</c> closing more than it opened. Whether it is a valid boolean expression over the
/// table's columns is for the source server to say (the plan step counts its rows).
/// </summary>
public static class SqlPredicate
{
    /// <summary>Why <paramref name="predicate"/> cannot be used; null when it can.</summary>
    public static string? Problem(string predicate)
    {
        var depth = 0;
        for (var i = 0; i < predicate.Length; i++)
        {
            var c = predicate[i];
            switch (c)
            {
                case '\'' or '"':
                    i = Closing(predicate, i, c.ToString(), backslashes: c == '\'' && IsEscapeString(predicate, i));
                    break;
                case '$' when DollarTag(predicate, i) is { } tag:
                    i = Closing(predicate, i + tag.Length - 1, tag, backslashes: false);
                    break;
                case '-' when Next(predicate, i) == '-':
                    i = predicate.IndexOf('\n', i) is var end and >= 0 ? end : predicate.Length - 1;
                    break;
                case '/' when Next(predicate, i) == '*':
                    i = predicate.IndexOf("*/", i + 2, StringComparison.Ordinal) is var close and >= 0 ? close + 1 : predicate.Length;
                    break;
                case ';':
                    return "holds ';': it must be one SQL expression, not statements";
                case '(':
                    depth++;
                    break;
                case ')' when --depth < 0:
                    return "closes a parenthesis it did not open";
            }

            if (i >= predicate.Length)
            {
                return "has a string, quoted name or comment that is not closed";
            }
        }

        return depth == 0 ? null : "leaves a parenthesis open";
    }

    private static char Next(string text, int i) => i + 1 < text.Length ? text[i + 1] : '\0';

    /// <summary>
    /// The position of the end of the quoted text opened at <paramref name="start"/> (doubled quotes stay inside, and with
    /// <paramref name="backslashes"/> a quote after a backslash); past the end when none.
    /// </summary>
    private static int Closing(string text, int start, string quote, bool backslashes)
    {
        var i = start + 1;
        while (true)
        {
            var end = text.IndexOf(quote, i, StringComparison.Ordinal);
            if (end < 0)
            {
                return text.Length;
            }

            if (backslashes && Escaped(text, start + 1, end))
            {
                i = end + 1;
                continue;
            }

            if (quote.Length == 1 && end + 1 < text.Length && text[end + 1] == quote[0])
            {
                i = end + 2; // '' or "" inside the quotes
                continue;
            }

            return end + quote.Length - 1;
        }
    }

    /// <summary>Whether the quote at <paramref name="start"/> opens an escape string (<c>E'...'</c>), where a backslash escapes the next character.</summary>
    private static bool IsEscapeString(string text, int start) =>
        start > 0 && text[start - 1] is 'E' or 'e' && (start == 1 || !(char.IsLetterOrDigit(text[start - 2]) || text[start - 2] == '_'));

    /// <summary>Whether the character at <paramref name="at"/> follows an odd run of backslashes that starts at or after <paramref name="from"/>.</summary>
    private static bool Escaped(string text, int from, int at)
    {
        var backslashes = 0;
        for (var i = at - 1; i >= from && text[i] == '\\'; i--)
        {
            backslashes++;
        }

        return backslashes % 2 == 1;
    }

    /// <summary>A dollar-quote tag starting at <paramref name="start"/> (<c>$$</c>, <c>$tag$</c>); null when the <c>$</c> is something else (<c>$1</c>).</summary>
    private static string? DollarTag(string text, int start)
    {
        if (start > 0 && (char.IsLetterOrDigit(text[start - 1]) || text[start - 1] == '_'))
        {
            return null; // a $ inside a name
        }

        var end = start + 1;
        while (end < text.Length && (char.IsLetterOrDigit(text[end]) || text[end] == '_'))
        {
            end++;
        }

        return end < text.Length && text[end] == '$' && (end == start + 1 || !char.IsDigit(text[start + 1])) ? text[start..(end + 1)] : null;
    }
}
