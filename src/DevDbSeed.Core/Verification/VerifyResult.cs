namespace DevDbSeed.Verification;

/// <summary>A column of the verified database where original values were found, and how many distinct ones of which origin.</summary>
public sealed record VerifyHit(string FoundIn, string OriginalsOf, int Count, string Rule);

/// <summary>What a verification looked at and what it found (counts only, never values).</summary>
/// <param name="MaskedColumns">Masked columns in the plan.</param>
/// <param name="Values">Distinct original values looked for.</param>
/// <param name="SearchedColumns">Columns of the verified database searched for them.</param>
/// <param name="SearchedRows">Rows those columns were read from.</param>
/// <param name="Hits">Where originals were found.</param>
/// <param name="Elapsed">How long it took.</param>
/// <param name="ComparedTables">Tables compared row by row with the source, by their kept unique key.</param>
/// <param name="ComparedRows">Rows compared that way.</param>
public sealed record VerifyResult(int MaskedColumns, int Values, int SearchedColumns, long SearchedRows, IReadOnlyList<VerifyHit> Hits, TimeSpan Elapsed,
    int ComparedTables = 0, long ComparedRows = 0)
{
    public bool Clean => Hits.Count == 0;

    /// <summary>Exit 3 listing each column with original values in it and how many, never the values.</summary>
    /// <param name="consequence">What the failure means for the database, said after the counts.</param>
    /// <param name="database">How the message names the verified database.</param>
    public void ThrowIfLeaking(string consequence, string database = "the new database")
    {
        if (!Clean)
        {
            throw new DevDbSeed.Errors.RulesMismatchException(
                $"verify found original values of masked columns in {database} ({Hits.Sum(h => h.Count)} values in {Hits.Select(h => h.FoundIn).Distinct().Count()} columns); {consequence}",
                [.. Hits.Select(h => $"{h.FoundIn}: {h.Count} original value{(h.Count == 1 ? string.Empty : "s")} of {h.OriginalsOf} (masked with {h.Rule})")]);
        }
    }
}
