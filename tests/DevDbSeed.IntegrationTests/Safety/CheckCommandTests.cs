using System.Text.Json;
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

    [Fact]
    public async Task Check_as_json_prints_only_the_whole_plan_on_standard_output()
    {
        var result = await Devdbseed.RunAsync("check", _pipelines.Pipeline(_databases.Uri(_source), _databases.Uri(_databases.Name("dev"))), "--format", "json");

        Outputs.ExitCode(0, result);
        using var plan = JsonDocument.Parse(result.Output);
        var table = Assert.Single(plan.RootElement.GetProperty("tables").EnumerateArray());
        Assert.Equal("public.people", table.GetProperty("name").GetString());
        Assert.Equal("masked", table.GetProperty("mode").GetString());
        Assert.Equal(JsonValueKind.Number, table.GetProperty("estimatedRows").ValueKind); // the catalog's estimate (0 before ANALYZE)
        Assert.Equal(["id"], table.GetProperty("comparedByKey").EnumerateArray().Select(k => k.GetString()));
        var columns = table.GetProperty("columns").EnumerateArray().ToDictionary(c => c.GetProperty("name").GetString()!);
        Assert.Equal(["id", "first_name", "email"], columns.Keys);
        Assert.Equal("keep", columns["id"].GetProperty("action").GetString());
        Assert.Equal("fake", columns["email"].GetProperty("kind").GetString());
        Assert.Equal("keyedDigits", columns["email"].GetProperty("unique").GetProperty("method").GetString());
        Assert.InRange(columns["email"].GetProperty("unique").GetProperty("digits").GetInt32(), 2, 7); // 300 rows, or unknown before ANALYZE
        Assert.True(columns["email"].GetProperty("verification").GetProperty("originals").GetBoolean());
        Assert.DoesNotContain("reading the source schema", result.All, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_as_json_prints_the_same_document_twice()
    {
        var pipeline = _pipelines.Pipeline(_databases.Uri(_source), _databases.Uri(_databases.Name("dev")));

        var first = await Devdbseed.RunAsync("check", pipeline, "--format", "json");
        var second = await Devdbseed.RunAsync("check", pipeline, "--format", "json");

        Assert.Equal(first.Output, second.Output);
    }

    [Fact]
    public async Task Check_refuses_a_format_it_does_not_know()
    {
        var result = await Devdbseed.RunAsync("check", _pipelines.Pipeline(_databases.Uri(_source), _databases.Uri(_databases.Name("dev"))), "--format", "yaml");

        Outputs.ExitCode(2, result);
        Outputs.Mentions(result, "yaml");
    }
}
