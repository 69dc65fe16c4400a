using System.Collections.Concurrent;
using DevDbSeed.Configuration;
using DevDbSeed.Parallelism;
using DevDbSeed.Planning;
using DevDbSeed.Postgres.Connections;
using DevDbSeed.Verification;
using Npgsql;

namespace DevDbSeed.Postgres.Verification;

/// <summary>
/// Row-by-row verification: rows of each table whose unique key the rules keep are sampled from the source and read
/// again, by that key, from the target. A masked column whose target value still holds what the same source row
/// held, where its rule would have changed it (<see cref="RowJudge"/>), holds that row's original. Exact where values
/// alone cannot tell: a copied column of first names looks like fakes from the same list. It also catches a copy that
/// skipped masking in some rows or some JSON members, whatever the rule. The rows <c>keep_rows</c> keeps unmasked are not
/// sampled: they hold their originals by design.
/// </summary>
internal sealed class RowComparer(VerificationPlan verification, VerifyOptions options)
{
    /// <summary>
    /// Compares every comparable table, <paramref name="jobs"/> at a time; <paramref name="stillHoldsOriginal"/> says
    /// whether a column's value in the target (third argument) still holds originals of the source's (second).
    /// </summary>
    public async Task<IReadOnlyList<RowComparison>> CompareAsync(Func<CancellationToken, Task<NpgsqlConnection>> openSource, ConnectionSettings target,
        int jobs, Func<ColumnPlan, string, string, bool> stillHoldsOriginal, CancellationToken cancellationToken)
    {
        var results = new ConcurrentBag<RowComparison>();
        await Workers.RunAsync(verification.ComparedByKey, jobs, token => ConnectionPair.OpenAsync(openSource, ct => Sessions.OpenAsync(target, "target", ct), token),
            async (connections, item, token) =>
            {
                foreach (var result in await CompareAsync(connections.Source, connections.Target, item, stillHoldsOriginal, token))
                {
                    results.Add(result);
                }
            }, cancellationToken);
        return [.. results];
    }

    private async Task<IEnumerable<RowComparison>> CompareAsync(NpgsqlConnection source, NpgsqlConnection target, RuleTablePlan table,
        Func<ColumnPlan, string, string, bool> stillHoldsOriginal, CancellationToken cancellationToken)
    {
        var keys = table.ComparableKey!.Columns.Select(name => table.Column(name).Column).ToList();
        var masked = table.MaskedColumns.ToList();
        var selected = string.Join(", ", keys.Concat(masked.Select(c => c.Column)).Select(c => c.Sql + "::text"));

        var originals = new Dictionary<string, string?[]>(StringComparer.Ordinal);
        var keyValues = keys.Select(_ => new List<string>()).ToList();
        await using (var command = new NpgsqlCommand(table.Sample.Select(selected, options.SamplePerColumn, options.SamplePerColumn, table.KeepRows?.Masked), source))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                var keyText = Read(reader, 0, keys.Count);
                for (var k = 0; k < keys.Count; k++)
                {
                    keyValues[k].Add(keyText[k]!);
                }

                originals[string.Join('\u001f', keyText)] = Read(reader, keys.Count, masked.Count);
            }
        }

        var compared = new long[masked.Count];
        var kept = new long[masked.Count];
        if (originals.Count > 0)
        {
            var join = string.Join(" AND ", keys.Select((c, k) => $"t.{c.Sql} = s.k{k}::{c.Type.SqlName}"));
            var unnest = string.Join(", ", keys.Select((_, k) => $"@k{k}::text[]"));
            var names = string.Join(", ", keys.Select((_, k) => $"k{k}"));
            var sql = $"SELECT {string.Join(", ", keys.Concat(masked.Select(c => c.Column)).Select(c => "t." + c.Sql + "::text"))} "
                + $"FROM {table.Name.Sql} AS t JOIN unnest({unnest}) AS s({names}) ON {join}";
            await using var command = new NpgsqlCommand(sql, target);
            for (var k = 0; k < keys.Count; k++)
            {
                command.Parameters.AddWithValue($"k{k}", keyValues[k].ToArray());
            }

            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                if (!originals.TryGetValue(string.Join('\u001f', Read(reader, 0, keys.Count)), out var original))
                {
                    continue;
                }

                var values = Read(reader, keys.Count, masked.Count);
                for (var i = 0; i < masked.Count; i++)
                {
                    if (original[i] is { } before && values[i] is { } after)
                    {
                        compared[i]++;
                        if (stillHoldsOriginal(masked[i], before, after))
                        {
                            kept[i]++;
                        }
                    }
                }
            }
        }

        return masked.Select((c, i) => new RowComparison(table.Name, c, compared[i], kept[i]));
    }

    private static string?[] Read(NpgsqlDataReader reader, int first, int count)
    {
        var values = new string?[count];
        for (var i = 0; i < count; i++)
        {
            values[i] = reader.IsDBNull(first + i) ? null : reader.GetString(first + i);
        }

        return values;
    }
}
