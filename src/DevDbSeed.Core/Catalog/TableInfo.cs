namespace DevDbSeed.Catalog;

/// <summary>How a relation stores rows.</summary>
public enum TableKind
{
    /// <summary>An ordinary table (possibly an inheritance child).</summary>
    Plain,

    /// <summary>A partitioned table: no rows of its own, its partitions hold them.</summary>
    Partitioned,

    /// <summary>A leaf partition; rules name its root instead.</summary>
    Partition,
}

/// <summary>A unique constraint or unique index over <see cref="Columns"/> (primary keys included).</summary>
/// <param name="Name">Constraint or index name.</param>
/// <param name="Columns">Key columns, in order (expression indexes list the plain columns they use).</param>
/// <param name="IsPartial">A partial index (<c>WHERE ...</c>): the values may repeat outside its predicate.</param>
/// <param name="IsExpression">The index is on expressions, not only on plain columns.</param>
/// <param name="ComparesBytes">
/// One text or varchar column under a deterministic collation: two values are equal exactly when their bytes are (not
/// citext, char(n) or a case-insensitive collation).
/// </param>
public sealed record UniqueKeyInfo(string Name, IReadOnlyList<string> Columns, bool IsPartial, bool IsExpression, bool ComparesBytes = false);

/// <summary>A foreign key: <see cref="Columns"/> reference <see cref="ReferencedColumns"/> of <see cref="ReferencedTable"/>.</summary>
public sealed record ForeignKeyInfo(string Name, IReadOnlyList<string> Columns, QualifiedName ReferencedTable, IReadOnlyList<string> ReferencedColumns);

/// <summary>A table of the source database with what planning and copying need to know about it.</summary>
/// <param name="Name">Schema-qualified name.</param>
/// <param name="Kind">Plain, partitioned or partition.</param>
/// <param name="Root">For a partition (leaf or intermediate): the top partitioned table, whose rule covers it.</param>
/// <param name="Columns">Columns in table order (dropped columns excluded).</param>
/// <param name="EstimatedRows">The planner's row estimate (<c>reltuples</c>), for scheduling and checks.</param>
/// <param name="SizeBytes">Heap size, for scheduling the largest tables first.</param>
/// <param name="UniqueKeys">Unique constraints and indexes.</param>
/// <param name="ForeignKeys">Foreign keys this table declares.</param>
/// <param name="Oid">The relation's OID in the source (what <c>tableoid</c> reads); 0 when not read from a server.</param>
public sealed record TableInfo(
    QualifiedName Name,
    TableKind Kind,
    QualifiedName? Root,
    IReadOnlyList<ColumnInfo> Columns,
    long EstimatedRows,
    long SizeBytes,
    IReadOnlyList<UniqueKeyInfo> UniqueKeys,
    IReadOnlyList<ForeignKeyInfo> ForeignKeys,
    uint Oid = 0)
{
    /// <summary>The table whose rule applies: the root for a partition, the table itself otherwise.</summary>
    public QualifiedName RuleName => Root ?? Name;

    /// <summary>Whether the table holds rows of its own (partitioned parents do not).</summary>
    public bool HasOwnRows => Kind != TableKind.Partitioned;

    public ColumnInfo? Column(string name) => Columns.FirstOrDefault(c => c.Name == name);
}
