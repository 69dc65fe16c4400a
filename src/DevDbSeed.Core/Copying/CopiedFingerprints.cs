using DevDbSeed.Catalog;
using DevDbSeed.Planning;

namespace DevDbSeed.Copying;

/// <summary>
/// Fingerprints (64-bit hashes) of the masked values a run writes into the unique columns the plan has checked after the
/// load, taken on the way by the column maskers: when no two are equal, no two values are, and the check after the load
/// need not read the new database (a unique e-mail of a million rows: 8 MB and a sort of a tenth of a second here,
/// instead of a scan and hash aggregate of about a second; of 10 M rows, a spilling aggregate of the just-loaded table).
/// Equal fingerprints are no proof of a collision (two values share one with a chance of about n²/2⁶⁵): the check then
/// reads the copy as before.
/// <para>
/// Only columns where distinct bytes mean distinct values, and equal values mean a collision, are fingerprinted: a
/// unique key of the source on the column alone (its originals are distinct), text or varchar under a deterministic
/// collation (byte equality is value equality: not citext, char(n) or a case-insensitive collation), and every row masked
/// (no <c>keep_rows</c>). The others are checked in the database. Memory stays flat whatever the table's size: a column
/// holds at most 8 MB of fingerprints and keeps the rest in a temporary file (<see cref="ColumnFingerprints"/>), removed
/// when this is disposed.
/// </para>
/// </summary>
public sealed class CopiedFingerprints : IDisposable
{
    private readonly Dictionary<(QualifiedName Table, string Column), ColumnFingerprints> _columns;

    private CopiedFingerprints(Dictionary<(QualifiedName, string), ColumnFingerprints> columns) => _columns = columns;

    /// <summary>Collectors for the checked unique columns of <paramref name="plan"/> that fingerprints can answer for.</summary>
    public static CopiedFingerprints For(PipelinePlan plan) => new(plan.RuleTables
        .Where(t => t.KeepRows is null)
        .SelectMany(t => t.CheckedUniqueColumns.Where(c => ComparedByBytes(t.Table, c.Column.Name))
            .Select(c => (Key: (t.Name, c.Column.Name), t.EstimatedRows)))
        .ToDictionary(c => c.Key, c => new ColumnFingerprints(c.EstimatedRows)));

    /// <summary>The collector of a column of the table the rules name (a partition's: its root's); null when it has none.</summary>
    public ColumnFingerprints? Of(QualifiedName ruleTable, string column) => _columns.GetValueOrDefault((ruleTable, column));

    public void Dispose()
    {
        foreach (var column in _columns.Values)
        {
            column.Dispose();
        }
    }

    /// <summary>Whether a unique key of the source on the column alone keeps its originals distinct and compares bytes.</summary>
    private static bool ComparedByBytes(TableInfo table, string column) =>
        table.UniqueKeys.Any(k => k is { IsPartial: false, IsExpression: false, ComparesBytes: true } && k.Columns.Count == 1 && k.Columns[0] == column);
}
