using DevDbSeed.Configuration;
using DevDbSeed.Verification;
using Npgsql;

namespace DevDbSeed.Postgres.Verification;

/// <summary>
/// Reads, from the source snapshot, the values of the masked columns the verification plan names (all of them, or a
/// block sample of big tables), one read per table, and hands them to the <see cref="OriginalsCollector"/> (a column whose
/// originals it has enough of is no longer read as text). The rows
/// <c>keep_rows</c> keeps unmasked give none: their values are meant to be in the copy.
/// </summary>
internal static class NeedleCollector
{
    public static async Task<Dictionary<string, List<Origin>>> CollectAsync(
        NpgsqlConnection source, VerificationPlan verification, VerifyOptions options, CancellationToken cancellationToken)
    {
        var collector = new OriginalsCollector(options);
        foreach (var table in verification.Originals)
        {
            var originals = collector.For(table);
            var sql = table.Table.Sample.Select(string.Join(", ", table.Columns.Select(c => c.Column.Sql + "::text")), options.SamplePerColumn, options.SamplePerColumn * 4L,
                table.Table.KeepRows?.Masked);
            await using var command = new NpgsqlCommand(sql, source);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                for (var i = 0; i < table.Columns.Count; i++)
                {
                    if (originals.Wants(i) && !reader.IsDBNull(i))
                    {
                        originals.Add(i, reader.GetString(i));
                    }
                }
            }
        }

        return collector.Needles();
    }
}
