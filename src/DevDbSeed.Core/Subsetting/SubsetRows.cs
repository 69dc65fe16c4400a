using DevDbSeed.Catalog;

namespace DevDbSeed.Subsetting;

/// <summary>
/// The rows a subset copies of one table holding rows (a plain table or a leaf partition): the addresses of the rows
/// (sorted), or every row, and the columns written as NULL in some of them (the references
/// <see cref="Configuration.NullableReferences.SetNull"/> cuts).
/// </summary>
/// <param name="Tids">The rows' addresses (<see cref="Tids"/>), sorted; null: every row.</param>
/// <param name="Nulled">Per column name, the sorted addresses of the rows whose value is written as NULL.</param>
public sealed record SubsetRows(long[]? Tids, IReadOnlyDictionary<string, long[]> Nulled)
{
    /// <summary>The select list's expression for <paramref name="column"/>: the column, or NULL in the rows that cut it.</summary>
    public string Expression(ColumnInfo column) =>
        Nulled.TryGetValue(column.Name, out var nulled)
            ? $"CASE WHEN {Subsetting.Tids.Condition("ctid", nulled)} THEN NULL ELSE {column.Sql} END"
            : column.Sql;
}
