using DevDbSeed.Catalog;
using DevDbSeed.Configuration;
using DevDbSeed.Errors;
using DevDbSeed.Planning;
using DevDbSeed.Rules;
using DevDbSeed.Running;
using DevDbSeed.Subsetting;
using DevDbSeed.Verification;
using static DevDbSeed.Tests.Support.Catalogs;

namespace DevDbSeed.Tests.Support;

/// <summary>A small planned run (what the pipeline hands its observer), built without a server.</summary>
internal static class Runs
{
    private const string Rules = """
        version: 1
        tables:
          public.users:
            columns:
              id: keep
              email: internet.email
              first_name: name.firstName
          public.orders:
            columns:
              id: keep
              note: null
          public.countries: keep
          public.audit_log: empty
        """;

    /// <summary>users (2 masked columns), orders (1), countries (kept), audit_log (emptied).</summary>
    public static PipelinePlan Plan()
    {
        using var dir = new TempDirectory();
        var rules = RulesLoader.Load(dir.Write("rules.yaml", Rules));
        var catalog = Catalogs.Catalog(
            Tbl("public.users", [Col("id", Int4), Col("email", Text), Col("first_name", Text)], unique: [Key("id")], rows: 10_000),
            Tbl("public.orders", [Col("id", Int4), Col("note", Text)], rows: 50_000),
            Tbl("public.countries", [Col("code", Text)], rows: 20),
            Tbl("public.audit_log", [Col("id", Int4)], rows: 300));
        return Planner.Plan(rules, catalog);
    }

    /// <summary>A subset starting at <paramref name="start"/> (<c>where true</c>) that chose 3 of its rows.</summary>
    public static SubsetSelection Subset(PipelinePlan plan, string start)
    {
        var name = QualifiedName.TryParse(start)!;
        var graph = SubsetGraph.For(plan, new SubsetOptions([new SubsetTable(name, new SourceLocation("pipeline.yaml", 7, 3), Where: "true")]));
        var rows = new Dictionary<QualifiedName, SubsetRows> { [name] = new([1, 2, 3], new Dictionary<string, long[]>()) };
        return new SubsetSelection(graph, rows, Queries: 2, TimeSpan.FromSeconds(0.25));
    }

    public static TablePlan Table(PipelinePlan plan, string name) => plan.Tables.Single(t => t.Table.Name.ToString() == name);

    public static TableCopyResult Copied(TablePlan table, long rows, long bytes, double seconds) =>
        new(table, rows, bytes, table.MaskedColumns.Count() * rows, TimeSpan.FromSeconds(seconds));

    public static RunSummary Summary(IReadOnlyList<TableCopyResult> tables, bool randomKey = false) => new(
        "postgres@db.example:5432/prod", "postgres@localhost:5432/dev", tables, MaskedColumns: 3, Sequences: 2, TimeSpan.FromSeconds(12.34),
        [new StepFinished(RunStep.Plan, TimeSpan.FromSeconds(0.2)), new StepFinished(RunStep.Rows, TimeSpan.FromSeconds(9.87))],
        randomKey ? [new RandomKeyUsed(MissingSecret.NotSet)] : []);

    public static VerifyResult Verified() => new(3, 12_345, 7, 60_000, [], TimeSpan.FromSeconds(1.5), ComparedTables: 2, ComparedRows: 60_000);
}
