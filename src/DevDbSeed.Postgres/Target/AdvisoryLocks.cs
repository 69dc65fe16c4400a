using Npgsql;

namespace DevDbSeed.Postgres.Target;

/// <summary>
/// The session-level advisory locks devdbseed takes on a server: one per target (a run or rollback replacing it) and
/// one per database it creates (a live command's claim on it). A killed command's locks end with its session.
/// </summary>
internal static class AdvisoryLocks
{
    private const string Key = "hashtextextended(@name, 0)";

    /// <summary>The lock of the commands that replace <paramref name="target"/>.</summary>
    public static string OfTarget(string target) => "devdbseed:" + target;

    /// <summary>The claim of the command that creates <paramref name="database"/>.</summary>
    public static string OfDatabase(string database) => "devdbseed database:" + database;

    /// <summary>Takes the lock now, or returns false when another session holds it.</summary>
    public static async Task<bool> TryTakeAsync(NpgsqlConnection session, string name, CancellationToken cancellationToken) =>
        (bool)(await ScalarAsync($"SELECT pg_try_advisory_lock({Key})", session, name, cancellationToken))!;

    /// <summary>Takes the lock, waiting for a session that holds it.</summary>
    public static Task TakeAsync(NpgsqlConnection session, string name, CancellationToken cancellationToken) =>
        ScalarAsync($"SELECT pg_advisory_lock({Key})", session, name, cancellationToken);

    public static Task ReleaseAsync(NpgsqlConnection session, string name, CancellationToken cancellationToken) =>
        ScalarAsync($"SELECT pg_advisory_unlock({Key})", session, name, cancellationToken);

    private static async Task<object?> ScalarAsync(string sql, NpgsqlConnection session, string name, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, session);
        command.Parameters.AddWithValue("name", name);
        return await command.ExecuteScalarAsync(cancellationToken);
    }
}
