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
                    i = Closing(predicate, i, c.ToString());
                    break;
                case '$' when DollarTag(predicate, i) is { } tag:
                    i = Closing(predicate, i + tag.Length - 1, tag);
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

    /// <summary>The position of the end of the quoted text opened at <paramref name="start"/> (doubled quotes stay inside); past the end when none.</summary>
    private static int Closing(string text, int start, string quote)
    {
        var i = start + 1;
        while (true)
        {
            var end = text.IndexOf(quote, i, StringComparison.Ordinal);
            if (end < 0)
            {
                return text.Length;
            }

            if (quote.Length == 1 && end + 1 < text.Length && text[end + 1] == quote[0])
            {
                i = end + 2; // '' or "" inside the quotes
                continue;
            }

            return end + quote.Length - 1;
        }
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
