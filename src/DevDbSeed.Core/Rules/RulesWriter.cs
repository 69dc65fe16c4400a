using System.Globalization;
using System.Text;
using DevDbSeed.Catalog;
using DevDbSeed.Detection;

namespace DevDbSeed.Rules;

/// <summary>A table as <c>rules init</c> classifies it: kept whole, or column by column.</summary>
/// <param name="Table">The table.</param>
/// <param name="Columns">Every column (generated and foreign-key columns included, as comments).</param>
/// <param name="KeepReason">Set when the whole table is kept: why.</param>
public sealed record TableSuggestion(QualifiedName Table, IReadOnlyList<ColumnSuggestion> Columns, string? KeepReason);

/// <summary>One column: a suggestion, or a comment saying why it needs no rule (generated, follows a foreign key).</summary>
public sealed record ColumnSuggestion(string Column, Suggestion? Suggestion, string? NoRuleBecause = null);

/// <summary>
/// Writes rules YAML: sorted, stable, one comment per line saying why, so that a re-run after a schema change
/// gives a small, reviewable diff.
/// </summary>
public static class RulesWriter
{
    private const int CommentColumn = 56;
    private static readonly HashSet<string> Reserved = new(StringComparer.OrdinalIgnoreCase) { "null", "~", "true", "false", "yes", "no", "on", "off", "y", "n" };

    public static string Write(string source, IEnumerable<TableSuggestion> tables)
    {
        var text = new StringBuilder();
        text.AppendLine($"# Masking rules written by `devdbseed rules init` from the schema and a sample of the data of {OneLine(source)}.");
        text.AppendLine("# Every table and every column is classified; the comment beside each says why. Rules the tool suggests");
        text.AppendLine("# come from a column's name, type or content; tables and columns it keeps are ones it found no personal");
        text.AppendLine("# data in (a tool's review, not a person's): read them before trusting them. After a schema change,");
        text.AppendLine("# `devdbseed rules init --update THIS_FILE` adds what is new and leaves what you wrote untouched.");
        text.AppendLine("version: 1");
        text.AppendLine("tables:");
        foreach (var table in tables.OrderBy(t => t.Table))
        {
            text.Append(Table(table, 2));
        }

        return text.ToString();
    }

    /// <summary>One table entry at <paramref name="indent"/> spaces.</summary>
    public static string Table(TableSuggestion table, int indent)
    {
        var pad = new string(' ', indent);
        var key = Key(table.Table.ToString());
        if (table.KeepReason is not null)
        {
            return Line($"{pad}{key}: keep", table.KeepReason);
        }

        var text = new StringBuilder($"{pad}{key}:\n{pad}  columns:\n");
        foreach (var column in table.Columns)
        {
            text.Append(Column(column, indent + 4));
        }

        return text.ToString();
    }

    /// <summary>One column line (or comment line) at <paramref name="indent"/> spaces.</summary>
    public static string Column(ColumnSuggestion column, int indent)
    {
        var pad = new string(' ', indent);
        return column.Suggestion is { } suggestion
            ? Line($"{pad}{Key(column.Column)}: {suggestion.Rule ?? "keep"}", suggestion.Reason)
            : $"{pad}# {OneLine($"{Key(column.Column)}: {column.NoRuleBecause}")}\n";
    }

    /// <summary>
    /// A YAML key, for block mappings (tables, columns) and flow mappings (JSON paths in <c>{ json: { ... } }</c>) alike:
    /// plain when it starts with a letter or <c>_</c> and holds only letters, digits and <c>_ . $ -</c>, and is no word
    /// YAML reads as null or a boolean; double-quoted otherwise (spaces, other punctuation, a leading digit, <c>.</c> or
    /// <c>-</c>, control characters).
    /// </summary>
    public static string Key(string key) =>
        key.Length > 0 && !IsKeyword(key) && (char.IsAsciiLetter(key[0]) || key[0] == '_')
        && key.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '.' or '$' or '-')
            ? key
            : DoubleQuoted(key);

    /// <summary>Words YAML reads as null or a boolean when they are written plain.</summary>
    public static bool IsKeyword(string key) => Reserved.Contains(key);

    /// <summary>
    /// A YAML double-quoted scalar that reads back as exactly <paramref name="value"/>: quotes and backslashes escaped,
    /// and every character YAML would fold (line breaks) or reject (control characters) written as an escape.
    /// </summary>
    public static string DoubleQuoted(string value)
    {
        var text = new StringBuilder(value.Length + 2).Append('"');
        foreach (var c in value)
        {
            if (Escape(c) is { } escape)
            {
                text.Append(escape);
            }
            else
            {
                text.Append(c);
            }
        }

        return text.Append('"').ToString();
    }

    private static string? Escape(char c) => c switch
    {
        '"' => "\\\"",
        '\\' => "\\\\",
        '\0' => "\\0",
        '\a' => "\\a",
        '\b' => "\\b",
        '\t' => "\\t",
        '\n' => "\\n",
        '\v' => "\\v",
        '\f' => "\\f",
        '\r' => "\\r",
        '\u001b' => "\\e",
        '\u0085' => "\\N",
        '\u2028' => "\\L",
        '\u2029' => "\\P",
        _ when char.IsControl(c) => string.Create(CultureInfo.InvariantCulture, $"\\x{(int)c:X2}"),
        _ when IsUnprintable(c) => string.Create(CultureInfo.InvariantCulture, $"\\u{(int)c:X4}"),
        _ => null,
    };

    /// <summary>Characters a YAML comment cannot hold: line breaks, which would end it, and what YAML rejects.</summary>
    private static bool BreaksComment(char c) => char.IsControl(c) || c is '\u2028' or '\u2029' || IsUnprintable(c);

    private static bool IsUnprintable(char c) => c is '\uFEFF' or '\uFFFE' or '\uFFFF';

    private static string Line(string content, string comment) =>
        $"{content.PadRight(Math.Max(content.Length + 2, CommentColumn))}# {OneLine(comment)}\n";

    /// <summary>Comment text on one line: line breaks and control characters as spaces.</summary>
    private static string OneLine(string comment)
    {
        if (!comment.Any(BreaksComment))
        {
            return comment;
        }

        var text = new StringBuilder(comment);
        for (var i = 0; i < text.Length; i++)
        {
            if (BreaksComment(text[i]))
            {
                text[i] = ' ';
            }
        }

        return text.ToString();
    }
}
