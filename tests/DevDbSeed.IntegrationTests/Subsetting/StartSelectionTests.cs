using DevDbSeed.IntegrationTests.Infrastructure;

namespace DevDbSeed.IntegrationTests.Subsetting;

/// <summary>
/// How a start table's rows are chosen besides a plain predicate: <c>limit</c> with <c>order_by</c> (exactly the first
/// rows), <c>percent</c> (a repeatable sample), each combined with <c>where</c>. The same pipeline runs twice.
/// </summary>
public sealed class StartSelectionTests(StartSelectionTests.Runs runs) : IClassFixture<StartSelectionTests.Runs>
{
    private const string Selection = """
          public.orders: { where: "user_id <= 10", limit: 5, order_by: "id DESC" }
          public.page_views: { where: "id <= 500", percent: 20 }
        """;

    [Fact]
    public void Both_runs_succeed()
    {
        Outputs.ExitCode(0, runs.First.Result);
        Outputs.ExitCode(0, runs.Second.Result);
    }

    [Fact]
    public async Task A_limit_takes_exactly_the_first_rows_in_its_order_among_those_its_where_selects()
    {
        Assert.Equal([26, 27, 28, 29, 30], await runs.Databases.IdsAsync(runs.First.Target, "SELECT id FROM orders ORDER BY id"));
    }

    [Fact]
    public void The_summary_counts_a_limited_start_table_exactly()
    {
        var orders = runs.First.SummaryTables()["public.orders"];

        Assert.Equal("start", orders.GetProperty("role").GetString());
        Assert.Equal(5, orders.GetProperty("rows").GetInt64());
        Assert.True(orders.GetProperty("exact").GetBoolean());
        Assert.Equal("where user_id <= 10, limit 5 order by id DESC", orders.GetProperty("selection").GetString());
    }

    [Fact]
    public async Task A_percent_takes_about_that_share_of_the_rows_its_where_selects()
    {
        var ids = await runs.Databases.IdsAsync(runs.First.Target, "SELECT id FROM page_views ORDER BY id");

        Assert.InRange(ids.Count, 50, 150); // 20 % of 500
        Assert.All(ids, id => Assert.InRange(id, 1, 500));
    }

    [Fact]
    public async Task A_percent_sample_is_the_same_rows_in_another_run()
    {
        var first = await runs.Databases.IdsAsync(runs.First.Target, "SELECT id FROM page_views ORDER BY id");

        Assert.Equal(first, await runs.Databases.IdsAsync(runs.Second.Target, "SELECT id FROM page_views ORDER BY id"));
    }

    [Fact]
    public async Task A_table_the_start_tables_only_reference_is_copied_whole()
    {
        Assert.Equal(20L, await runs.Databases.ScalarAsync<long>(runs.First.Target, "SELECT count(*) FROM users"));
        Assert.Equal("whole", runs.First.SummaryTables()["public.users"].GetProperty("role").GetString());
    }

    /// <summary>The shop, subset twice with the same selection.</summary>
    public sealed class Runs : Shop.Source
    {
        public SubsetRun First { get; private set; } = null!;

        public SubsetRun Second { get; private set; } = null!;

        protected override async Task RunAsync()
        {
            First = await SubsetAsync("first", Selection.TrimEnd());
            Second = await SubsetAsync("second", Selection.TrimEnd());
        }
    }
}
