using System.Text;
using DevDbSeed.Copying;
using DevDbSeed.Errors;
using DevDbSeed.Masking;
using DevDbSeed.Planning;
using DevDbSeed.Postgres.Connections;
using DevDbSeed.Postgres.Source;
using Npgsql;

namespace DevDbSeed.Postgres.Copying;

/// <summary>
/// Makes sure unique masked columns stayed unique before the indexes are built, so the load never fails on a
/// duplicate. Each unique column whose mapping could collide with a chance above one in a million (short
/// columns, short hashes, shifted dates; not a full-length unique fake or a 40-character hash) is checked in
/// the new database; if two distinct originals got the same
/// masked value (a keyed token makes this astronomically rare, short columns less so), the originals behind
/// it are found, all but the first (in byte order, so independent of row order) get another attempt, and the
/// tables using that mapping are copied again.
/// </summary>
internal sealed class UniquenessGuard(SourceSnapshot source, ConnectionSettings target, MaskingSetup masking, Action<string> warn)
{
    private const int MaxRounds = 5;

    /// <summary>Returns the tables that had to be copied again (none in practice).</summary>
    public async Task<IReadOnlyList<TablePlan>> EnsureAsync(PipelinePlan plan, Func<IReadOnlyList<TablePlan>, CancellationToken, Task> recopy, CancellationToken cancellationToken)
    {
        var recopied = new List<TablePlan>();
        for (var round = 1; ; round++)
        {
            var collisions = await FindCollisionsAsync(plan, cancellationToken);
            if (collisions.Count == 0)
            {
                return recopied;
            }

            if (round > MaxRounds)
            {
                throw new RunFailedException($"{collisions[0].Name} kept duplicate masked values after {MaxRounds} repairs; widen the column or use a longer hash");
            }

            var mappings = new HashSet<string>(StringComparer.Ordinal);
            foreach (var collision in collisions)
            {
                warn($"{collision.Name}: {collision.Duplicates.Count} masked value(s) shared by distinct originals; repairing");
                mappings.Add(await RepairAsync(collision, cancellationToken));
            }

            var affected = plan.Tables.Where(t => t.MaskedColumns.Any(c => mappings.Contains(c.Rule!.Canonical(c.Unique)))).ToList();
            await using (var writer = await Sessions.OpenAsync(target, "new database", cancellationToken))
            {
                foreach (var table in affected)
                {
                    await using var truncate = new NpgsqlCommand($"TRUNCATE {table.Table.Name.Sql}", writer);
                    await truncate.ExecuteNonQueryAsync(cancellationToken);
                }
            }

            await recopy(affected, cancellationToken);
            recopied.AddRange(affected);
        }
    }

    /// <summary>Unique masked columns whose masked values are fewer than their distinct originals.</summary>
    private async Task<List<Collision>> FindCollisionsAsync(PipelinePlan plan, CancellationToken cancellationToken)
    {
        var collisions = new List<Collision>();
        await using var writer = await Sessions.OpenAsync(target, "new database", cancellationToken);
        await using var reader = await source.OpenReaderAsync(cancellationToken);
        foreach (var group in plan.Tables.GroupBy(t => t.RuleName))
        {
            var table = group.First();
            var root = plan.Catalog.Table(group.Key)!;
            var rows = group.Sum(p => p.Table.EstimatedRows);
            foreach (var column in table.MaskedColumns.Where(c => c.Unique
                && (c.Rule!.ForcedUnique || root.UniqueKeys.Concat(group.SelectMany(p => p.Table.UniqueKeys)).Any(k => k.Columns.Contains(c.Column.Name)))
                && UniqueToken.MayCollide(c.Rule.UniqueBits(c.FitLength), rows)))
            {
                var name = group.Key.Sql;
                var sql = $"SELECT count(DISTINCT {column.Column.Sql}) FROM {name}";
                var masked = await ScalarAsync(writer, sql, cancellationToken);
                var originals = await ScalarAsync(reader, sql, cancellationToken);
                if (masked < originals)
                {
                    var duplicates = await DuplicatesAsync(writer, name, column, cancellationToken);
                    collisions.Add(new Collision($"{group.Key}.{column.Column.Name}", name, column, duplicates));
                }
            }
        }

        return collisions;
    }

    /// <summary>Finds the originals behind each duplicate and gives all but one of them the next free attempt.</summary>
    private async Task<string> RepairAsync(Collision collision, CancellationToken cancellationToken)
    {
        var canonical = collision.Column.Rule!.Canonical(collision.Column.Unique);
        var byMasked = new Dictionary<string, SortedSet<string>>(StringComparer.Ordinal);
        await using (var reader = await source.OpenReaderAsync(cancellationToken))
        {
            var masker = masking.MaskerFor(collision.Column);
            var output = new Utf8Builder();
            var original = new Utf8Builder();
            await using var command = new NpgsqlCommand($"SELECT DISTINCT {collision.Column.Column.Sql}::text FROM {collision.Table} WHERE {collision.Column.Column.Sql} IS NOT NULL", reader);
            await using var rows = await command.ExecuteReaderAsync(cancellationToken);
            while (await rows.ReadAsync(cancellationToken))
            {
                var text = rows.GetString(0);
                original.Clear();
                CopyText.Escape(Encoding.UTF8.GetBytes(text), original);
                output.Clear();
                masker.Mask(original.Written, output);
                var maskedText = Unescaped(output);
                if (collision.Duplicates.Contains(maskedText))
                {
                    if (!byMasked.TryGetValue(maskedText, out var set))
                    {
                        byMasked[maskedText] = set = new SortedSet<string>(StringComparer.Ordinal);
                    }

                    set.Add(text);
                }
            }
        }

        var attempts = masking.Overrides.For(canonical);
        foreach (var originals in byMasked.Values.Where(s => s.Count > 1))
        {
            var step = 0;
            foreach (var original in originals.Skip(1))
            {
                masking.Overrides.Set(canonical, original, (attempts?.GetValueOrDefault(original) ?? 0) + ++step);
            }
        }

        return canonical;
    }

    private static string Unescaped(Utf8Builder copyText)
    {
        var plain = new Utf8Builder();
        CopyText.Unescape(copyText.Written, plain);
        return plain.ToString();
    }

    private static async Task<HashSet<string>> DuplicatesAsync(NpgsqlConnection connection, string table, ColumnPlan column, CancellationToken cancellationToken)
    {
        var result = new HashSet<string>(StringComparer.Ordinal);
        await using var command = new NpgsqlCommand(
            $"SELECT {column.Column.Sql}::text FROM {table} WHERE {column.Column.Sql} IS NOT NULL GROUP BY 1 HAVING count(*) > 1", connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            result.Add(reader.GetString(0));
        }

        return result;
    }

    private static async Task<long> ScalarAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    private sealed record Collision(string Name, string Table, ColumnPlan Column, HashSet<string> Duplicates);
}
