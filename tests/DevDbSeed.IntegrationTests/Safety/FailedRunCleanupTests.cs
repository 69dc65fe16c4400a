using DevDbSeed.IntegrationTests.Infrastructure;

namespace DevDbSeed.IntegrationTests.Safety;

/// <summary>
/// A run that fails, before or while building the new database, leaves the existing target exactly as it was and
/// removes the half-built database: nothing named like <c>&lt;target&gt;_devdbseed_</c> remains.
/// </summary>
public sealed class FailedRunCleanupTests : IAsyncLifetime
{
    private readonly Pipelines _pipelines = new();
    private TestDatabases _databases = null!;
    private string _target = null!;

    public async Task InitializeAsync()
    {
        _databases = await TestDatabases.CreateAsync();
        await this.OrDisposeAsync(async () =>
        {
            _target = _databases.Name("dev");
            var source = await _databases.CreateAsync("seed", People.Schema);
            _pipelines.Write("rules.yaml", People.Rules);
            Outputs.ExitCode(0, await Devdbseed.RunAsync("run", _pipelines.Pipeline(_databases.Uri(source), _databases.Uri(_target), name: "seed.yaml")));
        });
    }

    public async Task DisposeAsync()
    {
        await _databases.DisposeAsync();
        _pipelines.Dispose();
    }

    [Fact]
    public async Task A_set_constant_that_cannot_fit_its_column_is_exit_3_and_leaves_nothing_behind()
    {
        var source = await _databases.CreateAsync("src", """
            CREATE TABLE tickets (id int PRIMARY KEY, status varchar(4) NOT NULL);
            INSERT INTO tickets SELECT i, 'open' FROM generate_series(1, 10) i;
            """);
        _pipelines.Write("rules.yaml", """
            version: 1
            tables:
              public.tickets:
                columns:
                  id: keep
                  status: { set: "closed for good" }
            """);

        var result = await AssertFailsCleanlyAsync(source);

        Outputs.ExitCode(3, result);
        Outputs.Mentions(result, "public.tickets.status");
    }

    [Fact]
    public async Task A_check_constraint_the_masked_rows_break_is_exit_1_and_leaves_nothing_behind()
    {
        var source = await _databases.CreateAsync("src", People.Schema + """
            ALTER TABLE people ADD CONSTRAINT people_no_five_letter_names CHECK (length(first_name) <> 5);
            """);

        var result = await AssertFailsCleanlyAsync(source);

        Outputs.ExitCode(1, result);
        Outputs.Mentions(result, "people_no_five_letter_names");
    }

    [Fact]
    public async Task A_post_data_failure_is_exit_1_and_leaves_nothing_behind()
    {
        var source = await _databases.CreateAsync("src", People.Schema + """
            CREATE INDEX people_name_length_idx ON people ((100 / (length(first_name) - 5)));
            """);

        var result = await AssertFailsCleanlyAsync(source);

        Outputs.ExitCode(1, result);
        Outputs.Mentions(result, "post-data");
    }

    private async Task<Devdbseed.Result> AssertFailsCleanlyAsync(string source)
    {
        var before = await _databases.StateAsync(_target);
        var sourceBefore = await _databases.StateAsync(source);
        var databases = await _databases.OursAsync();

        var result = await Devdbseed.RunAsync("run", _pipelines.Pipeline(_databases.Uri(source), _databases.Uri(_target)));

        Outputs.NoStackTrace(result);
        Assert.Equal(before, await _databases.StateAsync(_target));
        Assert.Equal(sourceBefore, await _databases.StateAsync(source));
        Assert.Equal(databases, await _databases.OursAsync());
        Assert.Equal(0L, await _databases.ScalarAsync<long>("postgres", $"SELECT count(*) FROM pg_database WHERE datname LIKE '{_target}\\_devdbseed\\_%'"));
        return result;
    }
}
