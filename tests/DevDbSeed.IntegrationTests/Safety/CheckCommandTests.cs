using DevDbSeed.IntegrationTests.Infrastructure;

namespace DevDbSeed.IntegrationTests.Safety;

/// <summary><c>devdbseed check</c> reads the source schema and reports; it never creates or changes a database.</summary>
public sealed class CheckCommandTests : IAsyncLifetime
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
    public async Task Check_does_not_create_a_missing_target()
    {
        var target = _databases.Name("dev");
        var source = await _databases.StateAsync(_source);

        var result = await Devdbseed.RunAsync("check", _pipelines.Pipeline(_databases.Uri(_source), _databases.Uri(target)));

        Outputs.ExitCode(0, result);
        Outputs.Mentions(result, "public.people");
        Assert.Equal([_source], await _databases.OursAsync());
        Assert.Equal(source, await _databases.StateAsync(_source));
    }

    [Fact]
    public async Task Check_leaves_an_existing_target_and_the_source_as_they_are()
    {
        var target = _databases.Name("dev");
        Outputs.ExitCode(0, await Devdbseed.RunAsync("run", _pipelines.Pipeline(_databases.Uri(_source), _databases.Uri(target))));
        await _databases.ExecuteAsync(_source, "INSERT INTO people VALUES (5000, 'Newcomer', 'newcomer@corp.example')");
        var before = await _databases.StateAsync(target);
        var source = await _databases.StateAsync(_source);
        var databases = await _databases.OursAsync();

        var result = await Devdbseed.RunAsync("check", _pipelines.Pipeline(_databases.Uri(_source), _databases.Uri(target)));

        Outputs.ExitCode(0, result);
        Assert.Equal(before, await _databases.StateAsync(target));
        Assert.Equal(source, await _databases.StateAsync(_source));
        Assert.Equal(databases, await _databases.OursAsync());
    }
}
