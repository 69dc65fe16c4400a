using DevDbSeed.IntegrationTests.Infrastructure;

namespace DevDbSeed.IntegrationTests.EndToEnd;

/// <summary>What the command line promises around a run: options override the pipeline, the secret stays secret, a summary is printed.</summary>
public sealed class CommandLineTests : IAsyncLifetime
{
    private readonly Pipelines _pipelines = new();
    private TestDatabases _databases = null!;
    private string _source = null!;

    public async Task InitializeAsync()
    {
        _databases = await TestDatabases.CreateAsync();
        await this.OrDisposeAsync(async () =>
        {
            _source = await _databases.CreateAsync("src", People.Schema);
            _pipelines.Write("rules.yaml", People.Rules);
        });
    }

    public async Task DisposeAsync()
    {
        await _databases.DisposeAsync();
        _pipelines.Dispose();
    }

    [Fact]
    public async Task Command_line_options_override_the_pipeline_file()
    {
        var target = _databases.Name("dev");
        var pipeline = _pipelines.Pipeline("postgresql://nobody@127.0.0.1:1/nowhere", "postgresql://nobody@127.0.0.1:1/nowhere_dev", jobs: 64);

        var result = await Devdbseed.RunAsync("run", pipeline, "--source", _databases.Uri(_source), "--target", _databases.Keywords(target), "--jobs", "1");

        Outputs.ExitCode(0, result);
        Assert.Equal(300L, await _databases.ScalarAsync<long>(target, "SELECT count(*) FROM people"));
        Outputs.Mentions(result, "with 1 jobs");
    }

    [Fact]
    public async Task A_run_prints_each_table_and_a_summary()
    {
        var result = await Devdbseed.RunAsync("run", _pipelines.Pipeline(_databases.Uri(_source), _databases.Uri(_databases.Name("dev"))));

        Outputs.ExitCode(0, result);
        Assert.Matches(@"public\.people\s+300 rows\s+masked 2 columns", result.Output);
        Assert.Matches(@"summary: 1 tables, 300 rows, 2 masked columns .* rows/s", result.Output);
    }

    [Fact]
    public async Task The_secret_is_never_printed()
    {
        var ok = await Devdbseed.RunAsync("run", _pipelines.Pipeline(_databases.Uri(_source), _databases.Uri(_databases.Name("dev"))));
        _pipelines.Write("rules.yaml", People.Rules.Replace("\n      email: internet.email", string.Empty, StringComparison.Ordinal));
        var refused = await Devdbseed.RunAsync("check", _pipelines.Pipeline(_databases.Uri(_source), _databases.Uri(_databases.Name("dev2"))));

        Outputs.ExitCode(0, ok);
        Outputs.ExitCode(3, refused);
        Assert.DoesNotContain(Pipelines.Secret, ok.All, StringComparison.Ordinal);
        Assert.DoesNotContain(Pipelines.Secret, refused.All, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_pipeline_without_a_secret_masks_with_a_random_key_and_says_so()
    {
        var first = _databases.Name("dev_first");
        var second = _databases.Name("dev_second");

        var one = await Devdbseed.RunAsync("run", _pipelines.Pipeline(_databases.Uri(_source), _databases.Uri(first), secret: null, name: "first.yaml"));
        var two = await Devdbseed.RunAsync("run", _pipelines.Pipeline(_databases.Uri(_source), _databases.Uri(second), secret: null, name: "second.yaml"));

        Outputs.ExitCode(0, one);
        Outputs.ExitCode(0, two);
        Outputs.Mentions(one, "random key");
        var a = await _databases.MapAsync(first, "SELECT id::text, email FROM people");
        var b = await _databases.MapAsync(second, "SELECT id::text, email FROM people");
        Assert.Equal(300, a.Count);
        Assert.True(a.Count(pair => b[pair.Key] == pair.Value) < 3, "two runs without a secret gave the same fakes");
    }
}
