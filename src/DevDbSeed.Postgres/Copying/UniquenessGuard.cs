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
/// the new database. If two distinct originals got the same masked value, the originals behind it are found;
/// all but the first (in byte order, so independent of row order) take the next keyed attempt whose value is
/// still free, and the tables using that mapping are copied again. A column too short to hold its values
/// distinctly is refused (exit 3), never left to fail the load.
/// </summary>
internal sealed class UniquenessGuard(SourceSnapshot source, ConnectionSettings target, MaskingSetup masking, Action<string> warn)
{
    private const int MaxRounds = 3;
    private const int MaxAttempts = 64;

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
                throw TooShort(collisions[0]);
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
                && UniqueToken.MayCollide(c.Rule.UniqueBits(c.Column.Type, c.FitLength), rows)))
            {
                var name = group.Key.Sql;
                var sql = $"SELECT count(DISTINCT {column.Column.Sql}) FROM {name}";
                var masked = await ScalarAsync(writer, sql, cancellationToken);
                var originals = await ScalarAsync(reader, sql, cancellationToken);
                if (masked < originals)
                {
                    var values = await MaskedValuesAsync(writer, name, column, cancellationToken);
                    collisions.Add(new Collision($"{group.Key}.{column.Column.Name}", name, column, originals, values.Duplicates, values.All));
                }
            }
        }

        return collisions;
    }

    /// <summary>Finds the originals behind each duplicate and gives all but one of them the next attempt whose value is free.</summary>
    private async Task<string> RepairAsync(Collision collision, CancellationToken cancellationToken)
    {
        var canonical = collision.Column.Rule!.Canonical(collision.Column.Unique);
        var attempts = masking.Overrides.Of(canonical);
        var masker = masking.MaskerFor(collision.Column, memoise: false); // sees later attempts: the map exists now
        var byMasked = new Dictionary<string, SortedSet<string>>(StringComparer.Ordinal);
        await using (var reader = await source.OpenReaderAsync(cancellationToken))
        {
            await using var command = new NpgsqlCommand($"SELECT DISTINCT {collision.Column.Column.Sql}::text FROM {collision.Table} WHERE {collision.Column.Column.Sql} IS NOT NULL", reader);
            await using var rows = await command.ExecuteReaderAsync(cancellationToken);
            while (await rows.ReadAsync(cancellationToken))
            {
                var text = rows.GetString(0);
                var masked = masker.MaskText(text);
                if (masked is not null && collision.Duplicates.Contains(masked))
                {
                    if (!byMasked.TryGetValue(masked, out var set))
                    {
                        byMasked[masked] = set = new SortedSet<string>(StringComparer.Ordinal);
                    }

                    set.Add(text);
                }
            }
        }

        var taken = collision.Taken;
        foreach (var originals in byMasked.Values.Where(s => s.Count > 1))
        {
            foreach (var original in originals.Skip(1))
            {
                var first = attempts.GetValueOrDefault(original) + 1;
                var found = false;
                for (var attempt = first; attempt < first + MaxAttempts && !found; attempt++)
                {
                    attempts[original] = attempt;
                    found = masker.MaskText(original) is { } value && taken.Add(value);
                }

                if (!found)
                {
                    throw TooShort(collision);
                }
            }
        }

        return canonical;
    }

    private static RulesMismatchException TooShort(Collision collision) => new(
        "the rules do not fit the source schema (1 problem)",
        [$"{collision.Name} ({collision.Column.Rule!.Location}): {collision.Originals} distinct values cannot all get distinct masked values "
            + $"({collision.Column.Rule.Describe(true)}{(collision.Column.FitLength is { } max ? $", {max} characters" : string.Empty)}); "
            + "widen the column, or use a longer hash or a fake"]);

    /// <summary>The distinct masked values of the column, and those held by more than one row.</summary>
    private static async Task<(HashSet<string> All, HashSet<string> Duplicates)> MaskedValuesAsync(
        NpgsqlConnection connection, string table, ColumnPlan column, CancellationToken cancellationToken)
    {
        var all = new HashSet<string>(StringComparer.Ordinal);
        var duplicates = new HashSet<string>(StringComparer.Ordinal);
        await using var command = new NpgsqlCommand(
            $"SELECT {column.Column.Sql}::text, count(*) > 1 FROM {table} WHERE {column.Column.Sql} IS NOT NULL GROUP BY 1", connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var value = reader.GetString(0);
            all.Add(value);
            if (reader.GetBoolean(1))
            {
                duplicates.Add(value);
            }
        }

        return (all, duplicates);
    }

    private static async Task<long> ScalarAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    private sealed record Collision(string Name, string Table, ColumnPlan Column, long Originals, HashSet<string> Duplicates, HashSet<string> Taken);
}
