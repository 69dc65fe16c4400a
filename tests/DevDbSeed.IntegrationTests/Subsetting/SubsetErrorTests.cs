using DevDbSeed.IntegrationTests.Infrastructure;

namespace DevDbSeed.IntegrationTests.Subsetting;

/// <summary>
/// A subset that cannot apply to the source is refused before any row moves, with one message naming where the pipeline
/// says it (file:line:column), its documented exit code and no stack trace; the source, the existing target and the
/// server's databases stay as they were.
/// </summary>
public sealed class SubsetErrorTests(SubsetErrorTests.Existing existing) : IClassFixture<SubsetErrorTests.Existing>
{
    [Fact]
    public async Task A_table_the_source_does_not_have_is_exit_3_naming_where_the_pipeline_lists_it()
    {
        var pipeline = Pipeline("""  public.wishlists: { where: "id < 5" }""");

        var result = await AssertRefusedAsync(3, "run", pipeline);

        Outputs.Mentions(result, $"{pipeline}:7:3: subset names public.wishlists, which the source does not have");
    }

    [Fact]
    public async Task A_partition_listed_instead_of_its_root_is_exit_2_naming_the_root()
    {
        var pipeline = Pipeline("""  public.events_2024: { where: "id < 5" }""");

        var result = await AssertRefusedAsync(2, "run", pipeline);

        Assert.Equal($"error: {pipeline}:7:3: subset: public.events_2024 is a partition of public.events; list public.events instead", ErrorLine(result));
    }

    [Fact]
    public async Task A_table_the_rules_empty_listed_is_exit_2()
    {
        var pipeline = Pipeline("""  public.audit_log: { limit: 5 }""");

        var result = await AssertRefusedAsync(2, "run", pipeline);

        Assert.Equal($"error: {pipeline}:7:3: subset: the rules empty public.audit_log; it has no rows to select", ErrorLine(result));
    }

    [Theory]
    [InlineData("""  public.users: { wher: "id < 5" }""", "7:19", "unknown key 'wher' in subset public.users; did you mean where?")]
    [InlineData("""  public.users: { percent: 5, limit: 10 }""", "7:17", "subset public.users: give percent or limit, not both")]
    [InlineData("""  public.users: { order_by: id }""", "7:17", "subset public.users: order_by only orders a limit (add limit: N)")]
    [InlineData("""  public.users: {}""", "7:17", "subset public.users: say which rows: where, percent or limit (or whole: true)")]
    public async Task A_subset_entry_of_the_wrong_shape_is_exit_2_at_its_line_and_column(string entry, string at, string message)
    {
        var pipeline = Pipeline(entry);

        var result = await AssertRefusedAsync(2, "run", pipeline);

        Assert.Equal($"error: {pipeline}:{at}: {message}", ErrorLine(result));
    }

    [Theory]
    [InlineData("run")]
    [InlineData("check")]
    public async Task A_where_that_fails_in_sql_is_exit_2_naming_the_table_and_where_it_is_written(string command)
    {
        var pipeline = Pipeline("""  public.users: { where: "signup_year > 2020" }""");

        var result = await AssertRefusedAsync(2, command, pipeline);

        Assert.Equal($"error: {pipeline}:7:3: subset public.users (where signup_year > 2020) cannot be read: column \"signup_year\" does not exist", ErrorLine(result));
    }

    private string Pipeline(string subset) => existing.Pipelines.Pipeline(existing.Databases.Uri(existing.Source), existing.Databases.Uri(existing.Target),
        extra: "subset:\n" + subset, name: "bad-subset.yaml");

    /// <summary>The one line of standard error that says what is wrong.</summary>
    private static string ErrorLine(Devdbseed.Result result) => Assert.Single(result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));

    private async Task<Devdbseed.Result> AssertRefusedAsync(int exitCode, string command, string pipeline)
    {
        var source = await existing.Databases.StateAsync(existing.Source);
        var target = await existing.Databases.StateAsync(existing.Target);
        var databases = await existing.Databases.OursAsync();

        var result = await Devdbseed.RunAsync(command, pipeline);

        Outputs.ExitCode(exitCode, result);
        Outputs.NoStackTrace(result);
        Assert.Equal(source, await existing.Databases.StateAsync(existing.Source));
        Assert.Equal(target, await existing.Databases.StateAsync(existing.Target));
        Assert.Equal(databases, await existing.Databases.OursAsync());
        return result;
    }

    /// <summary>The shop, and a dev copy of it made by a full run: the target a refused subset must leave alone.</summary>
    public sealed class Existing : Shop.Source
    {
        public string Target { get; private set; } = null!;

        protected override async Task RunAsync()
        {
            Target = Databases.Name("dev");
            Outputs.ExitCode(0, await Devdbseed.RunAsync("run", Pipelines.Pipeline(Databases.Uri(Source), Databases.Uri(Target))));
        }
    }
}
