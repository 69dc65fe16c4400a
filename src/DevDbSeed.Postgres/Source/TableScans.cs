using Npgsql;

namespace DevDbSeed.Postgres.Source;

/// <summary>
/// Whether the planner of a snapshot reader may scan whole tables. A subset reads rows by address and finds rows by key;
/// with the rows in memory, the planner's costs still favour scanning where fetching is several times faster (measured
/// at 1 M users: 35 ms for 100,000 rows of lesson progress by address against 470 ms scanning the blocks they span, and
/// 574 against 1,100 ms finding the lesson progress of 50,000 users' enrolments through an index). Turned off, a table
/// no index or address leads into is still scanned; <c>LOCAL</c>: it ends with the reader's transaction at the latest.
/// </summary>
internal static class TableScans
{
    public static async Task AllowAsync(NpgsqlConnection reader, bool allowed, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand($"SET LOCAL enable_seqscan = {(allowed ? "on" : "off")}", reader);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
