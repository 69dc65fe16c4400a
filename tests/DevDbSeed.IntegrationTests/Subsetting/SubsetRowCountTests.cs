using System.Text.Json;
using DevDbSeed.IntegrationTests.Infrastructure;

namespace DevDbSeed.IntegrationTests.Subsetting;

/// <summary>
/// A subset of the hand-made <see cref="Shop"/> with a known predicate (users 1 to 4): every table holds exactly the rows
/// counted by hand, down the keys from the start rows, up to every row they reference, lookups and unreached tables whole.
/// </summary>
public sealed class SubsetRowCountTests(SubsetRowCountTests.Runs runs) : IClassFixture<SubsetRowCountTests.Runs>
{
    private SubsetRun Run => runs.Included;

    [Fact]
    public void The_run_succeeds()
    {
        Outputs.ExitCode(0, Run.Result);
        Outputs.NoStackTrace(Run.Result);
    }

    [Fact]
    public async Task Every_table_holds_the_rows_counted_by_hand()
    {
        var counts = await runs.Databases.RowCountsAsync(Run.Target);

        Assert.Equal(new SortedDictionary<string, long>(StringComparer.Ordinal)
        {
            ["billing.invoices"] = 9,
            ["geo.countries"] = 5,
            ["geo.regions"] = 10,
            ["public.audit_log"] = 0,
            ["public.employees"] = 6,
            ["public.event_notes"] = 8,
            ["public.events_2024"] = 4,
            ["public.events_2025"] = 4,
            ["public.order_items"] = 18,
            ["public.orders"] = 9,
            ["public.page_views"] = 1000,
            ["public.reviews"] = 4,
            ["public.settings"] = 3,
            ["public.shipments"] = 9,
            ["public.users"] = 11,
        }, counts);
    }

    [Fact]
    public async Task The_start_table_holds_the_rows_of_its_predicate_and_the_rows_included_rows_reference()
    {
        Assert.Equal([1, 2, 3, 4, 9, 10, 12, 13, 14, 15, 16], await runs.Databases.IdsAsync(Run.Target, "SELECT id FROM users ORDER BY id"));
    }

    [Fact]
    public async Task A_table_referencing_the_start_table_holds_the_rows_referencing_start_rows_through_any_key()
    {
        Assert.Equal([1, 2, 3, 4, 21, 22, 23, 24, 30], await runs.Databases.IdsAsync(Run.Target, "SELECT id FROM orders ORDER BY id"));
    }

    [Fact]
    public async Task Rows_are_reached_down_a_composite_key()
    {
        Assert.Equal([1, 2, 3, 4, 21, 22, 23, 24, 30], await runs.Databases.IdsAsync(Run.Target, "SELECT order_id FROM shipments ORDER BY 1"));
        Assert.Equal(18, await runs.Databases.ScalarAsync<long>(Run.Target,
            "SELECT count(*) FROM order_items i JOIN orders o ON o.id = i.order_id"));
    }

    [Fact]
    public async Task Rows_are_reached_down_a_key_from_another_schema()
    {
        Assert.Equal([101, 102, 103, 104, 121, 122, 123, 124, 130], await runs.Databases.IdsAsync(Run.Target, "SELECT id FROM billing.invoices ORDER BY id"));
    }

    [Fact]
    public async Task A_self_referencing_table_is_walked_down_its_own_key_and_up_to_the_managers_of_the_rows_it_holds()
    {
        Assert.Equal([1, 2, 3, 4, 5, 6], await runs.Databases.IdsAsync(Run.Target, "SELECT id FROM employees ORDER BY id"));
    }

    [Fact]
    public async Task A_partitioned_table_is_reached_in_each_partition_and_through_a_key_into_it()
    {
        Assert.Equal([1, 3, 21, 23], await runs.Databases.IdsAsync(Run.Target, "SELECT id FROM events_2024 ORDER BY id"));
        Assert.Equal([2, 4, 22, 24], await runs.Databases.IdsAsync(Run.Target, "SELECT id FROM events_2025 ORDER BY id"));
        Assert.Equal([1, 2, 3, 4, 21, 22, 23, 24], await runs.Databases.IdsAsync(Run.Target, "SELECT event_id FROM event_notes ORDER BY 1"));
    }

    [Fact]
    public async Task A_lookup_table_the_subset_references_but_does_not_reach_is_copied_whole()
    {
        Assert.Equal(await runs.Databases.TableHashAsync(runs.Source, "geo.countries"), await runs.Databases.TableHashAsync(Run.Target, "geo.countries"));
    }

    [Fact]
    public async Task Tables_no_start_table_reaches_are_copied_whole()
    {
        foreach (var table in new[] { "geo.regions", "public.settings", "public.page_views" })
        {
            Assert.Equal(await runs.Databases.TableHashAsync(runs.Source, table), await runs.Databases.TableHashAsync(Run.Target, table));
        }
    }

    [Fact]
    public async Task A_table_the_rules_empty_stays_empty_though_it_references_the_start_table()
    {
        Assert.Equal(20L, await runs.Databases.ScalarAsync<long>(runs.Source, "SELECT count(*) FROM audit_log"));
        Assert.Equal(0L, await runs.Databases.ScalarAsync<long>(Run.Target, "SELECT count(*) FROM audit_log"));
        Assert.Equal("emptied", Run.SummaryTables()["public.audit_log"].GetProperty("role").GetString());
    }

    [Fact]
    public async Task Every_foreign_key_of_the_source_is_validated_in_the_subset()
    {
        await ForeignKeys.AssertAllValidatedAsync(runs.Databases, runs.Source, Run.Target, atLeast: 13);
    }

    [Fact]
    public async Task Copied_rows_are_masked_as_in_a_full_run()
    {
        var emails = await runs.Databases.ColumnAsync(Run.Target, "SELECT email FROM users");
        Assert.Equal(11, emails.Count);
        Assert.All(emails, email => Assert.DoesNotContain("@shop.example", email!, StringComparison.Ordinal));
    }

    [Fact]
    public void The_summary_reports_the_rows_the_subset_chose_per_table()
    {
        using var summary = JsonDocument.Parse(File.ReadAllText(Run.SummaryFile));
        var subset = summary.RootElement.GetProperty("subset");
        Assert.Equal(82, subset.GetProperty("rows").GetInt64()); // 11 + 9 + 18 + 9 + 9 + 6 + 8 + 8 + 4: start and reached tables
        Assert.True(subset.GetProperty("queries").GetInt32() > 0);
        Assert.True(subset.GetProperty("seconds").GetDouble() >= 0);
        var tables = Run.SummaryTables();
        Assert.Equal(Shop.Tables.Where(t => !t.StartsWith("public.events_", StringComparison.Ordinal)).Append("public.events").Order(StringComparer.Ordinal),
            tables.Keys.Order(StringComparer.Ordinal));
        AssertTable(tables["public.users"], "start", 11, exact: true, sourceRows: 20, "where id <= 4");
        AssertTable(tables["public.orders"], "reached", 9, exact: true, sourceRows: 40, null);
        AssertTable(tables["public.events"], "reached", 8, exact: true, sourceRows: 40, null);
        AssertTable(tables["geo.countries"], "whole", 5, exact: false, sourceRows: 5, null);
        AssertTable(tables["public.audit_log"], "emptied", 0, exact: false, sourceRows: 20, null);
    }

    [Fact]
    public void A_run_estimates_the_rows_it_finds_by_key_until_it_has_copied_them()
    {
        // shipments, invoices, event notes and reviews end the walk down, each reached by one key: copied by key, not counted before
        Outputs.Mentions(Run.Result, "to find by key as they are copied in 1 start and 8 reached tables");
        using var summary = JsonDocument.Parse(File.ReadAllText(Run.SummaryFile));
        var subset = summary.RootElement.GetProperty("subset");
        Assert.Equal(0, subset.GetProperty("rows_estimated").GetInt64());
        AssertTable(Run.SummaryTables()["public.shipments"], "reached", 9, exact: true, sourceRows: 40, null);
        AssertTable(Run.SummaryTables()["billing.invoices"], "reached", 9, exact: true, sourceRows: 40, null);
    }

    private static void AssertTable(JsonElement table, string role, long rows, bool exact, long sourceRows, string? selection)
    {
        Assert.Equal(role, table.GetProperty("role").GetString());
        Assert.Equal(rows, table.GetProperty("rows").GetInt64());
        Assert.Equal(exact, table.GetProperty("exact").GetBoolean());
        Assert.Equal(sourceRows, table.GetProperty("source_rows").GetInt64());
        Assert.Equal(selection, table.GetProperty("selection").GetString());
    }

    /// <summary>The shop, and its subset from users 1 to 4.</summary>
    public sealed class Runs : Shop.Source
    {
        public SubsetRun Included { get; private set; } = null!;

        protected override async Task RunAsync() => Included = await SubsetAsync("dev", Shop.UsersUpTo4);
    }
}
