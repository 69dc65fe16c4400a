using DevDbSeed.Catalog;

namespace DevDbSeed.Planning;

/// <summary>How a table's rows travel.</summary>
public enum CopyMode
{
    /// <summary>Rows pass through untouched, without being decoded (binary COPY where every type allows it).</summary>
    Passthrough,

    /// <summary>Rows are decoded and some columns masked on the way.</summary>
    Masked,

    /// <summary>Structure only, no rows.</summary>
    Emptied,
}

/// <summary>The decision for one table that holds rows (a plain table or a leaf partition): its rule table's, applied to it.</summary>
/// <param name="Table">The table.</param>
/// <param name="RuleName">The table whose rule applies (the root for partitions).</param>
/// <param name="Mode">Passthrough, masked or emptied.</param>
/// <param name="Columns">Every column, in table order.</param>
public sealed record TablePlan(TableInfo Table, QualifiedName RuleName, CopyMode Mode, IReadOnlyList<ColumnPlan> Columns)
{
    /// <summary>The columns COPY moves (generated columns are recomputed by the target).</summary>
    public IReadOnlyList<ColumnPlan> CopiedColumns => [.. Columns.Where(c => c.Action != ColumnAction.Generated)];

    public IEnumerable<ColumnPlan> MaskedColumns => Columns.Where(c => c.Action == ColumnAction.Mask);

    /// <summary>
    /// With <c>keep_rows</c> on a masked table (its root's, for a partition): the rows the predicate matches are copied as they
    /// are, the others masked. Null: every row is treated alike.
    /// </summary>
    public Rules.KeepRows? KeepRows { get; init; }

    /// <summary>A passthrough table whose every copied type travels in binary COPY (never decoded, cheapest for the server).</summary>
    public bool Binary => Mode == CopyMode.Passthrough && BinaryCopySafe;

    /// <summary>Whether every copied type travels in binary COPY (what rows copied as they are then use).</summary>
    public bool BinaryCopySafe => CopiedColumns.All(c => c.Column.Type.BinaryCopySafe);
}
