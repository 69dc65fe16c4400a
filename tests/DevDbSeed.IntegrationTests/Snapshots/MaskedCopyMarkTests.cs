using System.Security.Cryptography;
using DevDbSeed.IntegrationTests.Infrastructure;

namespace DevDbSeed.IntegrationTests.Snapshots;

/// <summary>
/// A run marks the database it builds as a masked DevDbSeed copy (a database-level setting, no object added): when,
/// by which version, from what, with which rules, and what its verification found. The source is never marked.
/// </summary>
public sealed class MaskedCopyMarkTests : IAsyncLifetime
{
    private readonly Pipelines _pipelines = new();
    private TestDatabases _databases = null!;
    private string _source = null!;
    private string _target = null!;

    public async Task InitializeAsync()
    {
        _databases = await TestDatabases.CreateAsync();
        await this.OrDisposeAsync(async () =>
        {
            _source = await _databases.CreateAsync("src", People.Schema);
            _target = _databases.Name("dev");
            _pipelines.Write("rules.yaml", People.Rules);
        });
    }

    public async Task DisposeAsync()
    {
        await _databases.DisposeAsync();
        _pipelines.Dispose();
    }

    [Fact]
    public async Task A_run_marks_the_database_it_builds_as_a_masked_copy_with_its_source_rules_and_verification()
    {
        var started = DateTimeOffset.UtcNow.AddSeconds(-1);

        Outputs.ExitCode(0, await Devdbseed.RunAsync("run", _pipelines.Pipeline(_databases.Uri(_source), _databases.Uri(_target))));

        var mark = await _databases.MarkOfAsync(_target) ?? throw new Xunit.Sdk.XunitException($"{_target} holds no mark");
        Assert.InRange(mark.MadeAt, started, DateTimeOffset.UtcNow);
        Assert.EndsWith($"/{_source}", mark.Source, StringComparison.Ordinal);
        var rules = Assert.Single(mark.Rules);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(Path.Combine(_pipelines.Directory, "rules.yaml")))), rules.Sha256);
        Assert.NotNull(mark.Verification);
        Assert.Equal(0, mark.Verification.Hits);
        Assert.True(mark.Verification.OriginalsSearched > 0);
        Assert.Null(await _databases.MarkOfAsync(_source));
    }

    [Fact]
    public async Task Without_verification_the_mark_says_the_copy_was_not_verified()
    {
        Outputs.ExitCode(0, await Devdbseed.RunAsync("run", _pipelines.Pipeline(_databases.Uri(_source), _databases.Uri(_target), extra: "verify: false")));

        var mark = await _databases.MarkOfAsync(_target);

        Assert.NotNull(mark);
        Assert.Null(mark.Verification);
    }

    [Fact]
    public async Task A_copy_of_a_masked_copy_carries_its_own_mark_not_its_sources()
    {
        Outputs.ExitCode(0, await Devdbseed.RunAsync("run", _pipelines.Pipeline(_databases.Uri(_source), _databases.Uri(_target))));
        var laptop = _databases.Name("laptop");

        Outputs.ExitCode(0, await Devdbseed.RunAsync("run", _pipelines.Pipeline(_databases.Uri(_target), _databases.Uri(laptop), name: "refresh.yaml")));

        var first = await _databases.MarkOfAsync(_target);
        var second = await _databases.MarkOfAsync(laptop);
        Assert.EndsWith($"/{_target}", second!.Source, StringComparison.Ordinal);
        Assert.True(second.MadeAt >= first!.MadeAt);
    }
}
