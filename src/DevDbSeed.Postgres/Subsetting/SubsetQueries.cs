using System.Globalization;
using DevDbSeed.Catalog;
using DevDbSeed.Configuration;
using DevDbSeed.Subsetting;

namespace DevDbSeed.Postgres.Subsetting;

/// <summary>
/// The queries of a subset's walk. Each step reads the keys of the rows it starts from (<see cref="Values"/>) and finds
/// the rows holding them (<see cref="Matching"/>, returning row addresses: <c>tableoid</c>, <c>ctid</c>). Rows go in as a
/// constant array of addresses (<see cref="Tids.Condition"/>, in the text: Npgsql writes no <c>tid[]</c>,
/// and a constant is what the planner turns into a TID scan, or at worst a hashed filter, where a cast parameter can
/// become a linear search per row), so no table is created: the source is only read, in the run's read-only snapshot. A partitioned table is read through its partitions, any other without its inheritance
/// children (<c>ONLY</c>), as its foreign keys see it.
/// </summary>
internal static class SubsetQueries
{
    /// <summary>A repeatable seed for <c>percent</c>: the same source gives the same sample.</summary>
    private const int SampleSeed = 20261207;

    /// <summary>The rows a start table's selection picks, with the values of <paramref name="carried"/> (as text) the walk goes on with.</summary>
    public static string Start(TableInfo table, SubsetTable selection, IReadOnlyList<string> carried)
    {
        var sample = selection.Percent is { } percent
            ? string.Create(CultureInfo.InvariantCulture, $" TABLESAMPLE BERNOULLI ({percent}) REPEATABLE ({SampleSeed})")
            : string.Empty;
        var where = selection.Where is { } condition ? $" WHERE ({condition})" : string.Empty;
        var order = selection.OrderBy is { } orderBy ? $" ORDER BY {orderBy}" : string.Empty;
        var limit = selection.Limit is { } rows ? string.Create(CultureInfo.InvariantCulture, $" LIMIT {rows}") : string.Empty;
        return $"SELECT t.tableoid::oid, t.ctid{Carried(carried)} FROM {From(table)} t{sample}{where}{order}{limit}";
    }

    /// <summary>
    /// The values of <paramref name="columns"/> (as text) in the rows <paramref name="tids"/> of <paramref name="part"/>:
    /// the keys the walk follows from them (a TID scan; the caller skips NULLs, a condition on them could turn the scan
    /// into one of an index).
    /// </summary>
    public static string Values(TableInfo part, IReadOnlyList<string> columns, ReadOnlyMemory<long> tids) =>
        $"SELECT {string.Join(", ", columns.Select(c => $"{QualifiedName.QuoteIdentifier(c)}::text"))} FROM ONLY {part.Name.Sql} "
        + $"WHERE {Tids.Condition("ctid", tids)}";

    /// <summary>
    /// The rows of <paramref name="table"/> whose <paramref name="columns"/> hold one of <paramref name="values"/> (tuples,
    /// as text; <see cref="SubsetKeys.Matching"/>). The values of <paramref name="carried"/> (as text) come with each row:
    /// the keys the walk down goes on with, read with the row rather than by its address in a query of their own.
    /// </summary>
    public static string Matching(TableInfo table, IReadOnlyList<string> columns, IReadOnlyList<string[]> values, IReadOnlyList<string> carried) =>
        $"SELECT t.tableoid::oid, t.ctid{Carried(carried)} FROM {From(table)} t WHERE {SubsetKeys.Matching("t", columns, Types(table, columns), values)}";

    /// <summary>How many rows of <paramref name="part"/> <paramref name="keys"/> chooses (an index-only scan where the table allows it).</summary>
    public static string Count(TableInfo part, SubsetKeys keys) => $"SELECT count(*) FROM ONLY {part.Name.Sql} WHERE {keys.Condition}";

    /// <summary>The SQL types of <paramref name="columns"/> of <paramref name="table"/>.</summary>
    public static IReadOnlyList<string> Types(TableInfo table, IReadOnlyList<string> columns) => [.. columns.Select(c => table.Column(c)!.Type.SqlName)];

    /// <summary>
    /// The parent rows referenced by every row of <paramref name="child"/> (a table copied whole).
    /// </summary>
    public static string ReferencedByAll(SubsetEdge edge, TableInfo child) =>
        $"SELECT p.tableoid::oid, p.ctid FROM {From(edge.Parent)} p WHERE {Row("p", edge.Key.ReferencedColumns)} IN "
        + $"(SELECT {List("c", edge.Key.Columns)} FROM {From(child)} c)";

    /// <summary>
    /// Each row of <paramref name="childPart"/> (those of <paramref name="tids"/>, or all with <paramref name="everyRow"/>)
    /// with the address of the parent row its reference finds: a reference whose parent is left out is cut.
    /// </summary>
    public static string References(SubsetEdge edge, TableInfo childPart, bool everyRow, ReadOnlyMemory<long> tids)
    {
        var join = string.Join(" AND ", edge.Key.Columns.Select((c, i) =>
            $"c.{QualifiedName.QuoteIdentifier(c)} = p.{QualifiedName.QuoteIdentifier(edge.Key.ReferencedColumns[i])}"));
        return $"SELECT c.ctid, p.tableoid::oid, p.ctid FROM ONLY {childPart.Name.Sql} c JOIN {From(edge.Parent)} p ON {join}"
            + (everyRow ? string.Empty : $" WHERE {Tids.Condition("c.ctid", tids)}");
    }

    /// <summary>The leaf partitions of every partitioned table: <c>(partitioned oid, leaf oid)</c>.</summary>
    public const string Leaves =
        "SELECT p.oid, t.relid::oid FROM pg_class p CROSS JOIN LATERAL pg_partition_tree(p.oid) t WHERE p.oid = ANY(@tables) AND t.isleaf";

    /// <summary>
    /// The carried columns in the select list, under names of their own: a start table's <c>order_by: id DESC</c> must
    /// sort by the column, not by an output column of the same name holding its text.
    /// </summary>
    private static string Carried(IReadOnlyList<string> columns) =>
        string.Concat(columns.Select((c, i) => string.Create(CultureInfo.InvariantCulture, $", t.{QualifiedName.QuoteIdentifier(c)}::text AS devdbseed_carried_{i}")));

    private static string From(TableInfo table) => table.Kind == TableKind.Partitioned ? table.Name.Sql : $"ONLY {table.Name.Sql}";

    private static string List(string alias, IReadOnlyList<string> columns) =>
        string.Join(", ", columns.Select(c => $"{alias}.{QualifiedName.QuoteIdentifier(c)}"));

    private static string Row(string alias, IReadOnlyList<string> columns) =>
        columns.Count == 1 ? List(alias, columns) : $"({List(alias, columns)})";
}
