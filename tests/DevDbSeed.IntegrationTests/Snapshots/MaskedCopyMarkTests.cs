using System.Security.Cryptography;
using DevDbSeed.IntegrationTests.Infrastructure;

namespace DevDbSeed.IntegrationTests.Snapshots;

/// <summary>
/// A run marks the database it builds as a masked DevDbSeed copy (a database-level setting, no object added): when,
/// by which version, from what, with which rules, and what its verification found. The source is never marked.
/// </summary>
public sealed class MaskedCopyMarkTests : PeopleScenario
{
    [Fact]
    public async Task A_run_marks_the_database_it_builds_as_a_masked_copy_with_its_source_rules_and_verification()
    {
        var started = DateTimeOffset.UtcNow.AddSeconds(-1);

        Outputs.ExitCode(0, await Devdbseed.RunAsync("run", Pipelines.Pipeline(Databases.Uri(Source), Databases.Uri(Target))));

        var mark = await Databases.MarkOfAsync(Target) ?? throw new Xunit.Sdk.XunitException($"{Target} holds no mark");
        Assert.InRange(mark.MadeAt, started, DateTimeOffset.UtcNow);
        Assert.EndsWith($"/{Source}", mark.Source, StringComparison.Ordinal);
        var rules = Assert.Single(mark.Rules);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(Path.Combine(Pipelines.Directory, "rules.yaml")))), rules.Sha256);
        Assert.NotNull(mark.Verification);
        Assert.Equal(0, mark.Verification.Hits);
        Assert.True(mark.Verification.OriginalsSearched > 0);
        Assert.Null(await Databases.MarkOfAsync(Source));
    }

    [Fact]
    public async Task Without_verification_the_mark_says_the_copy_was_not_verified()
    {
        Outputs.ExitCode(0, await Devdbseed.RunAsync("run", Pipelines.Pipeline(Databases.Uri(Source), Databases.Uri(Target), extra: "verify: false")));

        var mark = await Databases.MarkOfAsync(Target);

        Assert.NotNull(mark);
        Assert.Null(mark.Verification);
    }

    [Fact]
    public async Task A_copy_of_a_masked_copy_carries_its_own_mark_not_its_sources()
    {
        Outputs.ExitCode(0, await Devdbseed.RunAsync("run", Pipelines.Pipeline(Databases.Uri(Source), Databases.Uri(Target))));
        var laptop = Databases.Name("laptop");

        Outputs.ExitCode(0, await Devdbseed.RunAsync("run", Pipelines.Pipeline(Databases.Uri(Target), Databases.Uri(laptop), name: "refresh.yaml")));

        var first = await Databases.MarkOfAsync(Target);
        var second = await Databases.MarkOfAsync(laptop);
        Assert.EndsWith($"/{Target}", second!.Source, StringComparison.Ordinal);
        Assert.True(second.MadeAt >= first!.MadeAt);
    }
}
