using DevDbSeed.Parallelism;
using DevDbSeed.Postgres.Connections;
using Npgsql;

namespace DevDbSeed.Postgres.Backup;

/// <summary>
/// What a restore brought: the exact rows of every table (plain tables and partitions), counted in parallel. A table
/// with rows and no row estimate is analysed on the way: a restore leaves estimates only where it built an index,
/// and the plan reads them (how a unique column is checked, how a big table is sampled) as on a live source.
/// </summary>
internal static class RestoredTables
{
    public static async Task<(int Tables, long Rows)> CountAsync(ConnectionSettings database, int jobs, CancellationToken cancellationToken)
    {
        const string sql = """
            SELECT format('%I.%I', n.nspname, c.relname), c.reltuples <= 0 FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE c.relkind = 'r' AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname !~ '^pg_(toast|temp_)'
            ORDER BY pg_relation_size(c.oid) DESC, 1
            """;
        var tables = new List<(string Name, bool NoEstimate)>();
        await using (var connection = await Sessions.OpenAsync(database, "scratch database", cancellationToken))
        await using (var command = new NpgsqlCommand(sql, connection))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                tables.Add((reader.GetString(0), reader.GetBoolean(1)));
            }
        }

        long rows = 0;
        await Workers.RunAsync(tables, jobs, token => Sessions.OpenAsync(database, "scratch database", token), async (connection, table, token) =>
        {
            await using var count = new NpgsqlCommand($"SELECT count(*) FROM {table.Name}", connection);
            var counted = (long)(await count.ExecuteScalarAsync(token))!;
            Interlocked.Add(ref rows, counted);
            if (counted > 0 && table.NoEstimate)
            {
                await using var analyze = new NpgsqlCommand($"ANALYZE {table.Name}", connection);
                await analyze.ExecuteNonQueryAsync(token);
            }
        }, cancellationToken);
        return (tables.Count, rows);
    }
}
