using System.Text;
using DevDbSeed.Catalog;
using DevDbSeed.Errors;
using DevDbSeed.Postgres.Connections;
using Npgsql;

namespace DevDbSeed.Postgres.Target;

/// <summary>
/// The server that holds the dev database, seen from its maintenance database: creating, renaming and
/// dropping databases happens here, never inside the target itself.
/// </summary>
internal sealed class TargetServer : IAsyncDisposable
{
    private const int MaxIdentifierBytes = 63;
    private readonly NpgsqlConnection _admin;
    private readonly string _role;
    private readonly string? _connectVia;

    private TargetServer(ConnectionSettings target, NpgsqlConnection admin, int serverVersion, string role, string? connectVia)
    {
        Target = target;
        _admin = admin;
        ServerVersion = serverVersion;
        _role = role;
        _connectVia = connectVia;
    }

    /// <summary>The dev database's connection settings (its name is the database to replace).</summary>
    public ConnectionSettings Target { get; }

    public string TargetName => Target.Database;

    public string PreviousName => TargetName + "_previous";

    public int ServerVersion { get; }

    public NpgsqlConnection Admin => _admin;

    /// <summary>
    /// Connects to the server of <paramref name="target"/>; <paramref name="role"/> names it in errors (the restore
    /// server too). The connection goes to <paramref name="connectVia"/> first when it is given and is not the target
    /// database itself (a restore server's own database: on some servers the only one the tool may connect to), then to
    /// <c>postgres</c>, then <c>template1</c>: never to the target, which may not exist yet and must not hold a session
    /// of the tool's own when it is renamed.
    /// </summary>
    public static async Task<TargetServer> OpenAsync(ConnectionSettings target, CancellationToken cancellationToken, string role = "target server",
        string? connectVia = null)
    {
        if (Encoding.UTF8.GetByteCount(target.Database + "_previous") > MaxIdentifierBytes)
        {
            throw new ConfigurationException($"the target database name '{target.Database}' is too long: '{target.Database}_previous' must fit PostgreSQL's 63 bytes");
        }

        string[] databases = [.. new[] { connectVia, "postgres", "template1" }.OfType<string>().Where(d => d != target.Database).Distinct()];
        NpgsqlConnection? admin = null;
        foreach (var database in databases)
        {
            try
            {
                admin = await Sessions.OpenAsync(target.ForDatabase(database), role, cancellationToken);
                break;
            }
            catch (RunFailedException e) when (e.InnerException is PostgresException { SqlState: PostgresErrorCodes.InvalidCatalogName or PostgresErrorCodes.InsufficientPrivilege }
                                               && database != databases[^1])
            {
                // no such database here, or not one the tool may connect to: try the next
            }
        }

        await using var version = new NpgsqlCommand("SELECT current_setting('server_version_num')::int", admin!);
        return new TargetServer(target, admin!, (int)(await version.ExecuteScalarAsync(cancellationToken))!, role, connectVia);
    }

    /// <summary>A new connection to the same server, as this one was opened (after this one broke).</summary>
    public Task<TargetServer> ReconnectAsync(CancellationToken cancellationToken) => OpenAsync(Target, cancellationToken, _role, _connectVia);

    /// <summary>Serialises runs and rollbacks against one target: a second one fails instead of racing the first.</summary>
    public async Task LockAsync(CancellationToken cancellationToken)
    {
        if (!await AdvisoryLocks.TryTakeAsync(_admin, AdvisoryLocks.OfTarget(TargetName), cancellationToken))
        {
            throw new RunFailedException($"another devdbseed run or rollback is replacing {TargetName} on this server; try again when it has finished");
        }
    }

    public async Task<bool> ExistsAsync(string database, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("SELECT EXISTS (SELECT 1 FROM pg_database WHERE datname = @name)", _admin);
        command.Parameters.AddWithValue("name", database);
        return (bool)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    /// <summary>Other sessions connected to <paramref name="database"/> (they block the swap).</summary>
    public async Task<IReadOnlyList<ClientSession>> SessionsOnAsync(string database, CancellationToken cancellationToken)
    {
        const string sql = """
            SELECT pid, coalesce(usename, ''), coalesce(application_name, ''), coalesce(host(client_addr), 'local')
            FROM pg_stat_activity
            WHERE datname = @name AND pid <> pg_backend_pid() AND backend_type = 'client backend' -- autovacuum gives way on its own
            ORDER BY pid
            """;
        await using var command = new NpgsqlCommand(sql, _admin);
        command.Parameters.AddWithValue("name", database);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var sessions = new List<ClientSession>();
        while (await reader.ReadAsync(cancellationToken))
        {
            sessions.Add(new ClientSession(reader.GetInt32(0), reader.GetString(1), reader.GetString(2), reader.GetString(3)));
        }

        return sessions;
    }

    public async Task TerminateSessionsAsync(string database, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE datname = @name AND pid <> pg_backend_pid() AND backend_type = 'client backend'", _admin);
        command.Parameters.AddWithValue("name", database);
        await command.ExecuteScalarAsync(cancellationToken);
    }

    /// <summary>Drops a database, disconnecting anyone still on it (used for devdbseed's own databases only).</summary>
    public async Task DropAsync(string database, CancellationToken cancellationToken)
    {
        if (ServerVersion < 130000)
        {
            await TerminateSessionsAsync(database, cancellationToken);
        }

        var force = ServerVersion >= 130000 ? " WITH (FORCE)" : string.Empty;
        await Execute($"DROP DATABASE IF EXISTS {QualifiedName.QuoteIdentifier(database)}{force}", cancellationToken);
    }

    internal async Task Execute(string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, _admin);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>
    /// Releases the session's advisory locks before closing it: a closed connection's backend releases them only once
    /// it has exited, a moment later, and a command started right after this one would find the target still locked.
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        try
        {
            if (_admin.State == System.Data.ConnectionState.Open)
            {
                await using var unlock = new NpgsqlCommand("SELECT pg_advisory_unlock_all()", _admin) { CommandTimeout = 5 };
                await unlock.ExecuteNonQueryAsync(CancellationToken.None);
            }
        }
        catch (Exception e) when (e is NpgsqlException or InvalidOperationException or TimeoutException)
        {
            // a broken session: its locks end with it
        }
        finally
        {
            await _admin.DisposeAsync();
        }
    }
}

/// <summary>A client connected to a database.</summary>
internal sealed record ClientSession(int Pid, string User, string Application, string Address)
{
    public override string ToString() =>
        $"{(User.Length > 0 ? User : "?")} from {Address}{(Application.Length > 0 ? $" ({Application})" : string.Empty)}, pid {Pid}";
}
