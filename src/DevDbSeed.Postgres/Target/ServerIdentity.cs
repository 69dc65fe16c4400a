using Npgsql;

namespace DevDbSeed.Postgres.Target;

/// <summary>
/// Tells whether two connections reach the same database: same cluster (system identifier, or postmaster
/// start time where pg_control_system is not allowed) and same database name. Whatever the connection
/// strings look like (URI or keywords, host name or address), the same database is refused as a target.
/// </summary>
internal static class ServerIdentity
{
    public static async Task<string> OfServerAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        try
        {
            await using var command = new NpgsqlCommand("SELECT 'cluster ' || system_identifier FROM pg_control_system()", connection);
            return (string)(await command.ExecuteScalarAsync(cancellationToken))!;
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.InsufficientPrivilege)
        {
            await using var command = new NpgsqlCommand("SELECT 'started ' || pg_postmaster_start_time()::text || ' port ' || current_setting('port')", connection);
            return (string)(await command.ExecuteScalarAsync(cancellationToken))!;
        }
    }
}
