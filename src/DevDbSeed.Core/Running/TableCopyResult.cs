using DevDbSeed.Planning;

namespace DevDbSeed.Running;

/// <summary>What one table copy moved.</summary>
/// <param name="Table">The table.</param>
/// <param name="Rows">Rows written to the target.</param>
/// <param name="Bytes">COPY bytes read from the source.</param>
/// <param name="MaskedValues">Non-NULL values masked.</param>
/// <param name="Elapsed">Wall time of the copy (and its ANALYZE).</param>
/// <param name="KeptRows">Rows copied unmasked because <c>keep_rows</c> matches them (included in <paramref name="Rows"/>).</param>
public sealed record TableCopyResult(TablePlan Table, long Rows, long Bytes, long MaskedValues, TimeSpan Elapsed, long KeptRows = 0);
