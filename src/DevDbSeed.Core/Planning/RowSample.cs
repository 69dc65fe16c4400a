using System.Globalization;
using DevDbSeed.Catalog;

namespace DevDbSeed.Planning;

/// <summary>
/// How a bounded sample of a table's rows is read by everything that samples (verification, the report, rules init): a
/// cheap, repeatable block sample of a big table (<c>TABLESAMPLE SYSTEM</c>: whole blocks, no full scan) sized to yield
/// about twenty times the rows wanted; a small table is read whole. A partitioned table is read from the start, through
/// its partitions.
/// </summary>
/// <param name="Table">The table read (the partitioned root for partitions).</param>
/// <param name="EstimatedRows">Its rows by the catalog's estimate, partitions included.</param>
/// <param name="BlockSampled">Whether a block sample may be taken (not of a partitioned table).</param>
public sealed record RowSample(QualifiedName Table, long EstimatedRows, bool BlockSampled)
{
    private const int Seed = 20261127;

    /// <summary>The sample policy of a table of <paramref name="catalog"/>.</summary>
    public static RowSample Of(DatabaseCatalog catalog, TableInfo table) =>
        new(table.Name, catalog.EstimatedRows(table), BlockSampled: table.Kind != TableKind.Partitioned);

    /// <summary>
    /// The query reading <paramref name="selectList"/> from about <paramref name="wanted"/> sampled rows, at most <paramref name="limit"/>;
    /// <paramref name="where"/>: only the sampled rows it matches (verification leaves out the rows <c>keep_rows</c> keeps).
    /// </summary>
    public string Select(string selectList, int wanted, long limit, string? where = null) =>
        $"SELECT {selectList} FROM {Table.Sql}{Clause(wanted)}{(where is null ? string.Empty : $" WHERE {where}")} LIMIT {limit.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>The TABLESAMPLE clause when about <paramref name="wanted"/> rows are wanted; empty when the table is read from the start.</summary>
    public string Clause(int wanted) =>
        BlockSampled && EstimatedRows > wanted * 20L
            ? $" TABLESAMPLE SYSTEM ({Math.Max(0.01, Math.Min(100, wanted * 400.0 / EstimatedRows)).ToString("0.####", CultureInfo.InvariantCulture)}) REPEATABLE ({Seed})"
            : string.Empty;
}
