using DevDbSeed.Catalog;
using DevDbSeed.Postgres.Connections;
using DevDbSeed.Running;
using Npgsql;

namespace DevDbSeed.Postgres.Source;

/// <summary>
/// One consistent, read-only view of the source: a REPEATABLE READ READ ONLY transaction that exports its
/// snapshot and stays open for the whole run. pg_dump and every parallel reader import the same snapshot,
/// so schema and rows are of one instant. Nothing here can write to the source.
/// </summary>
internal sealed class SourceSnapshot : IAsyncDisposable
{
    private readonly ConnectionSettings _settings;
    private readonly NpgsqlConnection _holder;

    private SourceSnapshot(ConnectionSettings settings, NpgsqlConnection holder, string snapshotId, string serverIdentity)
    {
        _settings = settings;
        _holder = holder;
        SnapshotId = snapshotId;
        ServerIdentity = serverIdentity;
    }

    /// <summary>The database the snapshot is of (the live source, or a backup's scratch restore).</summary>
    public ConnectionSettings Settings => _settings;

    /// <summary>Which cluster the source is (to refuse a target that is the source itself).</summary>
    public string ServerIdentity { get; }

    /// <summary>The exported snapshot, for <c>SET TRANSACTION SNAPSHOT</c> and <c>pg_dump --snapshot</c>.</summary>
    public string SnapshotId { get; }

    /// <summary>The connection holding the snapshot (catalog reads happen on it).</summary>
    public NpgsqlConnection Holder => _holder;

    /// <summary>When the snapshot was exported, by the source server's clock: the rows are as they were then.</summary>
    public DateTimeOffset TakenAt { get; private init; }

    /// <summary>Opens the snapshot and tells <paramref name="observer"/> when it was taken (<see cref="SnapshotOpened"/>).</summary>
    public static async Task<SourceSnapshot> OpenAsync(ConnectionSettings settings, IRunObserver observer, CancellationToken cancellationToken)
    {
        var snapshot = await OpenAsync(settings, cancellationToken);
        observer.OnEvent(new SnapshotOpened(settings.ToString(), snapshot.TakenAt));
        return snapshot;
    }

    public static async Task<SourceSnapshot> OpenAsync(ConnectionSettings settings, CancellationToken cancellationToken)
    {
        var holder = await Sessions.OpenAsync(settings, "source", cancellationToken);
        try
        {
            var identity = await Target.ServerIdentity.OfServerAsync(holder, cancellationToken);
            await using var command = new NpgsqlCommand(
                "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY; SELECT pg_export_snapshot(), clock_timestamp();", holder);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            await reader.ReadAsync(cancellationToken);
            var id = reader.GetString(0);
            var takenAt = reader.GetFieldValue<DateTimeOffset>(1);
            return new SourceSnapshot(settings, holder, id, identity) { TakenAt = takenAt };
        }
        catch
        {
            await holder.DisposeAsync();
            throw;
        }
    }

    /// <summary>A new read-only connection that sees exactly this snapshot.</summary>
    public async Task<NpgsqlConnection> OpenReaderAsync(CancellationToken cancellationToken)
    {
        var connection = await Sessions.OpenAsync(_settings, "source", cancellationToken);
        try
        {
            await using var command = new NpgsqlCommand(
                $"BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY; SET TRANSACTION SNAPSHOT '{SnapshotId}';", connection);
            await command.ExecuteNonQueryAsync(cancellationToken);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// Holds <c>ACCESS SHARE</c> locks on <paramref name="tables"/> until the snapshot ends, as <c>pg_dump</c> does while
    /// it reads: a <c>VACUUM FULL</c>, <c>CLUSTER</c> or <c>ALTER TABLE</c> of one of them waits for the run instead of
    /// moving the rows a subset names by address. Writes to the tables are not held up.
    /// </summary>
    public async Task LockAsync(IEnumerable<QualifiedName> tables, CancellationToken cancellationToken)
    {
        var names = string.Join(", ", tables.Select(t => "ONLY " + t.Sql));
        if (names.Length == 0)
        {
            return;
        }

        await using var command = new NpgsqlCommand($"LOCK TABLE {names} IN ACCESS SHARE MODE", _holder);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async ValueTask DisposeAsync() => await _holder.DisposeAsync();
}
