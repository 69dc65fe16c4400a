using System.Globalization;
using DevDbSeed.IntegrationTests.Infrastructure;

namespace DevDbSeed.IntegrationTests.Subsetting;

/// <summary>What makes a subset referentially complete, as a test reads it back: the foreign keys and the rows' keys.</summary>
public static class ForeignKeys
{
    /// <summary>Every foreign key constraint of the user schemas, as <c>table.constraint</c> with whether it is validated.</summary>
    public static async Task<SortedDictionary<string, bool>> OfAsync(TestDatabases databases, string database)
    {
        var keys = new SortedDictionary<string, bool>(StringComparer.Ordinal);
        foreach (var row in await databases.RowsAsync(database, """
            SELECT c.conrelid::regclass::text || '.' || c.conname, c.convalidated
            FROM pg_constraint c WHERE c.contype = 'f' AND c.connamespace::regnamespace::text NOT IN ('pg_catalog', 'information_schema')
            """))
        {
            keys[row[0]!] = bool.Parse(row[1]!);
        }

        return keys;
    }

    /// <summary>The target has every foreign key of the source, each validated (PostgreSQL checked every row against it).</summary>
    public static async Task AssertAllValidatedAsync(TestDatabases databases, string source, string target, int atLeast)
    {
        var expected = await OfAsync(databases, source);
        Assert.True(expected.Count >= atLeast, $"only {expected.Count} foreign keys in the source");
        var actual = await OfAsync(databases, target);
        Assert.Equal(expected.Keys, actual.Keys);
        Assert.All(actual, key => Assert.True(key.Value, $"{key.Key} is not validated in the target"));
    }

    /// <summary>The integers a query selects, in its order.</summary>
    public static async Task<List<int>> IdsAsync(this TestDatabases databases, string database, string sql) =>
        [.. (await databases.ColumnAsync(database, sql)).Select(v => int.Parse(v!, CultureInfo.InvariantCulture))];
}
