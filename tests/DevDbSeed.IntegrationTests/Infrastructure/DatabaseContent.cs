using System.Globalization;

namespace DevDbSeed.IntegrationTests.Infrastructure;

/// <summary>What a database holds, in forms two databases can be compared by: row hashes, row counts, sequences.</summary>
public static class DatabaseContent
{
    /// <summary>An md5 of every row (as text, in byte order) and the row count, e.g. <c>42:9e107d9d372bb6826bd81d3542a419d6</c>.</summary>
    public static async Task<string> TableHashAsync(this TestDatabases databases, string database, string table) =>
        (await databases.RowsAsync(database, $"""
            SELECT count(*) || ':' || md5(coalesce(string_agg(t::text, E'\n' ORDER BY t::text COLLATE "C"), '')) FROM {table} t
            """))[0][0]!;

    /// <summary>Every table holding rows (plain tables and partitions) of every user schema, as schema.table, with <see cref="TableHashAsync"/>.</summary>
    public static async Task<SortedDictionary<string, string>> TableHashesAsync(this TestDatabases databases, string database)
    {
        var hashes = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, sql) in await databases.TablesAsync(database))
        {
            hashes[name] = await databases.TableHashAsync(database, sql);
        }

        return hashes;
    }

    /// <summary>Every table holding rows with its row count.</summary>
    public static async Task<SortedDictionary<string, long>> RowCountsAsync(this TestDatabases databases, string database)
    {
        var counts = new SortedDictionary<string, long>(StringComparer.Ordinal);
        foreach (var (name, sql) in await databases.TablesAsync(database))
        {
            counts[name] = await databases.ScalarAsync<long>(database, $"SELECT count(*) FROM {sql}");
        }

        return counts;
    }

    /// <summary>Plain tables and partitions of the user schemas: (schema.table, quoted SQL name).</summary>
    public static async Task<List<(string Name, string Sql)>> TablesAsync(this TestDatabases databases, string database) =>
        [.. (await databases.RowsAsync(database, """
            SELECT n.nspname || '.' || c.relname, format('%I.%I', n.nspname, c.relname)
            FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE c.relkind = 'r' AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg_toast%'
            ORDER BY 1
            """)).Select(r => (r[0]!, r[1]!))];

    /// <summary>Every sequence with its state: <c>last_value/is_called</c>.</summary>
    public static async Task<SortedDictionary<string, string>> SequencesAsync(this TestDatabases databases, string database)
    {
        var sequences = new SortedDictionary<string, string>(StringComparer.Ordinal);
        var names = await databases.RowsAsync(database, """
            SELECT n.nspname || '.' || c.relname, format('%I.%I', n.nspname, c.relname)
            FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE c.relkind = 'S' ORDER BY 1
            """);
        foreach (var row in names)
        {
            sequences[row[0]!] = (await databases.RowsAsync(database, $"SELECT last_value || '/' || is_called FROM {row[1]}"))[0][0]!;
        }

        return sequences;
    }

    /// <summary>A database's identity (its OID: a swapped-in database gets a new one) and content, to prove it was not touched.</summary>
    public static async Task<DatabaseState> StateAsync(this TestDatabases databases, string database) =>
        new(await databases.OidAsync(database) ?? throw new InvalidOperationException($"database {database} does not exist"),
            await databases.TableHashesAsync(database));

    /// <summary>The single column of a query, as text (null for NULL).</summary>
    public static async Task<List<string?>> ColumnAsync(this TestDatabases databases, string database, string sql) =>
        [.. (await databases.RowsAsync(database, sql)).Select(r => r[0])];

    /// <summary>A query's two columns as a dictionary (first column: a unique key).</summary>
    public static async Task<Dictionary<string, string?>> MapAsync(this TestDatabases databases, string database, string sql) =>
        (await databases.RowsAsync(database, sql)).ToDictionary(r => r[0]!, r => r[1], StringComparer.Ordinal);

    public static string Text(long value) => value.ToString(CultureInfo.InvariantCulture);
}

/// <summary>A database's OID and the hash of every table.</summary>
public sealed record DatabaseState(uint Oid, SortedDictionary<string, string> Tables)
{
    public override string ToString() => $"oid {Oid}: " + string.Join(", ", Tables.Select(t => $"{t.Key}={t.Value}"));

    public bool Equals(DatabaseState? other) => other is not null && Oid == other.Oid && Tables.SequenceEqual(other.Tables);

    public override int GetHashCode() => (int)Oid;
}
