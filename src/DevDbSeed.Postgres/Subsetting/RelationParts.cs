using DevDbSeed.Catalog;
using Npgsql;
using NpgsqlTypes;

namespace DevDbSeed.Postgres.Subsetting;

/// <summary>Where the rows of each relation a foreign key may name live: the relation itself, or its leaf partitions (at any depth).</summary>
internal static class RelationParts
{
    /// <summary>The tables holding rows of every table a foreign key names: itself, or its leaf partitions.</summary>
    public static async Task<Dictionary<QualifiedName, IReadOnlyList<TableInfo>>> ReadAsync(NpgsqlConnection source, DatabaseCatalog catalog,
        CancellationToken cancellationToken)
    {
        var parts = catalog.Tables.Where(t => t.HasOwnRows).ToDictionary(t => t.Name, t => (IReadOnlyList<TableInfo>)[t]);
        var byOid = catalog.Tables.ToDictionary(t => t.Oid);
        var leaves = catalog.Tables.Where(t => !t.HasOwnRows).ToDictionary(t => t.Name, _ => new List<TableInfo>());
        await using var command = new NpgsqlCommand(SubsetQueries.Leaves, source);
        command.Parameters.Add(new NpgsqlParameter("tables", NpgsqlDbType.Array | NpgsqlDbType.Oid)
        {
            Value = catalog.Tables.Where(t => !t.HasOwnRows).Select(t => t.Oid).ToArray(),
        });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            if (byOid.TryGetValue(reader.GetFieldValue<uint>(0), out var table) && byOid.TryGetValue(reader.GetFieldValue<uint>(1), out var leaf))
            {
                leaves[table.Name].Add(leaf);
            }
        }

        foreach (var (name, list) in leaves)
        {
            parts[name] = list;
        }

        return parts;
    }
}
