namespace DevDbSeed.IntegrationTests.Infrastructure;

/// <summary>
/// A class fixture: a source database built once and masked once (<c>devdbseed run</c>) into a new target, for the
/// tests of a class to read both and the run's result.
/// </summary>
public abstract class MaskedOnce : IAsyncLifetime
{
    public TestDatabases Databases { get; private set; } = null!;

    public string Source { get; private set; } = null!;

    public string Target { get; private set; } = null!;

    public Devdbseed.Result Result { get; private set; } = null!;

    /// <summary>The folder of the run's pipeline file; rules written here as rules.yaml are the default rules.</summary>
    protected Pipelines Pipelines { get; } = new();

    /// <summary>The target's name (made unique by <see cref="TestDatabases.Name"/>).</summary>
    protected abstract string TargetName { get; }

    public async Task InitializeAsync()
    {
        Databases = await TestDatabases.CreateAsync();
        await this.OrDisposeAsync(async () =>
        {
            Source = await CreateSourceAsync();
            Target = Databases.Name(TargetName);
            Result = await Devdbseed.RunAsync("run", RunPipeline());
        });
    }

    public async Task DisposeAsync()
    {
        await Databases.DisposeAsync();
        Pipelines.Dispose();
    }

    /// <summary>Creates and fills the source in <see cref="Databases"/> (and writes the rules the run uses); returns its name.</summary>
    protected abstract Task<string> CreateSourceAsync();

    /// <summary>The pipeline file of the run: <see cref="Source"/> to <see cref="Target"/> with rules.yaml.</summary>
    protected virtual string RunPipeline() => Pipelines.Pipeline(Databases.Uri(Source), Databases.Uri(Target));
}
