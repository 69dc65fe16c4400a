using System.Text;
using System.Text.RegularExpressions;

namespace DevDbSeed.Postgres.Connections;

/// <summary>
/// PostgreSQL's error texts made safe to print, log and record: one line, naming the problem and the objects
/// involved, never a row's value. The server's DETAIL, CONTEXT and HINT lines and the tools' "Command was:" quote rows
/// and SQL: they are dropped; a value the message itself quotes is withheld (<c>invalid input syntax for type integer:
/// (value withheld)</c>), while the names of relations, columns, constraints and the like stay.
/// </summary>
internal static partial class ErrorText
{
    public const string Withheld = "(value withheld)";

    /// <summary>The words after which PostgreSQL quotes a name rather than a value: <c>constraint "people_email_key"</c>.</summary>
    private static readonly HashSet<string> NameKinds = new(StringComparer.OrdinalIgnoreCase)
    {
        "aggregate", "at", "attribute", "cast", "channel", "collation", "column", "constraint", "conversion", "cursor", "database",
        "directory", "domain", "encoding", "extension", "file", "function", "host", "index", "language", "operator", "parameter",
        "policy", "portal", "procedure", "publication", "relation", "role", "rule", "savepoint", "schema", "sequence", "server",
        "setting", "socket", "statement", "subscription", "table", "tablespace", "trigger", "type", "user", "view",
    };

    /// <summary>
    /// Why pg_restore, pg_dump or psql failed, from its standard error: its first <c>error:</c> line that is not about
    /// a parallel worker dying (the worker's own error comes first and is the cause), else the server's ERROR or FATAL
    /// line, else the tool's first line; without the program's prefix, whitespace collapsed, values withheld.
    /// </summary>
    public static string OfTool(string standardError)
    {
        var lines = standardError.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var errors = lines.Select(l => ToolError().Match(l)).Where(m => m.Success).Select(m => m.Groups["text"].Value).ToList();
        var line = errors.FirstOrDefault(e => !WorkerDied().IsMatch(e))
            ?? lines.Select(l => ServerError().Match(l)).Where(m => m.Success).Select(m => m.Value).FirstOrDefault()
            ?? errors.FirstOrDefault()
            ?? lines.Where(l => !Supplement().IsMatch(l)).Select(l => ToolPrefix().Replace(l, string.Empty)).FirstOrDefault();
        return line is null ? "no message" : WithoutValues(Whitespace().Replace(line, " "));
    }

    /// <summary>
    /// <paramref name="message"/> (a server's message text, never its detail) with every value it quotes withheld: a
    /// quoted text not preceded by the kind of object it names (relation, column, constraint, ...), a key's value
    /// <c>(email)=(...)</c> and byte sequences <c>0xe9 0x65</c>. A quoted value runs to the message's last quote, so a
    /// value holding quotes is withheld whole; the names after it may be withheld with it.
    /// </summary>
    public static string WithoutValues(string message)
    {
        var text = Bytes().Replace(KeyValue().Replace(message, ")=" + Withheld), Withheld);
        var safe = new StringBuilder(text.Length);
        var at = 0;
        while (at < text.Length)
        {
            var open = text.IndexOf('"', at);
            if (open < 0)
            {
                safe.Append(text, at, text.Length - at);
                break;
            }

            safe.Append(text, at, open - at);
            var close = text.IndexOf('"', open + 1);
            if (close > open && NamesAnObject(text, open))
            {
                safe.Append(text, open, close - open + 1);
                at = close + 1;
                continue;
            }

            safe.Append(Withheld);
            var last = text.LastIndexOf('"');
            at = last > open ? last + 1 : text.Length;
        }

        return safe.ToString();
    }

    /// <summary>Whether the word before the quote at <paramref name="quote"/> is a kind of object (<c>table "people"</c>).</summary>
    private static bool NamesAnObject(string text, int quote)
    {
        var end = quote;
        if (end == 0 || text[end - 1] != ' ')
        {
            return false;
        }

        end--;
        var start = end;
        while (start > 0 && char.IsLetter(text[start - 1]))
        {
            start--;
        }

        return (start == 0 || text[start - 1] is ' ' or '(') && NameKinds.Contains(text[start..end]);
    }

    /// <summary><c>pg_restore: error: ...</c>, <c>pg_dump: error: ...</c>, <c>psql: error: ...</c>.</summary>
    [GeneratedRegex(@"^[\w.-]+: (?:error|fatal): (?<text>.+)$")]
    private static partial Regex ToolError();

    /// <summary>A parallel restore's leader reporting a worker gone: the cause is the worker's error.</summary>
    [GeneratedRegex(@"worker process", RegexOptions.IgnoreCase)]
    private static partial Regex WorkerDied();

    [GeneratedRegex(@"(?:ERROR|FATAL|PANIC):.+$")]
    private static partial Regex ServerError();

    /// <summary>Lines that add to an error and quote rows or SQL: DETAIL, CONTEXT, HINT, LINE, Command was, and the tools' warnings and detail.</summary>
    [GeneratedRegex(@"^(?:DETAIL|CONTEXT|HINT|LINE \d+|QUERY|STATEMENT|WHERE|Command was)\b|^[\w.-]+: (?:warning|detail|hint|while|from TOC)\b")]
    private static partial Regex Supplement();

    [GeneratedRegex(@"^[\w.-]+: (?:\[[^\]]*\] )?")]
    private static partial Regex ToolPrefix();

    /// <summary><c>Key (email)=(alice@example.com)</c>: the value, to the last parenthesis.</summary>
    [GeneratedRegex(@"\)=\(.*\)")]
    private static partial Regex KeyValue();

    [GeneratedRegex(@"0x[0-9a-fA-F]{2}(?:\s*0x[0-9a-fA-F]{2})*")]
    private static partial Regex Bytes();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
