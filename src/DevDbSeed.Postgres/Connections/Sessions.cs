using System.Net.Sockets;
using DevDbSeed.Errors;
using Npgsql;

namespace DevDbSeed.Postgres.Connections;

/// <summary>Opens devdbseed's connections, with the session settings that make COPY text unambiguous.</summary>
internal static class Sessions
{
    /// <summary>
    /// Text COPY must read back exactly as written, whatever the server's defaults: ISO dates, UTC, every float
    /// digit; no timeouts cutting a long COPY; row-level security raising instead of silently hiding rows.
    /// </summary>
    private static readonly string[] CommonSettings =
    [
        "DateStyle=ISO,YMD", "IntervalStyle=postgres", "TimeZone=UTC", "extra_float_digits=3",
        "statement_timeout=0", "lock_timeout=0", "idle_in_transaction_session_timeout=0", "row_security=off",
    ];

    public static async Task<NpgsqlConnection> OpenAsync(ConnectionSettings settings, string role, CancellationToken cancellationToken,
        params string[] extraSettings)
    {
        var connection = new NpgsqlConnection(settings.ConnectionString("devdbseed", [.. CommonSettings, .. extraSettings]));
        try
        {
            await connection.OpenAsync(cancellationToken);
            return connection;
        }
        catch (Exception e) when (e is NpgsqlException or SocketException or TimeoutException && !cancellationToken.IsCancellationRequested)
        {
            await connection.DisposeAsync();
            throw new RunFailedException($"cannot connect to the {role} {settings}: {Describe(e)}", e);
        }
    }

    /// <summary>One line for a database error, without the stack; a server's error without its detail, context or the values it quotes.</summary>
    public static string Describe(Exception e) => e switch
    {
        PostgresException pg => $"{ErrorText.WithoutValues(pg.MessageText)} ({pg.SqlState})",
        NpgsqlException { InnerException: SocketException socket } => socket.Message,
        NpgsqlException { InnerException: TimeoutException } => "timed out",
        NpgsqlException { InnerException: IOException io } => io.Message,
        _ => e.Message,
    };
}
