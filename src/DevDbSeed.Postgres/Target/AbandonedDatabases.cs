using DevDbSeed.Catalog;
using DevDbSeed.Running;
using Npgsql;

namespace DevDbSeed.Postgres.Target;

/// <summary>
/// Databases devdbseed made for a run that was killed before it could drop them (a half-built new database, a
/// scratch restore of a backup): found by their name prefix and marker comment together, and dropped only when no
/// session is connected and no live run claims them (<see cref="ClaimAsync"/>), so a run never drops another's.
/// </summary>
internal static class AbandonedDatabases
{
    /// <summary>
    /// Holds, for as long as <paramref name="server"/>'s session lives, a claim on a database this run creates: a
    /// killed run's claim ends with its session. Take it before creating the database.
    /// </summary>
    public static async Task ClaimAsync(TargetServer server, string database, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("SELECT pg_advisory_lock(hashtextextended('devdbseed database:' || @name, 0))", server.Admin);
        command.Parameters.AddWithValue("name", database);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Drops the databases named <paramref name="prefix"/>... whose comment is exactly <paramref name="marker"/>, with a warning each.</summary>
    public static async Task DropAsync(TargetServer server, string prefix, string marker, Action<RunWarning> warn, CancellationToken cancellationToken)
    {
        const string sql = """
            SELECT d.datname FROM pg_database d
            WHERE left(d.datname, length(@prefix)) = @prefix
              AND shobj_description(d.oid, 'pg_database') = @marker
              AND NOT EXISTS (SELECT 1 FROM pg_stat_activity a WHERE a.datname = d.datname)
            ORDER BY d.datname
            """;
        var candidates = new List<string>();
        await using (var command = new NpgsqlCommand(sql, server.Admin))
        {
            command.Parameters.AddWithValue("prefix", prefix);
            command.Parameters.AddWithValue("marker", marker);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                candidates.Add(reader.GetString(0));
            }
        }

        foreach (var name in candidates)
        {
            if (await TryClaimAsync(server, name, cancellationToken))
            {
                try
                {
                    await DropIfUnusedAsync(server, name, warn, cancellationToken);
                }
                finally
                {
                    await ReleaseAsync(server, name, cancellationToken);
                }
            }
        }
    }

    /// <summary>DROP without FORCE: a session that connected since the query above keeps the database (and this run goes on).</summary>
    private static async Task DropIfUnusedAsync(TargetServer server, string name, Action<RunWarning> warn, CancellationToken cancellationToken)
    {
        try
        {
            await server.Execute($"DROP DATABASE IF EXISTS {QualifiedName.QuoteIdentifier(name)}", cancellationToken);
            warn(new AbandonedDatabaseDropped(name));
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.ObjectInUse)
        {
            // someone is connected to it now: not abandoned after all
        }
    }

    private static async Task<bool> TryClaimAsync(TargetServer server, string database, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("SELECT pg_try_advisory_lock(hashtextextended('devdbseed database:' || @name, 0))", server.Admin);
        command.Parameters.AddWithValue("name", database);
        return (bool)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    private static async Task ReleaseAsync(TargetServer server, string database, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("SELECT pg_advisory_unlock(hashtextextended('devdbseed database:' || @name, 0))", server.Admin);
        command.Parameters.AddWithValue("name", database);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
