using System.Globalization;
using DevDbSeed.Catalog;
using DevDbSeed.Planning;
using DevDbSeed.Reporting;
using Npgsql;

namespace DevDbSeed.Postgres.Reporting;

/// <summary>
/// How big a table must be before it is measured on a sample, and how many rows that sample reads.
/// </summary>
/// <param name="ExactRowLimit">Tables estimated at up to this many rows are grouped whole (exact).</param>
/// <param name="SampledRows">About how many rows the block sample of a bigger table reads.</param>
internal sealed record GroupSizeLimits(long ExactRowLimit, int SampledRows)
{
    /// <summary>Exact up to 1,000,000 rows; above, the combinations of a block sample of about 20,000 rows.</summary>
    public static GroupSizeLimits Default { get; } = new(1_000_000, 20_000);
}

/// <summary>
/// Measures k over a table's kept quasi-identifiers on the source, in one read-only query on the report's snapshot.
/// Exact for a table up to <see cref="GroupSizeLimits.ExactRowLimit"/> rows: every row grouped by the columns
/// (<c>GROUP BY</c>: NULL is a group of its own). A bigger table: the combinations of about
/// <see cref="GroupSizeLimits.SampledRows"/> rows read with <c>TABLESAMPLE SYSTEM</c> are each counted exactly in
/// the whole table (one sequential read, a hash of the sampled combinations only, never of the table's): k is the
/// smallest of those counts, so the table's is at most that, and the share of sampled rows in groups below 5 estimates
/// the table's.
/// </summary>
internal static class GroupSizeMeter
{
    private const int Seed = 20261127;

    public static async Task<ReidentificationReview> MeasureAsync(NpgsqlConnection source, RuleTablePlan table, IReadOnlyList<string> columns, GroupSizeLimits limits,
        CancellationToken cancellationToken)
    {
        var exact = table.EstimatedRows <= limits.ExactRowLimit;
        var percent = exact ? (double?)null : Math.Round(Math.Clamp(limits.SampledRows * 100.0 / table.EstimatedRows, 0.0001, 100), 4);
        await using var command = new NpgsqlCommand(exact ? ExactSql(table.Name, columns) : SampledSql(table.Name, columns, percent!.Value), source);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        var rows = reader.GetInt64(0);
        var k = reader.GetInt64(1);
        var below = reader.GetInt64(2);
        if (!exact)
        {
            below = rows == 0 ? 0 : (long)Math.Round((double)below / rows * table.EstimatedRows);
        }

        return new ReidentificationReview(columns, k, below, rows, exact, percent);
    }

    /// <summary>Rows, the smallest group and the rows in groups below 5, over every row.</summary>
    internal static string ExactSql(QualifiedName table, IReadOnlyList<string> columns) => $"""
        SELECT coalesce(sum(n), 0)::bigint, coalesce(min(n), 0)::bigint, coalesce(sum(n) FILTER (WHERE n < {ReidentificationReview.Threshold}), 0)::bigint
        FROM (SELECT count(*) AS n FROM {table.Sql} GROUP BY {List(columns)}) AS groups
        """;

    /// <summary>
    /// Sampled rows, the smallest whole-table count among their combinations, and the sampled rows whose combination
    /// the whole table holds fewer than 5 times. A combination is compared as its row's text (<c>ROW(a, b)::text</c>),
    /// where NULL and an empty string differ, so that NULLs match as <c>GROUP BY</c> groups them.
    /// </summary>
    internal static string SampledSql(QualifiedName table, IReadOnlyList<string> columns, double percent)
    {
        var combination = $"ROW({List(columns)})::text";
        return $"""
            WITH sampled AS MATERIALIZED (
                SELECT {combination} AS combination FROM {table.Sql} TABLESAMPLE SYSTEM ({percent.ToString("0.####", CultureInfo.InvariantCulture)}) REPEATABLE ({Seed})
            ), sizes AS (
                SELECT {combination} AS combination, count(*) AS n FROM {table.Sql}
                WHERE {combination} IN (SELECT combination FROM sampled) GROUP BY 1
            )
            SELECT count(*)::bigint, coalesce(min(n), 0)::bigint, (count(*) FILTER (WHERE n < {ReidentificationReview.Threshold}))::bigint
            FROM sampled JOIN sizes USING (combination)
            """;
    }

    private static string List(IReadOnlyList<string> columns) => string.Join(", ", columns.Select(QualifiedName.QuoteIdentifier));
}
