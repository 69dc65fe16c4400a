using DevDbSeed.Catalog;
using DevDbSeed.Errors;
using DevDbSeed.Yaml;
using YamlDotNet.Core.Events;
using YamlDotNet.RepresentationModel;

namespace DevDbSeed.Rules;

/// <summary>
/// <c>rules init --update FILE</c>: adds the tables and columns an existing rules file does not cover, as new
/// lines after the existing ones, and leaves every line a person wrote exactly as it was.
/// </summary>
public static class RulesUpdater
{
    /// <summary>The updated text, what was added, and columns of tables kept whole that look personal.</summary>
    public sealed record Result(string Text, IReadOnlyList<string> Added, IReadOnlyList<string> Warnings);

    public static Result Update(string text, string displayPath, IReadOnlyList<TableSuggestion> suggestions)
    {
        RulesLoader.Parse(text, displayPath); // a file that is not valid rules is named with file:line:col, not updated
        var file = YamlFile.Parse(text, Path.GetFullPath(displayPath), displayPath);
        var root = file.Root as YamlMappingNode ?? throw new ConfigurationException($"{displayPath}: not a rules file");
        var tablesNode = root.Children.FirstOrDefault(e => e.Key is YamlScalarNode { Value: "tables" }).Value as YamlMappingNode
            ?? throw new ConfigurationException($"{displayPath}: the rules file has no tables mapping to add to");
        if (tablesNode.Style == MappingStyle.Flow)
        {
            throw file.Error(tablesNode, "tables is a flow-style mapping: rules init --update adds lines to block-style mappings only");
        }

        var lines = text.Split('\n').ToList();
        var insertions = new List<(int AfterLine, bool Table, string Text)>();
        var added = new List<string>();
        var warnings = new List<string>();
        var existing = tablesNode.Children.ToDictionary(e => QualifiedName.TryParse(((YamlScalarNode)e.Key).Value ?? string.Empty)!, e => e);
        var tableIndent = (int)tablesNode.Children.First().Key.Start.Column - 1;

        foreach (var suggestion in suggestions.OrderBy(s => s.Table))
        {
            if (!existing.TryGetValue(suggestion.Table, out var entry))
            {
                insertions.Add((LastLine(tablesNode), true, RulesWriter.Table(suggestion, tableIndent)));
                added.Add(suggestion.Table.ToString());
                continue;
            }

            if (entry.Value is YamlScalarNode { Value: "keep" or "empty" } whole)
            {
                warnings.AddRange(suggestion.Columns.Where(c => c.Suggestion is { IsKeep: false })
                    .Select(c => $"{suggestion.Table}.{c.Column}: the table is {whole.Value} as a whole, but {c.Suggestion!.Reason}: review it"));
                continue;
            }

            if ((entry.Value as YamlMappingNode)?.Children.FirstOrDefault(e => e.Key is YamlScalarNode { Value: "columns" }).Value is not YamlMappingNode columns)
            {
                continue;
            }

            var missing = suggestion.Columns.Where(c => c.Suggestion is not null && !columns.Children.Keys.OfType<YamlScalarNode>().Any(k => k.Value == c.Column)).ToList();
            if (missing.Count == 0)
            {
                continue;
            }

            if (columns.Style == MappingStyle.Flow)
            {
                throw file.Error(columns, $"the columns of {suggestion.Table} are a flow-style mapping: add {string.Join(", ", missing.Select(m => m.Column))} by hand");
            }

            var columnIndent = (int)columns.Children.First().Key.Start.Column - 1;
            insertions.Add((LastLine(columns), false, string.Concat(missing.Select(m => RulesWriter.Column(m, columnIndent)))));
            added.AddRange(missing.Select(m => $"{suggestion.Table}.{m.Column}"));
        }

        // Several blocks can go after the same line (the last column of the last table, then new tables): they are
        // inserted together, columns first so that they stay in their table, each kind in the order it was added.
        // The added lines end like the file's (\r\n or \n).
        var crlf = text.Contains("\r\n", StringComparison.Ordinal);
        foreach (var group in insertions.GroupBy(i => i.AfterLine).OrderByDescending(g => g.Key))
        {
            var at = Math.Min(group.Key, lines.Count);
            var block = string.Concat(group.OrderBy(i => i.Table).Select(i => i.Text)).TrimEnd('\n');
            lines.Insert(at, crlf ? block.Replace("\n", "\r\n", StringComparison.Ordinal) + (at < lines.Count ? "\r" : string.Empty) : block);
        }

        return new Result(string.Join('\n', lines), added, warnings);
    }

    /// <summary>The last line (1-based) a node's content is on: the insertion point after it.</summary>
    private static int LastLine(YamlNode node) => node switch
    {
        YamlMappingNode { Style: MappingStyle.Flow } or YamlSequenceNode { Style: SequenceStyle.Flow } => (int)node.End.Line,
        YamlMappingNode mapping => mapping.Children.Max(e => Math.Max(LastLine(e.Key), LastLine(e.Value))),
        YamlSequenceNode sequence => sequence.Children.Max(LastLine),
        _ => (int)node.End.Line,
    };
}
