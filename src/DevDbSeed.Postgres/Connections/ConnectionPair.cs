using Npgsql;

namespace DevDbSeed.Postgres.Connections;

/// <summary>A worker's two connections: one reading the source snapshot, one on the database written or verified.</summary>
internal sealed class ConnectionPair : IAsyncDisposable
{
    private ConnectionPair(NpgsqlConnection source, NpgsqlConnection target)
    {
        Source = source;
        Target = target;
    }

    public NpgsqlConnection Source { get; }

    public NpgsqlConnection Target { get; }

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
