using DevDbSeed.Catalog;
using DevDbSeed.Masking;
using DevDbSeed.Planning;

namespace DevDbSeed.Verification;

/// <summary>
/// What a verification does with each table and column, decided from the plan: which masked columns give the originals
/// looked for, which tables are compared with the source row by row, and which columns of the verified database are
/// searched, and how.
/// </summary>
/// <param name="Scope">A new database this run wrote, or an existing one.</param>
/// <param name="Originals">Per table with masked columns, the columns whose originals are read from the source (bytea is not: its text form identifies nobody).</param>
/// <param name="ComparedByKey">The tables whose rows are read again by their kept unique key and compared with the source's.</param>
/// <param name="Searches">Per table holding rows, the columns searched for originals and how.</param>
public sealed record VerificationPlan(
    VerifyScope Scope,
    IReadOnlyList<OriginalsOf> Originals,
    IReadOnlyList<RuleTablePlan> ComparedByKey,
    IReadOnlyList<TableSearch> Searches)
{
    /// <summary>The verification of a database masked with <paramref name="plan"/>.</summary>
    public static VerificationPlan For(PipelinePlan plan, VerifyScope scope)
    {
        var originals = plan.RuleTables
            .Select(t => new OriginalsOf(t, [.. t.MaskedColumns.Where(GivesOriginals)]))
            .Where(o => o.Columns.Count > 0)
            .ToList();
        var searches = plan.Tables
            .Select(t => new TableSearch(t, [.. t.Columns.Select(c => new ColumnSearch(c, SearchOf(t, c, scope))).Where(c => c.How != TargetSearch.None)]))
            .Where(s => s.Columns.Count > 0)
            .ToList();
        return new VerificationPlan(scope, originals, [.. plan.RuleTables.Where(t => t.ComparableKey is not null)], searches);
    }

    /// <summary>Whether <paramref name="column"/> of <paramref name="table"/> is searched, and how.</summary>
    public TargetSearch SearchOf(QualifiedName table, string column) =>
        Searches.Where(s => s.Table.RuleName == table).SelectMany(s => s.Columns).FirstOrDefault(c => c.Column.Column.Name == column)?.How ?? TargetSearch.None;

    /// <summary>What this verification does with <paramref name="column"/> of <paramref name="table"/>, as its entries say.</summary>
    public ColumnVerification Of(RuleTablePlan table, ColumnPlan column)
    {
        var name = column.Column.Name;
        var read = Originals.Any(o => o.Table.Name == table.Name && o.Columns.Any(c => c.Column.Name == name));
        var parts = read ? column.Rule!.Parts.Select(p => p.Position).OfType<string>() : [];
        var compared = column.Action == ColumnAction.Mask && ComparedByKey.Any(t => t.Name == table.Name);
        return new ColumnVerification(read, [.. parts], compared, SearchOf(table.Name, name));
    }

    /// <summary>Whether a masked column's originals are looked for: every masked column but bytea.</summary>
    public static bool GivesOriginals(ColumnPlan column) => column.Action == ColumnAction.Mask && column.Column.Type.Category != TypeCategory.Bytea;

    /// <summary>
    /// The columns searched: those whose text the rules keep, in part or whole (kept text, JSON and array columns, generated
    /// columns, the kept members of a json rule, the text a scrub rule leaves), and the masked columns whose rule cannot
    /// produce an original, compared whole. In a new database the run wrote, kept columns and kept JSON members are
    /// byte-for-byte copies of the source's, where anything found would be excused as already there, and generated columns
    /// are computed from those and from masked columns checked on their own: none of them is read.
    /// </summary>
    private static TargetSearch SearchOf(TablePlan table, ColumnPlan column, VerifyScope scope)
    {
        if (table.Mode == CopyMode.Emptied)
        {
            return TargetSearch.None;
        }

        if (column.Action == ColumnAction.Mask)
        {
            return column.Rule!.SearchInTarget(column.Unique) switch
            {
                TargetSearch.KeptMembers when scope == VerifyScope.NewDatabase => TargetSearch.None,
                TargetSearch.WholeValue when column.Column.Type.Category == TypeCategory.Bytea => TargetSearch.None,
                var how => how,
            };
        }

        // A generated column in a new database is recomputed there from its row's copied and masked values, which their
        // own checks cover: an original could be in it only if one of those held it. In a database of unknown history
        // (verify), any text may have been written anywhere.
        return column.Column.Type.HoldsText && scope == VerifyScope.ExistingDatabase ? TargetSearch.Words : TargetSearch.None;
    }
}

/// <summary>The masked columns of a table whose originals verification reads from the source, and where inside them.</summary>
public sealed record OriginalsOf(RuleTablePlan Table, IReadOnlyList<ColumnPlan> Columns)
{
    /// <summary>Per column, the origins of its originals: the whole value, or each part its rule masks inside it.</summary>
    public IReadOnlyList<IReadOnlyList<Origin>> Origins =>
        [.. Columns.Select(c => (IReadOnlyList<Origin>)[.. c.Rule!.Parts.Select(p => new Origin(Table.Name, c, p))])];
}

/// <summary>The columns of one table holding rows that verification searches, and how.</summary>
public sealed record TableSearch(TablePlan Table, IReadOnlyList<ColumnSearch> Columns);

/// <summary>A column searched for originals, and how (<see cref="TargetSearch"/>).</summary>
public sealed record ColumnSearch(ColumnPlan Column, TargetSearch How);

/// <summary>What a verification does with one column.</summary>
/// <param name="Originals">Its originals are read from the source and looked for (a masked column, bytea excepted).</param>
/// <param name="Parts">
/// Where inside its values those originals sit, as messages name them (the positions of its rule's parts: JSON paths,
/// <c>[*]</c>, <c>scrub:email+phone</c>); empty when the original is the whole value, or none is read.
/// </param>
/// <param name="ComparedByKey">Its table's rows are read again by their kept unique key and this masked column compared with the source's.</param>
/// <param name="Search">How the verified database's column is searched for originals.</param>
public sealed record ColumnVerification(bool Originals, IReadOnlyList<string> Parts, bool ComparedByKey, TargetSearch Search);
