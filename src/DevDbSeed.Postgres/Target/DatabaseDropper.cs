using System.Diagnostics;
using DevDbSeed.Errors;
using DevDbSeed.Postgres.Connections;
using Npgsql;

namespace DevDbSeed.Postgres.Target;

/// <summary>
/// Drops a database devdbseed made (a half-built new database, a scratch restore) when its command ends: on the
/// command's own connection, or, when that broke, on new ones. The end may be the server restarting or the
/// connections cut: the drop is tried again while the server is away, for a while, so that the server coming back
/// does not leave the database behind.
/// </summary>
internal static class DatabaseDropper
{
    private static readonly TimeSpan RetryLimit = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Drops <paramref name="database"/> on <paramref name="server"/>'s server, disconnecting whoever is on it; null once
    /// it is gone, else why it could not be dropped (one line) for the caller's warning. Never cancelled: what it
    /// drops must not outlive the command.
    /// </summary>
    public static async Task<string?> DropAsync(TargetServer server, string database)
    {
        try
        {
            await server.DropAsync(database, CancellationToken.None);
            return null;
        }
        catch (Exception e) when (e is NpgsqlException or DevDbSeedException or InvalidOperationException)
        {
            // the command's connection broke (a restart, a terminated session) or is not usable: new ones below
        }

        var clock = Stopwatch.StartNew();
        for (var wait = TimeSpan.FromMilliseconds(250); ; wait = TimeSpan.FromTicks(Math.Min(wait.Ticks * 2, TimeSpan.TicksPerSecond * 2)))
        {
            try
            {
                await using var again = await server.ReconnectAsync(CancellationToken.None);
                await again.DropAsync(database, CancellationToken.None);
                return null;
            }
            catch (Exception e) when (e is NpgsqlException or DevDbSeedException)
            {
                if (!ServerAway(e) || clock.Elapsed >= RetryLimit)
                {
                    return Sessions.Describe(e);
                }

                await Task.Delay(wait, CancellationToken.None);
            }
        }
    }

    /// <summary>The server is restarting, shutting down or unreachable, rather than refusing the statement.</summary>
    private static bool ServerAway(Exception e) => (e as NpgsqlException ?? e.InnerException as NpgsqlException) switch
    {
        PostgresException pg => pg.SqlState.StartsWith("57", StringComparison.Ordinal) || pg.SqlState.StartsWith("08", StringComparison.Ordinal),
        { } npgsql => npgsql.IsTransient,
        null => false,
    };
}
