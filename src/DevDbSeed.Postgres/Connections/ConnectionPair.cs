using DevDbSeed.Postgres.Source;
using Npgsql;

namespace DevDbSeed.Postgres.Connections;

/// <summary>A worker's two connections: one reading the source snapshot, one on the database written or verified.</summary>
internal sealed class ConnectionPair : IAsyncDisposable
{
    private bool _sourceScansAllowed = true; // the server's default

    private ConnectionPair(NpgsqlConnection source, NpgsqlConnection target)
    {
        Source = source;
        Target = target;
    }

    public NpgsqlConnection Source { get; }

    public NpgsqlConnection Target { get; }

    /// <summary>
    /// Lets the source reader's planner scan whole tables, or not (<see cref="TableScans"/>): a round trip only when that
    /// changes, so a worker copying slice after slice of a subset by address sets it once.
    /// </summary>
    public async Task AllowSourceScansAsync(bool allowed, CancellationToken cancellationToken)
    {
        if (allowed != _sourceScansAllowed)
        {
            await TableScans.AllowAsync(Source, allowed, cancellationToken);
            _sourceScansAllowed = allowed;
        }
    }

    /// <summary>Opens both, or neither: the first is closed when the second cannot be opened.</summary>
    public static async Task<ConnectionPair> OpenAsync(Func<CancellationToken, Task<NpgsqlConnection>> source, Func<CancellationToken, Task<NpgsqlConnection>> target,
        CancellationToken cancellationToken)
    {
        var first = await source(cancellationToken);
        try
        {
            return new ConnectionPair(first, await target(cancellationToken));
        }
        catch
        {
            await first.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await Source.DisposeAsync();
        }
        finally
        {
            await Target.DisposeAsync();
        }
    }
}
