using DevDbSeed.Catalog;
using DevDbSeed.Masking;
using DevDbSeed.Planning;

namespace DevDbSeed.Verification;

/// <summary>
/// Where original values come from: a masked column, or the JSON members, array elements or items in text a rule
/// masks inside one.
/// </summary>
/// <param name="Table">The table whose rule applies (the root of a partitioned table).</param>
/// <param name="Column">The masked column's plan (its type, uniqueness and fit).</param>
/// <param name="Part">Where in the column's values, and the rule applied there.</param>
public sealed record Origin(QualifiedName Table, ColumnPlan Column, ValuePart Part)
{
    public string Name => Part.Position is null ? $"{Table}.{Column.Column.Name}" : $"{Table}.{Column.Column.Name} {Part.Position}";

    /// <summary>The rule the values at this origin went through.</summary>
    public MaskingRule Rule => Part.Rule;

    /// <summary>Whether <paramref name="table"/>.<paramref name="column"/> is this origin's own column.</summary>
    public bool IsIn(QualifiedName table, string column) => Table == table && Column.Column.Name == column;
}
