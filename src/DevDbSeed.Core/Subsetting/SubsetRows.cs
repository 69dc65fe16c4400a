using DevDbSeed.Catalog;

namespace DevDbSeed.Subsetting;

/// <summary>
/// The rows a subset copies of one table holding rows (a plain table or a leaf partition): the addresses of the rows
/// (sorted), the keys they reference (<see cref="SubsetKeys"/>), or every row; and the columns written as NULL in some of
/// them (the references <see cref="Configuration.NullableReferences.SetNull"/> cuts).
/// </summary>
/// <param name="Tids">The rows' addresses (<see cref="Tids"/>), sorted; null: every row, or the rows <paramref name="Keys"/> chooses.</param>
/// <param name="Nulled">Per column name, the sorted addresses of the rows whose value is written as NULL.</param>
/// <param name="Keys">The keys the rows reference, when they are chosen by key rather than by address.</param>
public sealed record SubsetRows(long[]? Tids, IReadOnlyDictionary<string, long[]> Nulled, SubsetKeys? Keys = null)
{
    /// <summary>Whether only some rows are copied, found by address or by key (else every row, some references cut).</summary>
    public bool Chosen => Tids is not null || Keys is not null;

    /// <summary>How many rows are copied; null: every row.</summary>
    public long? Count => Tids?.LongLength ?? Keys?.Rows;

    /// <summary>The select list's expression for <paramref name="column"/>: the column, or NULL in the rows that cut it.</summary>
    public string Expression(ColumnInfo column) =>
        Nulled.TryGetValue(column.Name, out var nulled)
            ? $"CASE WHEN {Subsetting.Tids.Condition("ctid", nulled)} THEN NULL ELSE {column.Sql} END"
            : column.Sql;
}
