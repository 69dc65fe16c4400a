namespace DevDbSeed.Postgres.Subsetting;

/// <summary>The values of some columns in some rows (null: NULL), and the keys they hold for any of those columns.</summary>
internal sealed class KeyRows(IReadOnlyList<string> columns, List<string?[]> rows)
{
    /// <summary>
    /// The distinct values of <paramref name="key"/> (a row with a NULL in them references nothing). Columns a unique key
    /// of the table holds (<paramref name="unique"/>: those a foreign key references, in distinct rows) are distinct
    /// already, and not compared.
    /// </summary>
    public List<string[]> Of(IReadOnlyList<string> key, bool unique = false)
    {
        var positions = key.Select(c => columns.ToList().IndexOf(c)).ToArray();
        var seen = unique ? null : new HashSet<string>(StringComparer.Ordinal);
        var keys = new List<string[]>(rows.Count);
        foreach (var row in rows)
        {
            var values = new string[positions.Length];
            var complete = true;
            for (var i = 0; i < positions.Length && complete; i++)
            {
                complete = (values[i] = row[positions[i]]!) is not null;
            }

            if (complete && (seen is null || seen.Add(values.Length == 1 ? values[0] : string.Join('\0', values)))) // text holds no NUL
            {
                keys.Add(values);
            }
        }

        return keys;
    }
}
