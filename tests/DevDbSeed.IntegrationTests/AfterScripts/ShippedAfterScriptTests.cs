using DevDbSeed.IntegrationTests.Infrastructure;

namespace DevDbSeed.IntegrationTests.AfterScripts;

/// <summary>The example after script the repository ships (pipelines/after/dev-accounts.sql) runs on the sample as the README says.</summary>
public sealed class ShippedAfterScriptTests(SampleSource sample) : IClassFixture<SampleSource>, IDisposable
{
    private readonly Pipelines _pipelines = new();

    private TestDatabases Databases => sample.Databases;

    public void Dispose() => _pipelines.Dispose();

    [Fact]
    public async Task The_shipped_dev_accounts_script_adds_the_test_logins_and_empties_the_newsletter_list()
    {
        var target = Databases.Name("dev_accounts");
        var pipeline = _pipelines.Pipeline(Databases.Uri(sample.Source), Databases.Uri(target), Shipped.VcaRules,
            extra: $"after: ['{Shipped.DevAccountsScript}']");

        var result = await Devdbseed.RunAsync("run", pipeline);

        Outputs.ExitCode(0, result);
        Outputs.Mentions(result, $"after: {Shipped.DevAccountsScript} ran in");
        Assert.Equal("dev-admin@example.com dev-learner@example.com", await Databases.ScalarAsync<string>(target,
            "SELECT string_agg(email, ' ' ORDER BY email) FROM public.users WHERE id < 0"));
        Assert.Equal(1L, await Databases.ScalarAsync<long>(target, "SELECT count(*) FROM public.enrolments WHERE user_id = -2"));
        Assert.Equal(0L, await Databases.ScalarAsync<long>(target, "SELECT count(*) FROM public.newsletter_subscriptions"));
        Assert.Equal(SampleSource.Users + 2L, await Databases.ScalarAsync<long>(target, "SELECT count(*) FROM public.users"));
    }
}
