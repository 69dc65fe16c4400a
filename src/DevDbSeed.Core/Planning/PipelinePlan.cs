using DevDbSeed.Catalog;
using DevDbSeed.Masking;
using DevDbSeed.Rules;
using DevDbSeed.Subsetting;

namespace DevDbSeed.Planning;

/// <summary>
/// What a run will do, built from (pipeline rules, source catalog) before any row moves: what <c>check</c>
/// prints and what <c>run</c> executes. Copying, the uniqueness check, verification, the report and the run's
/// output all read their decisions here; none of them makes its own.
/// </summary>
/// <param name="Catalog">The source schema the plan was made for.</param>
/// <param name="Rules">The rules applied.</param>
/// <param name="RuleTables">Every table the rules name, with its partitions, by name.</param>
/// <param name="UniqueRules">The rules that are unique wherever they are used, JSON members included.</param>
public sealed record PipelinePlan(DatabaseCatalog Catalog, RuleSet Rules, IReadOnlyList<RuleTablePlan> RuleTables, UniqueRuleSet UniqueRules)
{
    /// <summary>Every table holding rows (plain tables and leaf partitions), largest first: what the copy works through.</summary>
    public IReadOnlyList<TablePlan> Tables =>
        [.. RuleTables.SelectMany(t => t.Parts).OrderByDescending(t => t.Table.SizeBytes).ThenBy(t => t.Table.Name)];

    /// <summary>The rows a subset copies (pipeline key <c>subset:</c>), chosen in the run's snapshot; null: every row.</summary>
    public SubsetSelection? Subset { get; init; }

    /// <summary>
    /// Per table with <c>keep_rows</c>, the source rows its predicate matches, counted in the run's snapshot by the plan step
    /// (which fails on a predicate the source cannot evaluate); empty before.
    /// </summary>
    public IReadOnlyDictionary<QualifiedName, long> KeptRows { get; init; } = new Dictionary<QualifiedName, long>();

    /// <summary>The tables the rules name with <c>keep_rows</c>, in plan order.</summary>
    public IEnumerable<RuleTablePlan> KeepingRows => RuleTables.Where(t => t.KeepRows is not null);

    public int MaskedColumnCount => RuleTables.Sum(t => t.MaskedColumns.Count());

    /// <summary>The tables the rules name that <paramref name="mode"/> applies to.</summary>
    public int CountOf(CopyMode mode) => RuleTables.Count(t => t.Mode == mode);

    /// <summary>The entry of a table the rules name (the root of partitions).</summary>
    public RuleTablePlan RuleTable(QualifiedName name) => RuleTables.First(t => t.Name == name);

    /// <summary>
    /// The tables holding rows whose masked values go through one of <paramref name="mappings"/> (canonical rules), in a
    /// column or inside one (a JSON member, an array element, an e-mail a scrub replaces): what a repair of those
    /// mappings changes, to be copied again.
    /// </summary>
    public IReadOnlyList<TablePlan> TablesMappingWith(IReadOnlySet<string> mappings) =>
        [.. Tables.Where(t => t.MaskedColumns.Any(c => c.Rule!.MappingsUsed(c.Unique, UniqueRules).Any(mappings.Contains)))];

    /// <summary>The set constants, with the columns they must fit (cast-checked on the source before a run).</summary>
    public IEnumerable<(RuleTablePlan Table, ColumnPlan Column, string Value)> Constants =>
        from t in RuleTables
        from c in t.MaskedColumns
        where c.Rule!.Constant is not null
        select (t, c, c.Rule!.Constant!);
}
