namespace DevDbSeed.Postgres.Subsetting;

/// <summary>The values of some columns in some rows (null: NULL), and the distinct keys they hold for any of those columns.</summary>
internal sealed class KeyRows(IReadOnlyList<string> columns, List<string?[]> rows)
{
    /// <summary>The distinct values of <paramref name="key"/> (a row with a NULL in them references nothing).</summary>
    public List<string[]> Of(IReadOnlyList<string> key)
    {
        var positions = key.Select(c => columns.ToList().IndexOf(c)).ToArray();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var keys = new List<string[]>();
        foreach (var row in rows)
        {
            var values = positions.Select(p => row[p]).ToArray();
            if (values.All(v => v is not null) && seen.Add(string.Join('\0', values))) // text holds no NUL
            {
                keys.Add(values!);
            }
        }

        return keys;
    }
}
