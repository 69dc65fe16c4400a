using DevDbSeed.IntegrationTests.Infrastructure;

namespace DevDbSeed.IntegrationTests.Safety;

/// <summary>The source is only ever read: a target that is the source itself is refused, however it is written.</summary>
public sealed class SourceProtectionTests : IAsyncLifetime
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
    public async Task A_target_with_the_same_uri_as_the_source_is_refused()
    {
        await AssertRefusedAsync(_databases.Uri(_source));
    }

    [Fact]
    public async Task A_target_naming_the_source_in_keyword_form_is_refused()
    {
        await AssertRefusedAsync(_databases.Keywords(_source));
    }

    [Fact]
    public async Task A_target_naming_the_source_through_another_host_name_is_refused()
    {
        var server = _databases.Server;
        await AssertRefusedAsync($"Host=localhost;Port={server.Port};Username={server.Username};Database={_source}");
    }

    [Fact]
    public async Task An_unreachable_source_is_exit_1_with_a_message()
    {
        var target = _databases.Name("dev");
        var databases = await _databases.OursAsync();

        var result = await Devdbseed.RunAsync("run", _pipelines.Pipeline($"postgresql://postgres@127.0.0.1:1/{_source}", _databases.Uri(target)));

        Outputs.ExitCode(1, result);
        Outputs.NoStackTrace(result);
        Outputs.Mentions(result, "source");
        Outputs.Mentions(result, "127.0.0.1:1");
        Assert.Equal(databases, await _databases.OursAsync());
    }

    private async Task AssertRefusedAsync(string target)
    {
        var source = await _databases.StateAsync(_source);
        var databases = await _databases.OursAsync();

        var result = await Devdbseed.RunAsync("run", _pipelines.Pipeline(_databases.Uri(_source), target));

        Assert.True(result.ExitCode != 0, $"the source was accepted as its own target\n{result}");
        Outputs.NoStackTrace(result);
        Outputs.Mentions(result, "source");
        Assert.Equal(source, await _databases.StateAsync(_source));
        Assert.Equal(databases, await _databases.OursAsync());
    }
}
