using System.Text.Json;
using DevDbSeed.Catalog;
using DevDbSeed.Copying;
using DevDbSeed.Errors;
using DevDbSeed.Planning;
using DevDbSeed.Subsetting;
using DevDbSeed.Tests.Support;
using static DevDbSeed.Tests.Support.Catalogs;

namespace DevDbSeed.Tests.Planning;

/// <summary>What the plan makes of <c>keep_rows</c>: which tables split their rows, what it refuses, and how the copy reads each side.</summary>
public sealed class KeepRowsPlanTests
{
    [Fact]
    public void A_masked_table_with_keep_rows_splits_its_rows_and_every_partition_applies_the_roots_predicate()
    {
        var plan = Plan("""
            public.users:
              keep_rows: "id <= 3"
              columns:
                id: keep
                email: internet.email
            public.events:
              keep_rows: "id < 0"
              columns:
                id: keep
                email: internet.email
            """);

        Assert.Equal("id <= 3", plan.RuleTable(Name("public.users")).KeepRows!.Predicate);
        Assert.Equal(["public.events", "public.users"], plan.KeepingRows.Select(t => t.Name.ToString()).Order(StringComparer.Ordinal));
        var parts = plan.RuleTable(Name("public.events")).Parts;
        Assert.Equal(2, parts.Count);
        Assert.All(parts, p => Assert.Equal("id < 0", p.KeepRows!.Predicate));
    }

    [Fact]
    public void A_table_whose_columns_are_all_kept_copies_every_row_as_it_is_whatever_keep_rows_says()
    {
        var plan = Plan("""
            public.users:
              keep_rows: "id <= 3"
              columns:
                id: keep
                email: keep
            """);

        var table = plan.RuleTable(Name("public.users"));
        Assert.Equal(CopyMode.Passthrough, table.Mode);
        Assert.NotNull(table.KeepRows);
        Assert.Null(table.Parts[0].KeepRows);
    }

    [Fact]
    public void Unique_masked_columns_of_a_table_with_keep_rows_are_checked_after_the_load_where_a_keyed_hash_alone_is_not()
    {
        var rules = """
            public.users:
              {0}
              columns:
                id: keep
                email: { hash: { length: 32, alphabet: hex } }
            """;

        var without = Plan(rules.Replace("{0}", "# none", StringComparison.Ordinal)).RuleTable(Name("public.users")).Column("email");
        var with = Plan(rules.Replace("{0}", "keep_rows: \"id <= 3\"", StringComparison.Ordinal)).RuleTable(Name("public.users")).Column("email");

        Assert.False(without.Uniqueness!.Checked);
        Assert.True(with.Uniqueness!.Checked);
    }

    [Fact]
    public void Keep_rows_on_a_table_whose_masked_column_others_follow_through_a_foreign_key_is_refused()
    {
        var catalog = Catalogs.Catalog(
            Tbl("public.users", [Col("id", Int4, notNull: true), Col("email", Text, notNull: true)], unique: [Key("id"), Key("email")]),
            Tbl("public.orders", [Col("id", Int4, notNull: true), Col("customer_email", Text)], fks: [Fk(["customer_email"], "public.users", ["email"])]));

        var refusal = Assert.Throws<RulesMismatchException>(() => Planner.Plan(Plans.Rules("""
            public.users:
              keep_rows: "id <= 3"
              columns:
                id: keep
                email: internet.email
            public.orders:
              columns:
                id: keep
            """), catalog));

        var problem = Assert.Single(refusal.Problems);
        Assert.StartsWith("public.users.email (rules.yaml:4:16): keep_rows copies some rows of public.users unmasked, but public.orders.customer_email references it", problem, StringComparison.Ordinal);
        Assert.Equal(ExitCode.RulesDoNotFitSchema, refusal.ExitCode);
    }

    [Fact]
    public void Keep_rows_on_a_table_whose_masked_column_follows_another_through_a_foreign_key_is_refused()
    {
        var catalog = Catalogs.Catalog(
            Tbl("public.users", [Col("id", Int4, notNull: true), Col("email", Text, notNull: true)], unique: [Key("id"), Key("email")]),
            Tbl("public.orders", [Col("id", Int4, notNull: true), Col("customer_email", Text)], fks: [Fk(["customer_email"], "public.users", ["email"])]));

        var refusal = Assert.Throws<RulesMismatchException>(() => Planner.Plan(Plans.Rules("""
            public.users:
              columns:
                id: keep
                email: internet.email
            public.orders:
              keep_rows: "id <= 3"
              columns:
                id: keep
            """), catalog));

        Assert.Contains(refusal.Problems, p => p.StartsWith("public.orders.customer_email (rules.yaml:8:16): keep_rows copies some rows of public.orders unmasked, "
            + "but public.orders.customer_email follows the masked public.users.email", StringComparison.Ordinal));
    }

    [Fact]
    public void Keep_rows_on_a_partition_is_refused_like_any_rule_there()
    {
        var refusal = Assert.Throws<RulesMismatchException>(() => Plan("""
            public.users:
              columns:
                id: keep
                email: internet.email
            public.events:
              columns:
                id: keep
                email: internet.email
            public.events_2024:
              keep_rows: "id < 0"
              columns:
                id: keep
                email: internet.email
            """));

        Assert.Contains(refusal.Problems, p => p.Contains("public.events_2024 (rules.yaml:11:3): is a partition of public.events, whose rule covers it", StringComparison.Ordinal));
    }

    [Fact]
    public void The_plan_document_shows_the_predicate_where_it_is_written_and_the_rows_it_keeps()
    {
        var plan = Plan("""
            public.users:
              keep_rows: "id <= 3"
              columns:
                id: keep
                email: internet.email
            public.events:
              columns:
                id: keep
                email: internet.email
            """) with { KeptRows = new Dictionary<QualifiedName, long> { [Name("public.users")] = 3 } };

        using var document = JsonDocument.Parse(PlanDocument.Write(plan));

        var tables = document.RootElement.GetProperty("tables").EnumerateArray().ToDictionary(t => t.GetProperty("name").GetString()!);
        var keepRows = tables["public.users"].GetProperty("keepRows");
        Assert.Equal(["predicate", "location", "rows"], keepRows.EnumerateObject().Select(p => p.Name));
        Assert.Equal("id <= 3", keepRows.GetProperty("predicate").GetString());
        Assert.Equal("rules.yaml:4:16", keepRows.GetProperty("location").GetString());
        Assert.Equal(3, keepRows.GetProperty("rows").GetInt64());
        Assert.Equal(JsonValueKind.Null, tables["public.events"].GetProperty("keepRows").ValueKind);
    }

    [Fact]
    public void The_masked_slices_read_the_rows_the_predicate_does_not_keep_and_one_more_slice_reads_those_it_keeps()
    {
        var users = Plan("""
            public.users:
              keep_rows: "id <= 3"
              columns:
                id: keep
                email: internet.email
            public.events:
              columns:
                id: keep
                email: internet.email
            """).RuleTable(Name("public.users")).Parts[0];

        var slices = CopySlicer.Slice([users], jobs: 2, serverVersionNumber: 150000);

        Assert.Equal(2, slices.Count);
        var masked = Assert.Single(slices, s => !s.Kept);
        var kept = Assert.Single(slices, s => s.Kept);
        Assert.Equal("(SELECT id, email FROM ONLY \"public\".\"users\" WHERE (id <= 3\n) IS NOT TRUE)", masked.Source("id, email"));
        Assert.Equal("(SELECT id, email FROM ONLY \"public\".\"users\" WHERE (id <= 3\n) IS TRUE)", kept.Source("id, email"));
        Assert.False(masked.PassesThrough);
        Assert.True(kept.PassesThrough);
        Assert.True(kept.Binary);
        Assert.Equal("public.users (rows kept unmasked)", kept.ToString());
    }

    [Fact]
    public void A_block_range_and_a_subsets_rows_add_the_predicate_to_their_own_conditions()
    {
        var users = Plan("""
            public.users:
              keep_rows: "id <= 3"
              columns:
                id: keep
                email: internet.email
            public.events:
              columns:
                id: keep
                email: internet.email
            """).RuleTable(Name("public.users")).Parts[0];
        var rows = new SubsetRows([Tids.Encode(3, 1)], new Dictionary<string, long[]>());

        Assert.Equal("(SELECT id FROM ONLY \"public\".\"users\" WHERE ctid >= '(10,0)'::tid AND (id <= 3\n) IS NOT TRUE)",
            new CopySlice(users, 1, 2, 10, null, 1).Source("id"));
        Assert.Equal("(SELECT \"id\", \"email\" FROM ONLY \"public\".\"users\" WHERE ctid = ANY('{\"(3,1)\"}'::tid[]) AND (id <= 3\n) IS TRUE)",
            new CopySlice(users, 0, 1, null, null, 1, rows, Kept: true).Source("id, email"));
        var selection = new SubsetSelection(null!, new Dictionary<QualifiedName, SubsetRows> { [users.Table.Name] = rows }, Queries: 1, TimeSpan.Zero);
        var slices = CopySlicer.Slice([users], jobs: 2, serverVersionNumber: 150000, selection);
        Assert.Equal([false, true], slices.Select(s => s.Kept).Order());
        Assert.All(slices, s => Assert.Equal(rows.Tids, s.Rows!.Tids));
    }

    /// <summary>The plan of <paramref name="rules"/> on users and the partitioned events (kept when the rules do not name them).</summary>
    private static PipelinePlan Plan(string rules) => Planner.Plan(Plans.Rules(rules.Contains("public.events:", StringComparison.Ordinal) ? rules : rules + "\npublic.events: keep\n"), Catalogs.Catalog(
        Tbl("public.users", [Col("id", Int4, notNull: true), Col("email", Varchar(100), notNull: true)], unique: [Key("id"), Key("email")], rows: 500),
        Tbl("public.events", [Col("id", Int4), Col("email", Text)], kind: TableKind.Partitioned, rows: 0),
        Tbl("public.events_2024", [Col("id", Int4), Col("email", Text)], kind: TableKind.Partition, root: "public.events", rows: 300),
        Tbl("public.events_2025", [Col("id", Int4), Col("email", Text)], kind: TableKind.Partition, root: "public.events", rows: 400)));
}
