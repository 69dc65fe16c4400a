using DevDbSeed.Catalog;
using DevDbSeed.Masking;

namespace DevDbSeed.Planning;

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
/// <param name="Uniqueness">How distinct originals keep distinct masked values; null when the mapping need not be injective.</param>
/// <param name="FitLength">The length every value must fit: the smallest among the columns sharing the mapping.</param>
/// <param name="Follows">For a column that references a masked column: that column (schema.table.column).</param>
public sealed record ColumnPlan(ColumnInfo Column, ColumnAction Action, MaskingRule? Rule, Uniqueness? Uniqueness, int? FitLength, string? Follows)
{
    /// <summary>The mapping must be injective (unique constraint, unique: true, a foreign key group, or a rule unique elsewhere).</summary>
    public bool Unique => Uniqueness is not null;

    public string Describe() => Action switch
    {
        ColumnAction.Keep => "keep",
        ColumnAction.Generated => "generated (recomputed)",
        _ => Rule!.Describe(Unique) + (Follows is null ? string.Empty : $" (follows {Follows})"),
    };
}
