using DevDbSeed.Catalog;
using Npgsql;
using NpgsqlTypes;

namespace DevDbSeed.Postgres.Catalog;

/// <summary>
/// Reads the source schema from pg_catalog inside the run's snapshot transaction, so the plan describes
/// exactly the data that will be copied. Tables owned by extensions are left out (their extension makes them).
/// </summary>
internal static class CatalogReader
{
    private const string UserSchemas =
        "n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname !~ '^pg_toast' AND n.nspname !~ '^pg_temp_'";

    private const string NotFromExtension =
        "NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.deptype = 'e')";

    public static async Task<DatabaseCatalog> ReadAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        var types = await TypeResolver.LoadAsync(connection, cancellationToken);
        var relations = await RelationsAsync(connection, cancellationToken);
        var tableOids = relations.Where(r => r.Kind is 'r' or 'p').Select(r => r.Oid).ToArray();
        var columns = await ColumnsAsync(connection, tableOids, types, cancellationToken);
        var uniques = await UniqueKeysAsync(connection, tableOids, cancellationToken);
        var names = relations.ToDictionary(r => r.Oid, r => r.Name);
        var foreignKeys = await ForeignKeysAsync(connection, tableOids, names, cancellationToken);

        var tables = relations.Where(r => r.Kind is 'r' or 'p').Select(r => new TableInfo(
            r.Name,
            r.Kind == 'p' ? TableKind.Partitioned : r.IsPartition ? TableKind.Partition : TableKind.Plain,
            r.Root is { } root && root != r.Oid ? names[root] : null,
            columns.GetValueOrDefault(r.Oid) ?? [],
            Math.Max(0, r.EstimatedRows),
            r.SizeBytes,
            uniques.GetValueOrDefault(r.Oid) ?? [],
            foreignKeys.GetValueOrDefault(r.Oid) ?? [],
            r.Oid)).ToList();

        await using var info = new NpgsqlCommand("SELECT current_database(), current_setting('server_version_num')::int", connection);
        await using var reader = await info.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return new DatabaseCatalog(
            reader.GetString(0),
            reader.GetInt32(1),
            tables,
            [.. relations.Where(r => r.Kind == 'v').Select(r => r.Name)],
            [.. relations.Where(r => r.Kind == 'm').Select(r => r.Name)],
            [.. relations.Where(r => r.Kind == 'S').Select(r => new SequenceInfo(r.Name))]);
    }

    private static async Task<List<Relation>> RelationsAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        var sql = $"""
            SELECT c.oid, n.nspname, c.relname, c.relkind::text, c.relispartition,
                   CASE WHEN c.relispartition THEN pg_partition_root(c.oid)::oid END,
                   c.reltuples::bigint, CASE WHEN c.relkind = 'r' THEN pg_relation_size(c.oid) ELSE 0 END
            FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE c.relkind IN ('r', 'p', 'v', 'm', 'S') AND c.relpersistence <> 't' AND {UserSchemas} AND {NotFromExtension}
            ORDER BY n.nspname, c.relname
            """;
        var result = new List<Relation>();
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            result.Add(new Relation(
                reader.GetFieldValue<uint>(0),
                new QualifiedName(reader.GetString(1), reader.GetString(2)),
                reader.GetString(3)[0],
                reader.GetBoolean(4),
                reader.IsDBNull(5) ? null : reader.GetFieldValue<uint>(5),
                reader.GetInt64(6),
                reader.GetInt64(7)));
        }

        return result;
    }

    private static async Task<Dictionary<uint, List<ColumnInfo>>> ColumnsAsync(
        NpgsqlConnection connection, uint[] tables, TypeResolver types, CancellationToken cancellationToken)
    {
        const string sql = """
            SELECT a.attrelid, a.attname, a.atttypid, a.atttypmod, a.attnotnull, a.attgenerated <> '', format_type(a.atttypid, a.atttypmod)
            FROM pg_attribute a
            WHERE a.attrelid = ANY(@tables) AND a.attnum > 0 AND NOT a.attisdropped
            ORDER BY a.attrelid, a.attnum
            """;
        var result = new Dictionary<uint, List<ColumnInfo>>();
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.Add(new NpgsqlParameter("tables", NpgsqlDbType.Array | NpgsqlDbType.Oid) { Value = tables });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var table = reader.GetFieldValue<uint>(0);
            if (!result.TryGetValue(table, out var list))
            {
                result[table] = list = [];
            }

            list.Add(new ColumnInfo(reader.GetString(1), types.Resolve(reader.GetFieldValue<uint>(2), reader.GetInt32(3), reader.GetString(6)), reader.GetBoolean(4), reader.GetBoolean(5)));
        }

        return result;
    }

    private static async Task<Dictionary<uint, List<UniqueKeyInfo>>> UniqueKeysAsync(NpgsqlConnection connection, uint[] tables, CancellationToken cancellationToken)
    {
        const string sql = """
            SELECT i.indrelid, ic.relname, i.indpred IS NOT NULL, i.indexprs IS NOT NULL,
                   ARRAY(SELECT a.attname FROM unnest(i.indkey) WITH ORDINALITY k(n, o)
                         JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.n
                         WHERE k.o <= i.indnkeyatts ORDER BY k.o),
                   ARRAY(SELECT a.attname FROM pg_depend d
                         JOIN pg_attribute a ON a.attrelid = d.refobjid AND a.attnum = d.refobjsubid
                         WHERE d.classid = 'pg_class'::regclass AND d.objid = i.indexrelid
                           AND d.refobjid = i.indrelid AND d.refobjsubid > 0),
                   i.indnkeyatts = 1 AND i.indkey[0] <> 0
                     AND (SELECT a.atttypid FROM pg_attribute a WHERE a.attrelid = i.indrelid AND a.attnum = i.indkey[0])
                         IN ('text'::regtype::oid, 'varchar'::regtype::oid)
                     AND COALESCE((SELECT co.collisdeterministic FROM pg_collation co WHERE co.oid = i.indcollation[0]), true)
            FROM pg_index i JOIN pg_class ic ON ic.oid = i.indexrelid
            WHERE i.indisunique AND i.indrelid = ANY(@tables)
            """;
        var result = new Dictionary<uint, List<UniqueKeyInfo>>();
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.Add(new NpgsqlParameter("tables", NpgsqlDbType.Array | NpgsqlDbType.Oid) { Value = tables });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var table = reader.GetFieldValue<uint>(0);
            var isExpression = reader.GetBoolean(3);
            var keyColumns = reader.GetFieldValue<string[]>(4);
            var used = reader.GetFieldValue<string[]>(5);
            if (!result.TryGetValue(table, out var list))
            {
                result[table] = list = [];
            }

            list.Add(new UniqueKeyInfo(reader.GetString(1), [.. (isExpression ? keyColumns.Concat(used) : keyColumns).Distinct()], reader.GetBoolean(2), isExpression,
                reader.GetBoolean(6)));
        }

        return result;
    }

    private static async Task<Dictionary<uint, List<ForeignKeyInfo>>> ForeignKeysAsync(
        NpgsqlConnection connection, uint[] tables, Dictionary<uint, QualifiedName> names, CancellationToken cancellationToken)
    {
        const string sql = """
            SELECT con.conrelid, con.conname, con.conkey, con.confrelid, con.confkey,
                   ARRAY(SELECT a.attname FROM unnest(con.conkey) WITH ORDINALITY k(n, o)
                         JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.n ORDER BY k.o),
                   ARRAY(SELECT a.attname FROM unnest(con.confkey) WITH ORDINALITY k(n, o)
                         JOIN pg_attribute a ON a.attrelid = con.confrelid AND a.attnum = k.n ORDER BY k.o)
            FROM pg_constraint con
            WHERE con.contype = 'f' AND con.conrelid = ANY(@tables) AND con.conparentid = 0
            """;
        var result = new Dictionary<uint, List<ForeignKeyInfo>>();
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.Add(new NpgsqlParameter("tables", NpgsqlDbType.Array | NpgsqlDbType.Oid) { Value = tables });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var table = reader.GetFieldValue<uint>(0);
            var referenced = reader.GetFieldValue<uint>(3);
            if (!names.TryGetValue(referenced, out var referencedName))
            {
                continue; // references a table of an extension
            }

            if (!result.TryGetValue(table, out var list))
            {
                result[table] = list = [];
            }

            list.Add(new ForeignKeyInfo(reader.GetString(1), reader.GetFieldValue<string[]>(5), referencedName, reader.GetFieldValue<string[]>(6)));
        }

        return result;
    }

    private sealed record Relation(uint Oid, QualifiedName Name, char Kind, bool IsPartition, uint? Root, long EstimatedRows, long SizeBytes);
}
