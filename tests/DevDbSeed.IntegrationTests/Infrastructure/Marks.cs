using DevDbSeed.Snapshots;

namespace DevDbSeed.IntegrationTests.Infrastructure;

/// <summary>The masked-copy mark of a test's databases.</summary>
public static class Marks
{
    /// <summary>The mark a session on <paramref name="database"/> sees; null when it has none.</summary>
    public static async Task<MaskedCopyMark?> MarkOfAsync(this TestDatabases databases, string database) =>
        MaskedCopyMark.Parse((await databases.RowsAsync(database, $"SELECT current_setting('{MaskedCopyMark.Setting}', true)"))[0][0]);
}
