using DevDbSeed.Snapshots;
using Npgsql;

namespace DevDbSeed.Postgres.Snapshots;

/// <summary>Reads the <see cref="MaskedCopyMark"/> of the database a session is on.</summary>
internal static class MaskedCopyMarks
{
    /// <summary>The mark the session's database carries; null when it has none (it was not built by a run).</summary>
    public static async Task<MaskedCopyMark?> ReadAsync(NpgsqlConnection session, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand($"SELECT current_setting('{MaskedCopyMark.Setting}', true)", session);
        return MaskedCopyMark.Parse(await command.ExecuteScalarAsync(cancellationToken) as string);
    }
}
