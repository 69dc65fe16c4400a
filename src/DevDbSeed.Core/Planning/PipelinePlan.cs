using DevDbSeed.Catalog;
using DevDbSeed.Masking;
using DevDbSeed.Rules;

namespace DevDbSeed.Planning;

/// <summary>What happens to a table's rows.</summary>
public enum TableAction
{
    /// <summary>Rows pass through untouched, without being decoded.</summary>
    Copy,

    /// <summary>Rows are decoded and some columns masked on the way.</summary>
    Mask,

    /// <summary>Structure only, no rows.</summary>
    Empty,
}

/// <summary>What happens to one column's values.</summary>
public enum ColumnAction
{
    Keep,
    Mask,

    /// <summary>A generated column: not copied, recomputed by the target from the masked columns.</summary>
    Generated,
}

/// <summary>The decision for one column.</summary>
/// <param name="Column">The column.</param>
/// <param name="Action">Keep, mask or generated.</param>
/// <param name="Rule">The masking rule (for <see cref="ColumnAction.Mask"/>).</param>
/// <param name="Unique">The mapping must be injective (unique constraint, unique: true, or a foreign key group).</param>
/// <param name="FitLength">The length every value must fit: the smallest among the columns sharing the mapping.</param>
/// <param name="Follows">For a column that references a masked column: that column (schema.table.column).</param>
public sealed record ColumnPlan(ColumnInfo Column, ColumnAction Action, MaskingRule? Rule, bool Unique, int? FitLength, string? Follows)
{
    public string Describe() => Action switch
    {
        ColumnAction.Keep => "keep",
        ColumnAction.Generated => "generated (recomputed)",
        _ => Rule!.Describe(Unique) + (Follows is null ? string.Empty : $" (follows {Follows})"),
    };
}

/// <summary>The decision for one table that holds rows (a plain table or a leaf partition).</summary>
/// <param name="Table">The table.</param>
/// <param name="RuleName">The table whose rule applies (the root for partitions).</param>
/// <param name="Action">Copy, mask or empty.</param>
/// <param name="Columns">Every column, in table order.</param>
public sealed record TablePlan(TableInfo Table, QualifiedName RuleName, TableAction Action, IReadOnlyList<ColumnPlan> Columns)
{
    /// <summary>The columns COPY moves (generated columns are recomputed by the target).</summary>
    public IReadOnlyList<ColumnPlan> CopiedColumns => [.. Columns.Where(c => c.Action != ColumnAction.Generated)];

    public IEnumerable<ColumnPlan> MaskedColumns => Columns.Where(c => c.Action == ColumnAction.Mask);
}

/// <summary>
/// What a run will do, built from (pipeline rules, source catalog) before any row moves: what <c>check</c>
/// prints and what <c>run</c> executes.
/// </summary>
/// <param name="Catalog">The source schema the plan was made for.</param>
/// <param name="Rules">The rules applied.</param>
/// <param name="Tables">Every table holding rows, largest first.</param>
/// <param name="UniqueRules">The rules (canonical, without uniqueness) that are unique wherever they are used, JSON members included.</param>
public sealed record PipelinePlan(DatabaseCatalog Catalog, RuleSet Rules, IReadOnlyList<TablePlan> Tables, IReadOnlySet<string> UniqueRules)
{
    public int MaskedColumnCount => Tables.GroupBy(t => t.RuleName).Sum(g => g.First().MaskedColumns.Count());

    /// <summary>The set constants, with the columns they must fit (cast-checked on the source before a run).</summary>
    public IEnumerable<(TablePlan Table, ColumnPlan Column, string Value)> Constants =>
        from t in Tables
        from c in t.MaskedColumns
        from v in ConstantsOf(c.Rule!)
        select (t, c, v);

    private static IEnumerable<string> ConstantsOf(MaskingRule rule) => rule switch
    {
        Masking.Transformers.SetRule set => [set.Value],
        _ => [],
    };
}
