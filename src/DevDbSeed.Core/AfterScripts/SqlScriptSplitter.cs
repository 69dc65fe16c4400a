namespace DevDbSeed.AfterScripts;

/// <summary>
/// Splits an SQL script into its statements as psql does: at each semicolon outside quotes (<c>'...'</c>, <c>E'...'</c>
/// with backslash escapes, <c>"..."</c>), dollar quotes (<c>$$...$$</c>, <c>$body$...$body$</c>), comments (<c>--</c>
/// and nested <c>/* */</c>) and parentheses, and outside the <c>BEGIN ... END</c> body of a <c>CREATE [OR REPLACE]
/// FUNCTION|PROCEDURE ... BEGIN ATOMIC</c> (psql's own rule). Every statement keeps where it starts in the script, so that
/// a server's error position maps to a line of the file. Standard-conforming strings are assumed (PostgreSQL's default).
/// </summary>
public static class SqlScriptSplitter
{
    private const int WordsKept = 4;

    public static IReadOnlyList<SqlStatement> Split(string script)
    {
        ArgumentNullException.ThrowIfNull(script);
        var statements = new List<SqlStatement>();
        var current = new Pending();
        var i = 0;
        while (i < script.Length)
        {
            var c = script[i];
            if (char.IsWhiteSpace(c))
            {
                i++;
                continue;
            }

            if (c == '-' && At(script, i + 1) == '-')
            {
                i = LineEnd(script, i);
                continue;
            }

            if (c == '/' && At(script, i + 1) == '*')
            {
                i = BlockCommentEnd(script, i);
                continue;
            }

            if (current.Start < 0)
            {
                if (c == ';')
                {
                    i++; // an empty statement
                    continue;
                }

                current.Start = i;
            }

            switch (c)
            {
                case '\'':
                    i = QuotedEnd(script, i + 1, backslashEscapes: false);
                    break;
                case '"':
                    i = IdentifierEnd(script, i + 1);
                    break;
                case '$' when DollarTag(script, i) is { } tag:
                    var close = script.IndexOf(tag, i + tag.Length, StringComparison.Ordinal);
                    i = close < 0 ? script.Length : close + tag.Length;
                    break;
                case '(':
                    current.Parentheses++;
                    i++;
                    break;
                case ')':
                    current.Parentheses = Math.Max(0, current.Parentheses - 1);
                    i++;
                    break;
                case ';' when current.Parentheses == 0 && current.Blocks == 0:
                    statements.Add(current.Statement(script, i));
                    current = new Pending();
                    i++;
                    break;
                case var _ when IsWordStart(c):
                    var end = WordEnd(script, i);
                    if (end - i == 1 && c is 'e' or 'E' && At(script, end) == '\'')
                    {
                        i = QuotedEnd(script, end + 1, backslashEscapes: true); // E'...': an escape string
                        break;
                    }

                    current.Word(script[i..end]);
                    i = end;
                    break;
                default:
                    i++;
                    break;
            }
        }

        if (current.Start >= 0)
        {
            statements.Add(current.Statement(script, script.Length));
        }

        return statements;
    }

    private static char At(string text, int index) => index < text.Length ? text[index] : '\0';

    private static bool IsWordStart(char c) => char.IsLetter(c) || c == '_' || c >= 128;

    private static bool IsWordPart(char c) => char.IsLetterOrDigit(c) || c is '_' or '$' || c >= 128;

    private static int WordEnd(string text, int start)
    {
        var i = start + 1;
        while (i < text.Length && IsWordPart(text[i]))
        {
            i++;
        }

        return i;
    }

    private static int LineEnd(string text, int start)
    {
        var end = text.IndexOf('\n', start);
        return end < 0 ? text.Length : end + 1;
    }

    /// <summary>The index after a block comment starting at <paramref name="start"/>; block comments nest in PostgreSQL.</summary>
    private static int BlockCommentEnd(string text, int start)
    {
        var depth = 0;
        var i = start;
        while (i < text.Length)
        {
            if (text[i] == '/' && At(text, i + 1) == '*')
            {
                depth++;
                i += 2;
            }
            else if (text[i] == '*' && At(text, i + 1) == '/')
            {
                i += 2;
                if (--depth == 0)
                {
                    return i;
                }
            }
            else
            {
                i++;
            }
        }

        return text.Length;
    }

    /// <summary>The index after the quote closing a string literal whose text starts at <paramref name="start"/> (<c>''</c> is a quote inside it).</summary>
    private static int QuotedEnd(string text, int start, bool backslashEscapes)
    {
        var i = start;
        while (i < text.Length)
        {
            if (backslashEscapes && text[i] == '\\')
            {
                i += 2;
            }
            else if (text[i] != '\'')
            {
                i++;
            }
            else if (At(text, i + 1) == '\'')
            {
                i += 2;
            }
            else
            {
                return i + 1;
            }
        }

        return text.Length;
    }

    /// <summary>The index after a quoted identifier (<c>""</c> inside it simply ends it and starts another: the same span).</summary>
    private static int IdentifierEnd(string text, int start)
    {
        var close = text.IndexOf('"', start);
        return close < 0 ? text.Length : close + 1;
    }

    /// <summary>The dollar-quote tag opening at <paramref name="start"/> (<c>$$</c>, <c>$body$</c>); null when the <c>$</c> opens none (<c>$1</c>).</summary>
    private static string? DollarTag(string text, int start)
    {
        var i = start + 1;
        if (i < text.Length && IsWordStart(text[i]))
        {
            while (i < text.Length && IsWordPart(text[i]) && text[i] != '$')
            {
                i++;
            }
        }

        return At(text, i) == '$' ? text[start..(i + 1)] : null;
    }

    /// <summary>The statement being read: where it starts, its nesting, its first words.</summary>
    private sealed class Pending
    {
        private readonly List<string> _words = new(WordsKept);

        public int Start { get; set; } = -1;

        public int Parentheses { get; set; }

        /// <summary>Open BEGIN (and CASE inside it) of a routine's SQL-standard body, closed by END.</summary>
        public int Blocks { get; private set; }

        public void Word(string word)
        {
            var lower = word.ToLowerInvariant();
            if (_words.Count < WordsKept)
            {
                _words.Add(lower);
            }

            if (!CreatesRoutine() || Parentheses > 0)
            {
                return;
            }

            if (lower == "begin" || (lower == "case" && Blocks > 0))
            {
                Blocks++;
            }
            else if (lower == "end" && Blocks > 0)
            {
                Blocks--;
            }
        }

        public SqlStatement Statement(string script, int end) => new(script[Start..end].TrimEnd(), Start, [.. _words]);

        /// <summary>CREATE [OR REPLACE] FUNCTION|PROCEDURE: psql's test for a body whose semicolons do not end the statement.</summary>
        private bool CreatesRoutine() =>
            _words.Count >= 2 && _words[0] == "create"
            && (_words[1] is "function" or "procedure"
                || (_words.Count >= 4 && _words[1] == "or" && _words[2] == "replace" && _words[3] is "function" or "procedure"));
    }
}
