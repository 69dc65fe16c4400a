using DevDbSeed.Catalog;
using DevDbSeed.Planning;

namespace DevDbSeed.Subsetting;

/// <summary>One table of a subset, as <c>check</c> and the run report it: its role and the rows it takes.</summary>
/// <param name="Table">The table the rules name (partitions counted in their root).</param>
/// <param name="Role">Start, reached, whole or emptied.</param>
/// <param name="Rows">Rows the subset takes (for a whole table: the catalog's estimate of all of them).</param>
/// <param name="SourceRows">Rows of the source by the catalog's estimate.</param>
/// <param name="Selection">How a start table's rows are chosen, as the pipeline says; null for the others.</param>
/// <param name="Exact">
/// Whether <paramref name="Rows"/> was counted (start and reached tables) rather than estimated (tables copied whole, and in
/// a run the rows found by key as they are copied).
/// </param>
public sealed record SubsetTableRows(QualifiedName Table, SubsetRole Role, long Rows, long SourceRows, string? Selection, bool Exact)
{
    /// <summary>Whether <see cref="Rows"/> are rows a run finds by key as it copies them, estimated until it has.</summary>
    public bool Estimated => Role is SubsetRole.Start or SubsetRole.Reached && !Exact;
}

/// <summary>
/// Which rows a subset copies, read in the run's snapshot: for every table holding rows of a start or reached table, the
/// addresses of its rows or the keys they reference (<see cref="SubsetRows"/>); tables copied whole have none (or only the references cut to
/// NULL in them). Copying, the uniqueness check and <c>check</c>'s report read it.
/// </summary>
/// <param name="Graph">The roles and the keys walked.</param>
/// <param name="Rows">The rows of every table holding rows whose copy is not simply every row, by name.</param>
/// <param name="Queries">How many queries the walk took.</param>
/// <param name="Elapsed">How long it took.</param>
public sealed record SubsetSelection(SubsetGraph Graph, IReadOnlyDictionary<QualifiedName, SubsetRows> Rows, int Queries, TimeSpan Elapsed)
{
    /// <summary>The rows copied of <paramref name="table"/> (a plain table or leaf partition); null: every row, unchanged.</summary>
    public SubsetRows? RowsOf(TableInfo table) => Rows.GetValueOrDefault(table.Name);

    /// <summary>Per table the rules name, its role and rows, in name order.</summary>
    public IReadOnlyList<SubsetTableRows> Tables(PipelinePlan plan) =>
        [.. plan.RuleTables.OrderBy(t => t.Name).Select(t =>
        {
            var role = Graph.Role(t.Name);
            var subset = role is SubsetRole.Start or SubsetRole.Reached;
            var rows = role switch
            {
                SubsetRole.Emptied => 0,
                _ when subset => t.Parts.Sum(p => RowsOf(p.Table)?.Count ?? 0),
                _ => t.EstimatedRows,
            };
            var exact = subset && t.Parts.All(p => RowsOf(p.Table)?.Keys?.Exact != false); // rows found by key may be estimated
            return new SubsetTableRows(t.Name, role, rows, t.EstimatedRows, role == SubsetRole.Start ? Graph.Start(t.Name).Describe() : null, exact);
        })];
}
