using System.Text.Json;
using System.Text.RegularExpressions;
using DevDbSeed.IntegrationTests.Infrastructure;

namespace DevDbSeed.IntegrationTests.Subsetting;

/// <summary>
/// <c>devdbseed check</c> of a subset pipeline chooses the subset's rows in the source's snapshot and reports them per
/// table (its role and rows, as text and in the JSON plan's <c>subset</c> members), creating no database.
/// </summary>
public sealed class SubsetCheckTests(SubsetCheckTests.SourceOnly shop) : IClassFixture<SubsetCheckTests.SourceOnly>
{
    [Fact]
    public async Task Check_prints_each_table_s_role_and_the_rows_the_subset_takes()
    {
        var (pipeline, _) = shop.SubsetPipeline("check-text", Shop.UsersUpTo4);

        var result = await Devdbseed.RunAsync("check", pipeline);

        Outputs.ExitCode(0, result);
        Assert.Matches(Line("public.users", "11 of ~20 rows", @"start \(where id <= 4\)"), result.Output);
        Assert.Matches(Line("public.orders", "9 of ~40 rows", "reached from a start table"), result.Output);
        Assert.Matches(Line("public.events", "8 of ~40 rows", "reached from a start table"), result.Output);
        Assert.Matches(Line("geo.countries", "~5 rows", "copied whole"), result.Output);
        Assert.Matches(Line("public.audit_log", "no rows", "emptied"), result.Output);
        Outputs.Mentions(result, "subset: 82 rows chosen in 1 start and 8 reached tables (4 copied whole, 1 emptied)");
    }

    [Fact]
    public async Task Check_as_json_gives_each_table_its_subset_role_rows_and_selection()
    {
        var (pipeline, _) = shop.SubsetPipeline("check-json", Shop.UsersUpTo4);

        var result = await Devdbseed.RunAsync("check", pipeline, "--format", "json");

        Outputs.ExitCode(0, result);
        using var plan = JsonDocument.Parse(result.Output);
        var tables = plan.RootElement.GetProperty("tables").EnumerateArray().ToDictionary(t => t.GetProperty("name").GetString()!, t => t.GetProperty("subset"));
        AssertSubset(tables["public.users"], "start", 11, exact: true, "where id <= 4");
        AssertSubset(tables["public.employees"], "reached", 6, exact: true, null);
        AssertSubset(tables["public.page_views"], "whole", 1000, exact: false, null);
        AssertSubset(tables["public.audit_log"], "emptied", 0, exact: false, null);
    }

    [Fact]
    public async Task Check_of_a_subset_creates_no_database_and_leaves_the_source_as_it_is()
    {
        var (pipeline, _) = shop.SubsetPipeline("check-nothing", Shop.UsersUpTo4);
        var source = await shop.Databases.StateAsync(shop.Source);

        Outputs.ExitCode(0, await Devdbseed.RunAsync("check", pipeline));

        Assert.Equal([shop.Source], await shop.Databases.OursAsync());
        Assert.Equal(source, await shop.Databases.StateAsync(shop.Source));
    }

    private static Regex Line(string table, string rows, string role) =>
        new($@"(?m)^  {Regex.Escape(table)}\s+{Regex.Escape(rows)}\s+{role}$");

    private static void AssertSubset(JsonElement subset, string role, long rows, bool exact, string? selection)
    {
        Assert.Equal(role, subset.GetProperty("role").GetString());
        Assert.Equal(rows, subset.GetProperty("rows").GetInt64());
        Assert.Equal(exact, subset.GetProperty("exact").GetBoolean());
        Assert.Equal(selection, subset.GetProperty("selection").GetString());
    }

    /// <summary>The shop, never run.</summary>
    public sealed class SourceOnly : Shop.Source;
}
