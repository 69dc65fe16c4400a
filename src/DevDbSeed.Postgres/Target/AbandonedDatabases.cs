using DevDbSeed.Catalog;
using DevDbSeed.Running;
using Npgsql;

namespace DevDbSeed.Postgres.Target;

/// <summary>
/// Databases devdbseed made for a command that was killed before it could drop them (a half-built new database, a
/// scratch restore of a backup, a replaced previous copy): found by their name prefix and marker comment together,
/// and dropped only when no live command claims them (<see cref="ClaimAsync"/>) and no client is connected, so a
/// command never drops another's. One a client is connected to is kept, with a warning: it may hold unmasked data.
/// </summary>
internal static class AbandonedDatabases
{
    /// <summary>
    /// Holds, for as long as <paramref name="server"/>'s session lives, a claim on a database this command creates: a
    /// killed command's claim ends with its session. Take it before creating the database.
    /// </summary>
    public static Task ClaimAsync(TargetServer server, string database, CancellationToken cancellationToken) =>
        AdvisoryLocks.TakeAsync(server.Admin, AdvisoryLocks.OfDatabase(database), cancellationToken);

    /// <summary>
    /// Drops the databases named <paramref name="prefix"/>... whose comment is exactly <paramref name="marker"/> and
    /// that no live command claims, each with the warning <paramref name="dropped"/> makes of its name; one a client
    /// session is connected to is kept, with <see cref="LeftoverDatabaseInUse"/>.
    /// </summary>
    public static async Task DropAsync(TargetServer server, string prefix, string marker, Func<string, RunWarning> dropped, Action<RunWarning> warn,
        CancellationToken cancellationToken)
    {
        const string sql = """
            SELECT d.datname FROM pg_database d
            WHERE left(d.datname, length(@prefix)) = @prefix AND shobj_description(d.oid, 'pg_database') = @marker
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
            var claim = AdvisoryLocks.OfDatabase(name);
            if (!await AdvisoryLocks.TryTakeAsync(server.Admin, claim, cancellationToken))
            {
                continue; // a live command's own
            }

            try
            {
                await DropIfUnusedAsync(server, name, dropped, warn, cancellationToken);
            }
            finally
            {
                await AdvisoryLocks.ReleaseAsync(server.Admin, claim, cancellationToken);
            }
        }
    }

    /// <summary>
    /// DROP without FORCE, unless a client session is connected (autovacuum and other background processes do not
    /// count: the drop stops autovacuum, and fails on what it cannot stop): a client connecting meanwhile, or a process
    /// the drop cannot stop, keeps the database, with the same warning.
    /// </summary>
    private static async Task DropIfUnusedAsync(TargetServer server, string name, Func<string, RunWarning> dropped, Action<RunWarning> warn,
        CancellationToken cancellationToken)
    {
        var sessions = await server.SessionsOnAsync(name, cancellationToken);
        if (sessions.Count > 0)
        {
            warn(new LeftoverDatabaseInUse(name, sessions.Count));
            return;
        }

        try
        {
            await server.Execute($"DROP DATABASE IF EXISTS {QualifiedName.QuoteIdentifier(name)}", cancellationToken);
            warn(dropped(name));
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.ObjectInUse)
        {
            warn(new LeftoverDatabaseInUse(name, Math.Max(1, await ProcessesOnAsync(server, name, cancellationToken))));
        }
    }

    /// <summary>Every server process on <paramref name="database"/>, clients or not (a replication sender, a background worker).</summary>
    private static async Task<int> ProcessesOnAsync(TargetServer server, string database, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("SELECT count(*)::int FROM pg_stat_activity WHERE datname = @name AND pid <> pg_backend_pid()", server.Admin);
        command.Parameters.AddWithValue("name", database);
        return (int)(await command.ExecuteScalarAsync(cancellationToken))!;
    }
}
