using DevDbSeed.Catalog;
using DevDbSeed.Configuration;
using DevDbSeed.Errors;
using DevDbSeed.Planning;

namespace DevDbSeed.Subsetting;

/// <summary>What a subset does with a table the rules name (a partitioned table with all its partitions).</summary>
public enum SubsetRole
{
    /// <summary>Listed with a selection: its rows are the selection, plus the rows other included rows reference.</summary>
    Start,

    /// <summary>Reached down from a start table: rows referencing included rows down the walk, plus the rows other included rows reference.</summary>
    Reached,

    /// <summary>Copied whole: no start table reaches it, or it is listed <c>whole: true</c>.</summary>
    Whole,

    /// <summary>The rules empty it: no rows, in a subset as in a full run.</summary>
    Emptied,
}

/// <summary>
/// A foreign key as the subset walks it: <see cref="Child"/>'s <see cref="ForeignKeyInfo.Columns"/> reference
/// <see cref="Parent"/>'s <see cref="ForeignKeyInfo.ReferencedColumns"/>. Either side may be a partitioned table (its
/// rows are its partitions') or a single partition declaring its own key.
/// </summary>
/// <param name="Key">The foreign key.</param>
/// <param name="Child">The table declaring it.</param>
/// <param name="Parent">The table it references.</param>
/// <param name="Nullable">Every referencing column may be NULL: the reference can be cut instead of followed.</param>
public sealed record SubsetEdge(ForeignKeyInfo Key, TableInfo Child, TableInfo Parent, bool Nullable)
{
    public override string ToString() => $"{Child.Name}.{Key.Name} -> {Parent.Name}";
}

/// <summary>
/// The shape of a subset, from the catalog and the plan before any row is read: the role of every table and the
/// foreign keys walked. Start tables are the listed ones; the walk goes down (from a referenced table to the tables
/// referencing it) from them, never into another listed table nor through a <c>whole</c> one; every table it reaches
/// holds only rows referencing included rows down the walk. Up (from a row to the rows it references) is followed from
/// every included row into every table that is not whole: completeness. With <see cref="NullableReferences.SetNull"/>,
/// nullable references are cut instead of followed up.
/// </summary>
public sealed class SubsetGraph
{
    private readonly Dictionary<QualifiedName, SubsetRole> _roles;

    private SubsetGraph(SubsetOptions options, Dictionary<QualifiedName, SubsetRole> roles, IReadOnlyList<SubsetEdge> edges)
    {
        Options = options;
        _roles = roles;
        Down = [.. edges.Where(e => IsSubset(e.Parent) && Role(e.Child) == SubsetRole.Reached)];
        Up = [.. edges.Where(e => IsSubset(e.Parent) && Role(e.Child) != SubsetRole.Emptied && !Cut(e))];
        Cuts = [.. edges.Where(e => IsSubset(e.Parent) && Role(e.Child) != SubsetRole.Emptied && Cut(e))];
    }

    public SubsetOptions Options { get; }

    /// <summary>Keys walked down: from included rows of the parent that are themselves down the walk, to the child rows referencing them.</summary>
    public IReadOnlyList<SubsetEdge> Down { get; }

    /// <summary>Keys walked up: from every included child row to the parent row it references.</summary>
    public IReadOnlyList<SubsetEdge> Up { get; }

    /// <summary>Nullable keys whose references to rows left out are written as NULL (<see cref="NullableReferences.SetNull"/>).</summary>
    public IReadOnlyList<SubsetEdge> Cuts { get; }

    /// <summary>The role of a table (a partition has its root's).</summary>
    public SubsetRole Role(TableInfo table) => _roles[table.RuleName];

    /// <summary>The role of a table the rules name.</summary>
    public SubsetRole Role(QualifiedName ruleTable) => _roles[ruleTable];

    /// <summary>Whether only some of the table's rows are copied (a start or reached table).</summary>
    public bool IsSubset(TableInfo table) => Role(table) is SubsetRole.Start or SubsetRole.Reached;

    /// <summary>The listed selection of a start table.</summary>
    public SubsetTable Start(QualifiedName ruleTable) => Options.Tables.First(t => t.Table == ruleTable);

    /// <summary>
    /// The roles of <paramref name="plan"/>'s tables under <paramref name="options"/>. A listed table the source does not
    /// have is exit 3 (the pipeline does not fit the schema), like a rule naming one; listing a partition instead of its
    /// root or a table the rules empty is exit 2.
    /// </summary>
    public static SubsetGraph For(PipelinePlan plan, SubsetOptions options)
    {
        var catalog = plan.Catalog;
        var roles = plan.RuleTables.ToDictionary(t => t.Name, t => t.Mode == CopyMode.Emptied ? SubsetRole.Emptied : SubsetRole.Whole);
        var missing = options.Tables.Where(t => catalog.Table(t.Table) is null).ToList();
        if (missing.Count > 0)
        {
            throw new RulesMismatchException("the subset does not fit the source schema",
                [.. missing.Select(t => $"{t.At}: subset names {t.Table}, which the source does not have")]);
        }

        foreach (var listed in options.Tables)
        {
            var table = catalog.Table(listed.Table)!;
            if (table.Root is { } root)
            {
                throw new ConfigurationException(listed.At, $"subset: {listed.Table} is a partition of {root}; list {root} instead");
            }

            if (roles[listed.Table] == SubsetRole.Emptied)
            {
                throw new ConfigurationException(listed.At, $"subset: the rules empty {listed.Table}; it has no rows to select");
            }

            roles[listed.Table] = listed.Whole ? SubsetRole.Whole : SubsetRole.Start;
        }

        var edges = Edges(catalog).ToList();
        var listedNames = options.Tables.Select(t => t.Table).ToHashSet();
        for (var grew = true; grew;)
        {
            grew = false;
            foreach (var edge in edges)
            {
                var child = edge.Child.RuleName;
                if (roles[edge.Parent.RuleName] is SubsetRole.Start or SubsetRole.Reached && roles[child] == SubsetRole.Whole && !listedNames.Contains(child))
                {
                    roles[child] = SubsetRole.Reached;
                    grew = true;
                }
            }
        }

        return new SubsetGraph(options, roles, edges);
    }

    /// <summary>Each table's place down the walk: a table comes after every table it is reached from (a cycle broken where it is met).</summary>
    public Dictionary<QualifiedName, int> DownOrder()
    {
        var rank = new Dictionary<QualifiedName, int>();
        var children = Down.Where(e => e.Child.RuleName != e.Parent.RuleName).ToLookup(e => e.Parent.RuleName, e => e.Child.RuleName);
        var order = new List<QualifiedName>();
        var visited = new HashSet<QualifiedName>();
        void Visit(QualifiedName table)
        {
            if (!visited.Add(table))
            {
                return; // done, or on the path: a cycle, broken here
            }

            foreach (var child in children[table])
            {
                Visit(child);
            }

            order.Add(table);
        }

        foreach (var table in Options.Tables.Select(t => t.Table).Concat(children.Select(g => g.Key)))
        {
            Visit(table);
        }

        order.Reverse();
        for (var i = 0; i < order.Count; i++)
        {
            rank[order[i]] = i;
        }

        return rank;
    }

    private bool Cut(SubsetEdge edge) => Options.NullableReferences == NullableReferences.SetNull && edge.Nullable;

    private static IEnumerable<SubsetEdge> Edges(DatabaseCatalog catalog) =>
        from child in catalog.Tables
        from key in child.ForeignKeys
        let parent = catalog.Table(key.ReferencedTable)
        where parent is not null
        select new SubsetEdge(key, child, parent, key.Columns.All(c => child.Column(c) is { NotNull: false }));
}
