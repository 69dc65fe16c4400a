using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;

namespace DevDbSeed.IntegrationTests.Infrastructure;

/// <summary>What a rules file does to a column, as a reviewer reads it.</summary>
public enum ColumnFate
{
    /// <summary>Copied as it is (<c>keep</c>, or the table kept whole).</summary>
    Kept,

    /// <summary>A rule rewrites it (a fake, a mask, a hash, NULL, a json or scrub rule, ...).</summary>
    Masked,

    /// <summary>No rule of its own, not generated: a foreign key to a masked column gives it that column's mapping.</summary>
    Follows,

    /// <summary>Its table is copied without rows.</summary>
    Emptied,

    /// <summary>A generated column: recomputed from the masked columns.</summary>
    Generated,
}

/// <summary>
/// A rules file read independently of devdbseed's own loader: which tables are kept or emptied whole, what each
/// column's rule is, and the comments beside them (what <c>rules init</c> writes for the reviewer).
/// </summary>
public sealed partial class RulesText
{
    private readonly YamlMappingNode _tables;

    private RulesText(string text, YamlMappingNode tables)
    {
        Text = text;
        _tables = tables;
    }

    public string Text { get; }

    public string[] Lines => Text.Split('\n');

    public static RulesText Parse(string text)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(text));
        var root = (YamlMappingNode)stream.Documents[0].RootNode;
        return new RulesText(text, (YamlMappingNode)root.Children[new YamlScalarNode("tables")]);
    }

    public IEnumerable<string> Tables => _tables.Children.Keys.Cast<YamlScalarNode>().Select(k => k.Value!);

    /// <summary>The table's entry: <c>keep</c>, <c>empty</c>, or null when its columns are classified one by one; throws when absent.</summary>
    public string? Whole(string table) => Entry(table) is YamlScalarNode scalar ? scalar.Value : null;

    /// <summary>The column's rule as written, or null when the file gives it none.</summary>
    public YamlNode? Rule(string table, string column)
    {
        if (Entry(table) is not YamlMappingNode mapping || !mapping.Children.TryGetValue(new YamlScalarNode("columns"), out var columns))
        {
            return null;
        }

        return ((YamlMappingNode)columns).Children.TryGetValue(new YamlScalarNode(column), out var rule) ? rule : null;
    }

    /// <summary>A column's rule when it is a plain scalar (<c>keep</c>, <c>internet.email</c>, <c>null</c>), else null.</summary>
    public string? Scalar(string table, string column) => (Rule(table, column) as YamlScalarNode)?.Value;

    /// <summary>The line a column is classified on, without its indentation (for messages and logs).</summary>
    public string Line(string table, string column) =>
        Block(table).Skip(1).Select(l => l.TrimStart()).FirstOrDefault(l => IsAbout(l, column))
        ?? $"{column}: (no line; the table is {Whole(table)})";

    public ColumnFate Fate(string table, SourceColumn column) => Whole(table) switch
    {
        "keep" => ColumnFate.Kept,
        "empty" => ColumnFate.Emptied,
        _ => Rule(table, column.Name) switch
        {
            YamlScalarNode { Value: "keep" } => ColumnFate.Kept,
            null when column.Generated => ColumnFate.Generated,
            null => ColumnFate.Follows,
            _ => ColumnFate.Masked,
        },
    };

    /// <summary>The keys (JSON paths) of a column's <c>json</c> rule, with array positions written as <c>[*]</c>; empty when it has none.</summary>
    public IReadOnlyList<string> JsonPaths(string table, string column) =>
        Rule(table, column) is YamlMappingNode rule && rule.Children.TryGetValue(new YamlScalarNode("json"), out var json) && json is YamlMappingNode members
            ? [.. members.Children.Keys.Cast<YamlScalarNode>().Select(k => ArrayIndex().Replace(k.Value!, "[*]"))]
            : [];

    /// <summary>The lines of a table's entry: its key line and everything indented below it.</summary>
    public List<string> Block(string table)
    {
        var lines = Lines;
        var start = Array.FindIndex(lines, l => Keys(table).Any(k => l.StartsWith($"  {k}:", StringComparison.Ordinal)));
        Assert.True(start >= 0, $"no line for {table} in the rules file");
        var block = new List<string> { lines[start] };
        for (var i = start + 1; i < lines.Length && lines[i].StartsWith("    ", StringComparison.Ordinal); i++)
        {
            block.Add(lines[i]);
        }

        return block;
    }

    /// <summary>Whether a column line (without indentation) classifies <paramref name="column"/>: <c>column: rule</c> or <c># column: why no rule</c>.</summary>
    public static bool IsAbout(string line, string column) =>
        Keys(column).Any(k => line.StartsWith(k + ": ", StringComparison.Ordinal) || line.StartsWith($"# {k}: ", StringComparison.Ordinal));

    /// <summary>How a name may be written as a YAML key: plain, or double-quoted.</summary>
    public static string[] Keys(string name) =>
        [name, "\"" + name.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\""];

    /// <summary>The comment on a line (after <c># </c>), or null.</summary>
    public static string? Comment(string line)
    {
        var hash = line.IndexOf(" # ", StringComparison.Ordinal);
        if (line.TrimStart().StartsWith("# ", StringComparison.Ordinal))
        {
            return line.TrimStart()[2..];
        }

        return hash < 0 ? null : line[(hash + 3)..];
    }

    private YamlNode Entry(string table) =>
        _tables.Children.TryGetValue(new YamlScalarNode(table), out var entry) ? entry : throw new Xunit.Sdk.XunitException($"the rules file has no entry for {table}");

    [GeneratedRegex(@"\[(\*|\d+)\]")]
    private static partial Regex ArrayIndex();
}
