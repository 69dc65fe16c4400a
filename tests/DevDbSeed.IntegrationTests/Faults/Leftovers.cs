using DevDbSeed.IntegrationTests.Infrastructure;

namespace DevDbSeed.IntegrationTests.Faults;

/// <summary>What a fault may leave on the server: databases devdbseed builds next to a target, and sessions on them.</summary>
internal static class Leftovers
{
    /// <summary>The databases devdbseed built or was building next to <paramref name="target"/> (<c>target_devdbseed_*</c>).</summary>
    public static async Task<List<string>> BuiltNextToAsync(this TestDatabases databases, string target) =>
        await databases.ColumnAsync("postgres", $"SELECT datname FROM pg_database WHERE datname LIKE '{target}\\_devdbseed\\_%' ORDER BY 1") is var names
            ? [.. names.Select(n => n!)]
            : [];

    /// <summary>Waits until no session is connected to the databases built next to <paramref name="target"/> (a killed client's backends end on their own).</summary>
    public static async Task WaitForNoSessionsNextToAsync(this TestDatabases databases, string target)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (await databases.ScalarAsync<long>("postgres",
                   $"SELECT count(*) FROM pg_stat_activity WHERE datname LIKE '{target}\\_devdbseed\\_%'") > 0)
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"sessions on the databases next to {target} did not end within 30 s");
            }

            await Task.Delay(200);
        }
    }
}
