using System.Text.Json;
using DevDbSeed.IntegrationTests.Infrastructure;

namespace DevDbSeed.IntegrationTests.Subsetting;

/// <summary>One <c>devdbseed run</c> of a subset pipeline: its target, what it printed and its summary (<c>--summary</c>).</summary>
public sealed record SubsetRun(string Pipeline, string Target, Devdbseed.Result Result, string SummaryFile)
{
    /// <summary>The summary's <c>subset.tables</c>, by table name.</summary>
    public Dictionary<string, JsonElement> SummaryTables()
    {
        using var summary = JsonDocument.Parse(File.ReadAllText(SummaryFile));
        return summary.RootElement.GetProperty("subset").GetProperty("tables").EnumerateArray()
            .ToDictionary(t => t.GetProperty("table").GetString()!, t => t.Clone(), StringComparer.Ordinal);
    }
}

/// <summary>
/// A class fixture: a source database built once (and its rules written as rules.yaml), then the subset runs the tests of
/// a class read (<see cref="RunAsync"/>), each into a target of its own.
/// </summary>
public abstract class SubsetSource : IAsyncLifetime
{
    public TestDatabases Databases { get; private set; } = null!;

    public string Source { get; private set; } = null!;

    /// <summary>The folder of the pipeline files; rules.yaml in it are the rules unless a pipeline names others.</summary>
    public Pipelines Pipelines { get; } = new();

    public async Task InitializeAsync()
    {
        Databases = await TestDatabases.CreateAsync();
        await this.OrDisposeAsync(async () =>
        {
            Source = await CreateSourceAsync();
            await RunAsync();
        });
    }

    public async Task DisposeAsync()
    {
        await Databases.DisposeAsync();
        Pipelines.Dispose();
    }

    /// <summary>
    /// The pipeline file <c>{role}.yaml</c> from the source to a target named after <paramref name="role"/>, with
    /// <paramref name="subset"/> (the lines after <c>subset:</c>, each indented by two spaces; line 7 holds the first).
    /// </summary>
    public (string Pipeline, string Target) SubsetPipeline(string role, string subset, string extra = "", string rulesFile = "rules.yaml")
    {
        var target = Databases.Name(role);
        var pipeline = Pipelines.Pipeline(Databases.Uri(Source), Databases.Uri(target), rulesFile, extra: $"subset:\n{subset}\n{extra}", name: role + ".yaml");
        return (pipeline, target);
    }

    /// <summary>Runs <see cref="SubsetPipeline"/> with a summary file.</summary>
    public async Task<SubsetRun> SubsetAsync(string role, string subset, string extra = "", string rulesFile = "rules.yaml")
    {
        var (pipeline, target) = SubsetPipeline(role, subset, extra, rulesFile);
        var summary = Path.Combine(Pipelines.Directory, role + "-summary.json");
        return new SubsetRun(pipeline, target, await Devdbseed.RunAsync("run", pipeline, "--summary", summary), summary);
    }

    /// <summary>Creates and fills the source in <see cref="Databases"/> (and writes its rules); returns its name.</summary>
    protected abstract Task<string> CreateSourceAsync();

    /// <summary>The runs the class's tests read.</summary>
    protected virtual Task RunAsync() => Task.CompletedTask;
}
