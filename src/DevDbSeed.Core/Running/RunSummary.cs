namespace DevDbSeed.Running;

/// <summary>What a run did: the numbers printed at the end and returned to callers.</summary>
/// <param name="Source">The source, without its password.</param>
/// <param name="Target">The target, without its password.</param>
/// <param name="Tables">Per table holding rows, what its copy moved.</param>
/// <param name="MaskedColumns">Masked columns in the plan.</param>
/// <param name="Sequences">Sequences whose positions were taken over.</param>
/// <param name="Elapsed">Wall time of the run.</param>
/// <param name="Steps">Each step's time, in the order the steps ended.</param>
/// <param name="Warnings">What the run warned about.</param>
public sealed record RunSummary(string Source, string Target, IReadOnlyList<TableCopyResult> Tables, int MaskedColumns, int Sequences,
    TimeSpan Elapsed, IReadOnlyList<StepFinished> Steps, IReadOnlyList<RunWarning> Warnings)
{
    public long Rows => Tables.Sum(t => t.Rows);

    public long Bytes => Tables.Sum(t => t.Bytes);

    public long MaskedValues => Tables.Sum(t => t.MaskedValues);

    public double RowsPerSecond => Elapsed.TotalSeconds > 0 ? Rows / Elapsed.TotalSeconds : 0;

    /// <summary>Whether the run masked with a random key (no secret): its fakes differ from every other run's.</summary>
    public bool RandomKey => Warnings.OfType<RandomKeyUsed>().Any();
}
