using DevDbSeed.Postgres.Sample;
using DevDbSeed.Running;

namespace DevDbSeed.IntegrationTests.Infrastructure;

/// <summary>
/// A class fixture: the Vibe Code Academy sample with 20,000 users as a source, big enough that a run takes a few
/// seconds, so that a test can interrupt, kill or disturb it while it copies.
/// </summary>
public sealed class SampleSource : IAsyncLifetime
{
    public const int Users = 20_000;

    public TestDatabases Databases { get; private set; } = null!;

    /// <summary>The source database's name.</summary>
    public string Source { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Databases = await TestDatabases.CreateAsync();
        await this.OrDisposeAsync(async () =>
        {
            Source = Databases.Name("vca");
            await SampleDatabase.CreateAsync(Databases.Server.ForDatabase(Source), Users, replace: false, SilentObserver.Instance, CancellationToken.None);
        });
    }

    public async Task DisposeAsync() => await Databases.DisposeAsync();
}
