namespace DevDbSeed.IntegrationTests.Infrastructure;

/// <summary>A table as rules name it (a plain table or the root of a partitioned one) with its columns in catalog order.</summary>
public sealed record SourceTable(string Name, IReadOnlyList<SourceColumn> Columns);

/// <summary>A column and whether it is generated (generated columns need no rule).</summary>
public sealed record SourceColumn(string Name, bool Generated);

/// <summary>What a database holds that rules must classify, read straight from pg_catalog (not through devdbseed).</summary>
public static class SourceSchema
{
    /// <summary>Every plain and partitioned table of the user schemas (partitions are covered by their root), with its columns.</summary>
    public static async Task<List<SourceTable>> RuleTablesAsync(this TestDatabases databases, string database)
    {
        var rows = await databases.RowsAsync(database, """
            SELECT n.nspname || '.' || c.relname, a.attname, (a.attgenerated <> '')::text
            FROM pg_class c
            JOIN pg_namespace n ON n.oid = c.relnamespace
            JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
            WHERE c.relkind IN ('r', 'p') AND NOT c.relispartition
              AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg_toast%'
            ORDER BY n.nspname || '.' || c.relname COLLATE "C", a.attnum
            """);
        return [.. rows.GroupBy(r => r[0]!, StringComparer.Ordinal)
            .Select(g => new SourceTable(g.Key, [.. g.Select(r => new SourceColumn(r[1]!, r[2] == "True" || r[2] == "true"))]))];
    }
}
