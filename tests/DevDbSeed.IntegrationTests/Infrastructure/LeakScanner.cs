namespace DevDbSeed.IntegrationTests.Infrastructure;

/// <summary>Finds which of many original values occur anywhere in a large text, in one pass over the text.</summary>
public static class LeakScanner
{
    public const int MinLength = 6;

    /// <summary>The originals (of <see cref="MinLength"/> characters or more; shorter ones are ignored) that occur in <paramref name="text"/>.</summary>
    public static List<string> Find(string text, IEnumerable<string?> originals)
    {
        var byPrefix = originals.OfType<string>().Where(o => o.Length >= MinLength).Distinct(StringComparer.Ordinal)
            .GroupBy(o => o[..MinLength], StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        var lookup = byPrefix.GetAlternateLookup<ReadOnlySpan<char>>();
        var found = new HashSet<string>(StringComparer.Ordinal);
        var span = text.AsSpan();
        for (var i = 0; i + MinLength <= span.Length; i++)
        {
            if (lookup.TryGetValue(span.Slice(i, MinLength), out var candidates))
            {
                foreach (var candidate in candidates)
                {
                    if (span[i..].StartsWith(candidate, StringComparison.Ordinal))
                    {
                        found.Add(candidate);
                    }
                }
            }
        }

        return [.. found.Order(StringComparer.Ordinal)];
    }

    /// <summary>
    /// Reads the originals <paramref name="queries"/> select from <paramref name="source"/>, asserts that there are more than
    /// <paramref name="moreThan"/> to look for and that the scanner finds every one in the source's dump, then that none is in
    /// <paramref name="target"/>'s dump. Returns the target's dump for further checks.
    /// </summary>
    public static async Task<string> AssertNoneReachedAsync(TestDatabases databases, string source, string target, int moreThan, params string[] queries)
    {
        var originals = new List<string?>();
        foreach (var sql in queries)
        {
            originals.AddRange(await databases.ColumnAsync(source, sql));
        }

        var searched = originals.OfType<string>().Where(o => o.Length >= MinLength).Distinct().Count();
        Assert.True(searched > moreThan, $"only {searched} originals to look for");
        Assert.Equal(searched, Find(await PgDump.DataAsync(databases, source), originals).Count); // found where they are: in the source

        var dump = await PgDump.DataAsync(databases, target);
        var leaks = Find(dump, originals);
        Assert.True(leaks.Count == 0, $"{leaks.Count} original values found in the target: {string.Join(", ", leaks.Take(20))}");
        return dump;
    }
}
