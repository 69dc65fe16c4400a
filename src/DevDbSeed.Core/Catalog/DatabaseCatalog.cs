namespace DevDbSeed.Catalog;

/// <summary>A sequence and the value the target must continue from.</summary>
public sealed record SequenceInfo(QualifiedName Name);

/// <summary>What the source database holds, read in the run's snapshot: the input to planning.</summary>
/// <param name="DatabaseName">The source database's name.</param>
/// <param name="ServerVersionNumber">server_version_num, e.g. 150018.</param>
/// <param name="Tables">Every user table, partitioned table and partition (extension-owned tables excluded).</param>
/// <param name="Views">Views (need no rule).</param>
/// <param name="MaterializedViews">Materialized views (refreshed from masked data in the target).</param>
/// <param name="Sequences">Sequences whose values the target takes over.</param>
public sealed record DatabaseCatalog(
    string DatabaseName,
    int ServerVersionNumber,
    IReadOnlyList<TableInfo> Tables,
    IReadOnlyList<QualifiedName> Views,
    IReadOnlyList<QualifiedName> MaterializedViews,
    IReadOnlyList<SequenceInfo> Sequences)
{
    private Dictionary<QualifiedName, TableInfo>? _byName;

    public TableInfo? Table(QualifiedName name)
    {
        _byName ??= Tables.ToDictionary(t => t.Name);
        return _byName.GetValueOrDefault(name);
    }

    /// <summary>The rows of <paramref name="table"/> by the catalog's estimate; for a partitioned table, its partitions'.</summary>
    public long EstimatedRows(TableInfo table) =>
        table.Kind == TableKind.Partitioned ? DataTables.Where(t => t.Root == table.Name).Sum(t => t.EstimatedRows) : table.EstimatedRows;

    /// <summary>The tables rules must name: everything that is not a partition of another table.</summary>
    public IEnumerable<TableInfo> RuleTables => Tables.Where(t => t.Root is null);

    /// <summary>The relations that hold rows: plain tables and leaf partitions.</summary>
    public IEnumerable<TableInfo> DataTables => Tables.Where(t => t.HasOwnRows);
}
