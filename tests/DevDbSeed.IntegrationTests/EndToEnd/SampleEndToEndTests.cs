using DevDbSeed.IntegrationTests.Infrastructure;
using DevDbSeed.Postgres.Sample;
using DevDbSeed.Running;

namespace DevDbSeed.IntegrationTests.EndToEnd;

/// <summary>The shipped rules and nightly pipeline on the Vibe Code Academy sample, as a user runs them.</summary>
public sealed class SampleEndToEndTests : IAsyncLifetime
{
    private TestDatabases _databases = null!;
    private string _source = null!;

    public async Task InitializeAsync()
    {
        _databases = await TestDatabases.CreateAsync();
        _source = _databases.Name("vca");
        await SampleDatabase.CreateAsync(_databases.Server.ForDatabase(_source), 2_000, replace: false, SilentObserver.Instance, CancellationToken.None);
    }

    public async Task DisposeAsync() => await _databases.DisposeAsync();

    [Fact]
    public async Task Shipped_nightly_pipeline_masks_the_sample_with_no_original_value_left()
    {
        var target = _databases.Name("dev");
        Environment.SetEnvironmentVariable("PROD_URL", _databases.Uri(_source));
        Environment.SetEnvironmentVariable("DEVDB_URL", _databases.Uri(target));
        Environment.SetEnvironmentVariable("DEVDBSEED_SECRET", Pipelines.Secret);

        var result = await Devdbseed.RunAsync("run", Path.Combine(AppContext.BaseDirectory, "Shipped", "pipelines", "nightly.yaml"));

        Assert.True(result.ExitCode == 0, result.ToString());
        var originals = await _databases.RowsAsync(_source, "SELECT email, phone, street_address FROM users WHERE phone <> ''");
        var masked = await _databases.RowsAsync(target, "SELECT email, phone, street_address FROM users");
        var maskedValues = masked.SelectMany(r => r).OfType<string>().ToHashSet(StringComparer.Ordinal);
        Assert.DoesNotContain(originals.SelectMany(r => r).OfType<string>(), maskedValues.Contains);
        Assert.Equal(
            await _databases.ScalarAsync<long>(_source, "SELECT count(*) FROM lesson_progress"),
            await _databases.ScalarAsync<long>(target, "SELECT count(*) FROM lesson_progress"));
    }
}
