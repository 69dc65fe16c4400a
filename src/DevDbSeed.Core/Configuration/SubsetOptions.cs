using System.Globalization;
using DevDbSeed.Catalog;
using DevDbSeed.Errors;
using DevDbSeed.Yaml;
using YamlDotNet.RepresentationModel;

namespace DevDbSeed.Configuration;

/// <summary>What a nullable foreign key does when the row it references is not in the subset.</summary>
public enum NullableReferences
{
    /// <summary>The referenced row is copied too (completeness over size; the default).</summary>
    Include,

    /// <summary>The reference is written as NULL and the row it referenced stays out.</summary>
    SetNull,
}

/// <summary>
/// How one table the pipeline's <c>subset:</c> lists is read: a start point (<see cref="Where"/>, <see cref="Percent"/>,
/// <see cref="Limit"/> with <see cref="OrderBy"/>, the first two combinable with a limit), or a table copied whole that the
/// walk down from start points does not cross (<see cref="Whole"/>: a catalogue such as courses, whose rows other users'
/// rows reference).
/// </summary>
/// <param name="Table">The table (a partitioned table by its root).</param>
/// <param name="At">Where the pipeline names it.</param>
/// <param name="Where">An SQL condition on the table's rows, run on the source.</param>
/// <param name="Percent">A repeatable random sample of this percentage of the rows (<c>TABLESAMPLE BERNOULLI</c>).</param>
/// <param name="Limit">At most this many rows (the first by <see cref="OrderBy"/>, else by physical order).</param>
/// <param name="OrderBy">The SQL ordering the limit takes the first rows of.</param>
/// <param name="Whole">Every row, and no descent from it.</param>
public sealed record SubsetTable(QualifiedName Table, SourceLocation At, string? Where = null, double? Percent = null, int? Limit = null,
    string? OrderBy = null, bool Whole = false)
{
    private static readonly string[] Keys = ["where", "percent", "limit", "order_by", "whole"];

    /// <summary>The selection as the pipeline states it, for messages: <c>where id % 20 = 0, limit 100</c>.</summary>
    public string Describe()
    {
        if (Whole)
        {
            return "whole";
        }

        var parts = new List<string>();
        if (Where is not null)
        {
            parts.Add($"where {Where}");
        }

        if (Percent is { } percent)
        {
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"{percent}%"));
        }

        if (Limit is { } limit)
        {
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"limit {limit}{(OrderBy is null ? string.Empty : $" order by {OrderBy}")}"));
        }

        return string.Join(", ", parts);
    }

    internal static SubsetTable Parse(YamlFile file, YamlNode key, YamlNode value)
    {
        var text = file.Scalar(key, "a table of subset");
        var name = QualifiedName.TryParse(text) ?? throw file.Error(key, $"subset: '{text}' must name a table as schema.table");
        var what = $"subset {name}";
        var table = new SubsetTable(name, file.At(key));
        foreach (var (entry, _, node) in file.Entries(file.Mapping(value, what), what, Keys))
        {
            table = entry switch
            {
                "where" => table with { Where = file.Scalar(node, $"{what}.where") },
                "percent" => table with { Percent = file.Number(node, $"{what}.percent", 0, 100) },
                "limit" => table with { Limit = file.Integer(node, $"{what}.limit", 0, int.MaxValue) },
                "order_by" => table with { OrderBy = file.Scalar(node, $"{what}.order_by") },
                _ => table with { Whole = file.Boolean(node, $"{what}.whole") },
            };
        }

        return table.Validated(file, value, what);
    }

    private SubsetTable Validated(YamlFile file, YamlNode node, string what)
    {
        if (Whole && (Where ?? Percent ?? (object?)Limit ?? OrderBy) is not null)
        {
            throw file.Error(node, $"{what}: whole: true copies every row; it takes no where, percent, limit or order_by");
        }

        if (Percent is not null && Limit is not null)
        {
            throw file.Error(node, $"{what}: give percent or limit, not both");
        }

        if (OrderBy is not null && Limit is null)
        {
            throw file.Error(node, $"{what}: order_by only orders a limit (add limit: N)");
        }

        if (!Whole && Where is null && Percent is null && Limit is null)
        {
            throw file.Error(node, $"{what}: say which rows: where, percent or limit (or whole: true)");
        }

        return this;
    }
}

/// <summary>
/// The pipeline's <c>subset:</c>: a referentially complete slice of the source instead of every row (see the README's
/// "Subsets"), and what nullable references to rows left out do (<c>subset_nullable_references</c>).
/// </summary>
/// <param name="Tables">The tables listed, in the pipeline's order.</param>
/// <param name="NullableReferences">Include the referenced row (default) or write NULL.</param>
public sealed record SubsetOptions(IReadOnlyList<SubsetTable> Tables, NullableReferences NullableReferences = NullableReferences.Include)
{
    internal static IReadOnlyList<SubsetTable> ParseTables(YamlFile file, YamlNode node)
    {
        var tables = new List<SubsetTable>();
        foreach (var (_, key, value) in file.Entries(file.Mapping(node, "subset"), "subset"))
        {
            tables.Add(SubsetTable.Parse(file, key, value)); // a table listed twice is a duplicate key: the YAML reader refuses it
        }

        if (tables.Count == 0)
        {
            throw file.Error(node, "subset lists no table (public.users: { where: \"...\" })");
        }

        return tables;
    }

    internal static NullableReferences ParseNullable(YamlFile file, YamlNode node) => file.Scalar(node, "subset_nullable_references") switch
    {
        "include" => NullableReferences.Include,
        "set_null" => NullableReferences.SetNull,
        var other => throw file.Error(node, $"subset_nullable_references must be include or set_null ('{other}' found)"),
    };
}
