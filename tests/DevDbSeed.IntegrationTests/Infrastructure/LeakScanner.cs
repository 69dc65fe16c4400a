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
}
