using DevDbSeed.IntegrationTests.Infrastructure;

namespace DevDbSeed.IntegrationTests.Subsetting;

/// <summary>
/// <c>whole: true</c>: a listed table keeps every row, the walk down from a start table does not cross it (its children
/// are not reached through it), and every row it references is copied. In <see cref="Shop"/>, users 1 to 4 start and
/// orders are listed whole.
/// </summary>
public sealed class WholeTableTests(WholeTableTests.Runs runs) : IClassFixture<WholeTableTests.Runs>
{
    [Fact]
    public void The_run_succeeds()
    {
        Outputs.ExitCode(0, runs.Run.Result);
    }

    [Fact]
    public async Task A_table_listed_whole_keeps_every_row()
    {
        Assert.Equal(await runs.Databases.TableHashAsync(runs.Source, "public.orders"), await runs.Databases.TableHashAsync(runs.Run.Target, "public.orders"));
        Assert.Equal("whole", runs.Run.SummaryTables()["public.orders"].GetProperty("role").GetString());
    }

    [Fact]
    public void Tables_below_a_whole_table_are_not_reached_through_it()
    {
        var tables = runs.Run.SummaryTables();

        Assert.All(["public.order_items", "public.shipments", "billing.invoices"], t => Assert.Equal("whole", tables[t].GetProperty("role").GetString()));
    }

    [Fact]
    public async Task Every_row_a_whole_table_references_is_copied()
    {
        Assert.Equal(20L, await runs.Databases.ScalarAsync<long>(runs.Run.Target, "SELECT count(*) FROM users")); // orders reference all 20 users
    }

    [Fact]
    public async Task A_table_reached_from_the_start_table_another_way_is_still_a_subset()
    {
        Assert.Equal(8L, await runs.Databases.ScalarAsync<long>(runs.Run.Target, "SELECT count(*) FROM events"));
        Assert.Equal("reached", runs.Run.SummaryTables()["public.events"].GetProperty("role").GetString());
    }

    [Fact]
    public async Task Every_foreign_key_is_validated()
    {
        await ForeignKeys.AssertAllValidatedAsync(runs.Databases, runs.Source, runs.Run.Target, atLeast: 13);
    }

    /// <summary>The shop from users 1 to 4 with orders whole.</summary>
    public sealed class Runs : Shop.Source
    {
        public SubsetRun Run { get; private set; } = null!;

        protected override async Task RunAsync() => Run = await SubsetAsync("dev", Shop.UsersUpTo4 + "\n  public.orders: { whole: true }");
    }
}
