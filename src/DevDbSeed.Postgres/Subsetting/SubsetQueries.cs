using System.Globalization;
using DevDbSeed.Catalog;
using DevDbSeed.Configuration;
using DevDbSeed.Subsetting;

namespace DevDbSeed.Postgres.Subsetting;

/// <summary>
/// The queries of a subset's walk. Every one returns row addresses (<c>tableoid</c>, <c>ctid</c>) and takes the rows it
/// starts from as a constant array of addresses (<see cref="Tids.Condition"/>, in the text: Npgsql writes no <c>tid[]</c>,
/// and a constant is what the planner turns into a TID scan, or at worst a hashed filter, where a cast parameter can
/// become a linear search per row), so no table is created: the source is only read, in the run's read-only snapshot. A partitioned table is read through its partitions, any other without its inheritance
/// children (<c>ONLY</c>), as its foreign keys see it.
/// </summary>
internal static class SubsetQueries
{
    /// <summary>A repeatable seed for <c>percent</c>: the same source gives the same sample.</summary>
    private const int SampleSeed = 20261207;

    /// <summary>The rows a start table's selection picks.</summary>
    public static string Start(TableInfo table, SubsetTable selection)
    {
        var sample = selection.Percent is { } percent
            ? string.Create(CultureInfo.InvariantCulture, $" TABLESAMPLE BERNOULLI ({percent}) REPEATABLE ({SampleSeed})")
            : string.Empty;
        var where = selection.Where is { } condition ? $" WHERE ({condition})" : string.Empty;
        var order = selection.OrderBy is { } orderBy ? $" ORDER BY {orderBy}" : string.Empty;
        var limit = selection.Limit is { } rows ? string.Create(CultureInfo.InvariantCulture, $" LIMIT {rows}") : string.Empty;
        return $"SELECT t.tableoid::oid, t.ctid FROM {From(table)} t{sample}{where}{order}{limit}";
    }

    /// <summary>The child rows referencing the rows <paramref name="tids"/> of <paramref name="parentPart"/> (a table holding rows of the edge's parent).</summary>
    public static string Down(SubsetEdge edge, TableInfo parentPart, ReadOnlySpan<long> tids) =>
        $"SELECT c.tableoid::oid, c.ctid FROM {From(edge.Child)} c WHERE {Row("c", edge.Key.Columns)} IN "
        + $"(SELECT {List("p", edge.Key.ReferencedColumns)} FROM ONLY {parentPart.Name.Sql} p WHERE {Tids.Condition("p.ctid", tids)})";

    /// <summary>
    /// The parent rows referenced by the rows <paramref name="tids"/> of <paramref name="childPart"/> (a table holding
    /// rows of the edge's child); with <paramref name="childPart"/> null, by every row of the child (a table copied whole).
    /// </summary>
    public static string Up(SubsetEdge edge, TableInfo? childPart, ReadOnlySpan<long> tids) =>
        $"SELECT p.tableoid::oid, p.ctid FROM {From(edge.Parent)} p WHERE {Row("p", edge.Key.ReferencedColumns)} IN "
        + $"(SELECT {List("c", edge.Key.Columns)} FROM {(childPart is null ? From(edge.Child) : "ONLY " + childPart.Name.Sql)} c"
        + $"{(childPart is null ? string.Empty : $" WHERE {Tids.Condition("c.ctid", tids)}")})";

    /// <summary>
    /// Each row of <paramref name="childPart"/> (those of <paramref name="tids"/>, or all with <paramref name="everyRow"/>)
    /// with the address of the parent row its reference finds: a reference whose parent is left out is cut.
    /// </summary>
    public static string References(SubsetEdge edge, TableInfo childPart, bool everyRow, ReadOnlySpan<long> tids)
    {
        var join = string.Join(" AND ", edge.Key.Columns.Select((c, i) =>
            $"c.{QualifiedName.QuoteIdentifier(c)} = p.{QualifiedName.QuoteIdentifier(edge.Key.ReferencedColumns[i])}"));
        return $"SELECT c.ctid, p.tableoid::oid, p.ctid FROM ONLY {childPart.Name.Sql} c JOIN {From(edge.Parent)} p ON {join}"
            + (everyRow ? string.Empty : $" WHERE {Tids.Condition("c.ctid", tids)}");
    }

    /// <summary>The leaf partitions of every partitioned table: <c>(partitioned oid, leaf oid)</c>.</summary>
    public const string Leaves =
        "SELECT p.oid, t.relid::oid FROM pg_class p CROSS JOIN LATERAL pg_partition_tree(p.oid) t WHERE p.oid = ANY(@tables) AND t.isleaf";

    private static string From(TableInfo table) => table.Kind == TableKind.Partitioned ? table.Name.Sql : $"ONLY {table.Name.Sql}";

    private static string List(string alias, IReadOnlyList<string> columns) =>
        string.Join(", ", columns.Select(c => $"{alias}.{QualifiedName.QuoteIdentifier(c)}"));

    private static string Row(string alias, IReadOnlyList<string> columns) =>
        columns.Count == 1 ? List(alias, columns) : $"({List(alias, columns)})";
}
