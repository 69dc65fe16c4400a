using DevDbSeed.Catalog;
using DevDbSeed.Planning;

namespace DevDbSeed.Copying;

/// <summary>
/// Fingerprints (64-bit hashes) of the masked values a run writes into the unique columns the plan has checked after the
/// load, taken on the way by the column maskers: when no two are equal, no two values are, and the check after the load
/// need not read the new database (a unique e-mail of a million rows: 8 MB and a sort of a tenth of a second here,
/// instead of a scan and hash aggregate of about a second). Equal fingerprints are no proof of a collision (two values
/// share one with a chance of about n²/2⁶⁵): the check then reads the copy as before.
/// <para>
/// Only columns where distinct bytes mean distinct values, and equal values mean a collision, are fingerprinted: a
/// unique key of the source on the column alone (its originals are distinct), text or varchar under a deterministic
/// collation (byte equality is value equality: not citext, char(n) or a case-insensitive collation), every row masked
/// (no <c>keep_rows</c>), and a table the statistics put at no more than <see cref="MaxRows"/> rows (their fingerprints
/// are held in memory: 32 MB at most a column, so that memory stays flat at any size; measured at 10 M users, 80 MB
/// of fingerprints raised the run's peak from 285 to 340 MB). The others are checked in the database.
/// </para>
/// </summary>
public sealed class CopiedFingerprints
{
    /// <summary>The most rows a table may have for its columns to be fingerprinted (8 bytes a row).</summary>
    public const long MaxRows = 4_000_000;

    private readonly Dictionary<(QualifiedName Table, string Column), ColumnFingerprints> _columns;

    private CopiedFingerprints(Dictionary<(QualifiedName, string), ColumnFingerprints> columns) => _columns = columns;

    /// <summary>Collectors for the checked unique columns of <paramref name="plan"/> that fingerprints can answer for.</summary>
    public static CopiedFingerprints For(PipelinePlan plan) => new(plan.RuleTables
        .Where(t => t.KeepRows is null && t.EstimatedRows is > 0 and <= MaxRows)
        .SelectMany(t => t.CheckedUniqueColumns.Where(c => ComparedByBytes(t.Table, c.Column.Name))
            .Select(c => (Key: (t.Name, c.Column.Name), t.EstimatedRows)))
        .ToDictionary(c => c.Key, c => new ColumnFingerprints(c.EstimatedRows)));

    /// <summary>The collector of a column of the table the rules name (a partition's: its root's); null when it has none.</summary>
    public ColumnFingerprints? Of(QualifiedName ruleTable, string column) => _columns.GetValueOrDefault((ruleTable, column));

    /// <summary>Whether a unique key of the source on the column alone keeps its originals distinct and compares bytes.</summary>
    private static bool ComparedByBytes(TableInfo table, string column) =>
        table.UniqueKeys.Any(k => k is { IsPartial: false, IsExpression: false, ComparesBytes: true } && k.Columns.Count == 1 && k.Columns[0] == column);
}
