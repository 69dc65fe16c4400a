using DevDbSeed.Postgres.Copying;

namespace DevDbSeed.Postgres.Pipeline;

/// <summary>What a run did: the numbers printed at the end and returned to callers.</summary>
public sealed record RunSummary(string Source, string Target, IReadOnlyList<TableCopyResult> Tables, int MaskedColumns, int Sequences,
    TimeSpan Elapsed, IReadOnlyDictionary<string, TimeSpan> Steps, bool RandomKey)
{
    public long Rows => Tables.Sum(t => t.Rows);

    public long Bytes => Tables.Sum(t => t.Bytes);

    public long MaskedValues => Tables.Sum(t => t.MaskedValues);

    public double RowsPerSecond => Elapsed.TotalSeconds > 0 ? Rows / Elapsed.TotalSeconds : 0;
}
