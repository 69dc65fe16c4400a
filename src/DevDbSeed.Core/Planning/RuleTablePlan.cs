using DevDbSeed.Catalog;

namespace DevDbSeed.Planning;

/// <summary>
/// The decision for one table the rules name: how its rows travel, what happens to each column, and how its rows are
/// read when only a sample is wanted. A partitioned table's rows live in its partitions (<see cref="Parts"/>), which
/// share its decisions.
/// </summary>
/// <param name="Table">The table (for partitions: the partitioned root).</param>
/// <param name="Mode">How the rows travel: untouched, masked, or not at all.</param>
/// <param name="Columns">Every column of the table, in table order.</param>
/// <param name="Parts">The relations holding its rows: the table itself, or its leaf partitions.</param>
/// <param name="Sample">How a bounded sample of its rows is read (verification, report).</param>
/// <param name="ComparableKey">
/// A unique key whose columns the rules keep and which is NOT NULL, not partial and not on expressions: rows of the new
/// database can be found again by it, so verification compares them with the source's row by row. Null when there is
/// none or nothing is masked.
/// </param>
public sealed record RuleTablePlan(
    TableInfo Table,
    CopyMode Mode,
    IReadOnlyList<ColumnPlan> Columns,
    IReadOnlyList<TablePlan> Parts,
    RowSample Sample,
    UniqueKeyInfo? ComparableKey)
{
    public QualifiedName Name => Table.Name;

    /// <summary>
    /// <c>keep_rows</c>: the predicate of the rows copied unmasked, from the rules (null: none). It splits the rows only where
    /// something is masked (<see cref="TablePlan.KeepRows"/>); every part of a partitioned table applies its root's.
    /// </summary>
    public Rules.KeepRows? KeepRows { get; init; }

    public bool IsPartitioned => Table.Kind == TableKind.Partitioned;

    /// <summary>Rows by the catalog's estimate, partitions included.</summary>
    public long EstimatedRows => Parts.Sum(p => p.Table.EstimatedRows);

    public IEnumerable<ColumnPlan> MaskedColumns => Columns.Where(c => c.Action == ColumnAction.Mask);

    /// <summary>The unique masked columns the new database is checked for after the load (collisions repaired).</summary>
    public IEnumerable<ColumnPlan> CheckedUniqueColumns => Columns.Where(c => c.Uniqueness is { Checked: true });

    public ColumnPlan Column(string name) => Columns.First(c => c.Column.Name == name);
}
