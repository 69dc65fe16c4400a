namespace DevDbSeed.IntegrationTests.Infrastructure;

/// <summary>
/// What the tests of a run against the small people source share: the source (<see cref="People.Schema"/>), the name of
/// a dev target the test's first run creates, and a pipelines' folder holding <see cref="People.Rules"/> as rules.yaml.
/// Everything is dropped and deleted when the test ends.
/// </summary>
public abstract class PeopleScenario : IAsyncLifetime
{
    protected Pipelines Pipelines { get; } = new();

    protected TestDatabases Databases { get; private set; } = null!;

    protected string Source { get; private set; } = null!;

    protected string Target { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Databases = await TestDatabases.CreateAsync();
        await this.OrDisposeAsync(async () =>
        {
            Source = await Databases.CreateAsync("src", People.Schema);
            Target = Databases.Name("dev");
            Pipelines.Write("rules.yaml", People.Rules);
            await PrepareAsync();
        });
    }

    public async Task DisposeAsync()
    {
        await Databases.DisposeAsync();
        Pipelines.Dispose();
    }

    /// <summary>What a test class adds before each test (a comment on the source, a target that exists already).</summary>
    protected virtual Task PrepareAsync() => Task.CompletedTask;
}
