namespace DevDbSeed.Reporting;

/// <summary>
/// How well a table's kept quasi-identifiers single people out, measured on the source: rows are grouped by the
/// combination of those columns' values (NULL is a value of its own), and the smallest group is k. A person whose
/// combination is shared by fewer than <see cref="Threshold"/> rows can be picked out by someone who knows those few
/// facts about them, even with every name masked.
/// </summary>
/// <param name="Columns">The kept quasi-identifier columns, in table order.</param>
/// <param name="K">
/// The smallest group. Exact: over every row. Sampled: the smallest among the combinations of the sampled rows, each
/// counted in the whole table, so the table's k is at most this.
/// </param>
/// <param name="RowsInGroupsBelow5">Rows in groups smaller than 5; sampled: the share of sampled rows in such groups, scaled to the table's estimated rows.</param>
/// <param name="RowsMeasured">Exact: the rows grouped (the whole table). Sampled: the sampled rows whose combinations were counted.</param>
/// <param name="Exact">Whether every row was grouped; false for a big table measured on a sample.</param>
/// <param name="SamplePercent">The <c>TABLESAMPLE SYSTEM</c> percentage the sampled rows were read with; null when exact.</param>
public sealed record ReidentificationReview(IReadOnlyList<string> Columns, long K, long RowsInGroupsBelow5, long RowsMeasured, bool Exact, double? SamplePercent)
{
    /// <summary>The smallest group size deemed safe: a combination shared by fewer rows singles people out (k-anonymity with k = 5).</summary>
    public const int Threshold = 5;

    /// <summary>Whether some combination is shared by fewer than <see cref="Threshold"/> rows (an empty table has none).</summary>
    public bool SinglesPeopleOut() => RowsMeasured > 0 && K < Threshold;
}
