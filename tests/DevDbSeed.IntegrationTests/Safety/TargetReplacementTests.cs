using DevDbSeed.IntegrationTests.Infrastructure;
using Npgsql;

namespace DevDbSeed.IntegrationTests.Safety;

/// <summary>
/// The new database is swapped in whole: a missing target is created, the previous copy is kept as
/// <c>&lt;target&gt;Previous</c> (replacing an older one), and a target in use is not pulled from under its clients
/// unless the pipeline says so.
/// </summary>
public sealed class TargetReplacementTests : PeopleScenario
{
    [Fact]
    public async Task A_target_that_does_not_exist_yet_is_created()
    {
        Assert.False(await Databases.ExistsAsync(Target));

        Outputs.ExitCode(0, await RunAsync());

        Assert.Equal(300L, await Databases.ScalarAsync<long>(Target, "SELECT count(*) FROM people"));
        Assert.False(await Databases.ExistsAsync(Target + "_previous"));
        Assert.Equal([Target, Source], await Databases.OursAsync());
    }

    [Fact]
    public async Task The_previous_target_is_kept_and_replaces_an_older_previous_copy()
    {
        Outputs.ExitCode(0, await RunAsync());
        var first = await Databases.OidAsync(Target);
        await Databases.ExecuteAsync(Target, "INSERT INTO people VALUES (1001, 'first copy', NULL)");

        Outputs.ExitCode(0, await RunAsync());
        var second = await Databases.OidAsync(Target);
        Assert.NotEqual(first, second);
        Assert.Equal(first, await Databases.OidAsync(Target + "_previous"));
        Assert.Equal(1L, await Databases.ScalarAsync<long>(Target + "_previous", "SELECT count(*) FROM people WHERE first_name = 'first copy'"));
        Assert.Equal(300L, await Databases.ScalarAsync<long>(Target, "SELECT count(*) FROM people"));
        await Databases.ExecuteAsync(Target, "INSERT INTO people VALUES (1002, 'second copy', NULL)");

        Outputs.ExitCode(0, await RunAsync());
        Assert.Equal(second, await Databases.OidAsync(Target + "_previous"));
        Assert.Equal(1L, await Databases.ScalarAsync<long>(Target + "_previous", "SELECT count(*) FROM people WHERE first_name = 'second copy'"));
        Assert.Equal(0L, await Databases.ScalarAsync<long>("postgres", $"SELECT count(*) FROM pg_database WHERE oid = {first}"));
        Assert.Equal([Target, Target + "_previous", Source], await Databases.OursAsync());
    }

    [Fact]
    public async Task A_client_connected_to_the_target_fails_the_run_naming_it_and_leaves_the_target_untouched()
    {
        Outputs.ExitCode(0, await RunAsync());
        var before = await Databases.StateAsync(Target);
        var databases = await Databases.OursAsync();
        await using var client = await Databases.OpenAsync(Target);
        var pid = (int)(await new NpgsqlCommand("SELECT pg_backend_pid()", client).ExecuteScalarAsync())!;

        var result = await RunAsync();

        Outputs.ExitCode(1, result);
        Outputs.NoStackTrace(result);
        Outputs.Mentions(result, $"pid {pid}");
        Outputs.Mentions(result, "terminate_connections");
        Assert.Equal(before, await Databases.StateAsync(Target));
        Assert.Equal(databases, await Databases.OursAsync());
        Assert.Equal(1, (int)(await new NpgsqlCommand("SELECT 1", client).ExecuteScalarAsync())!);
    }

    [Fact]
    public async Task A_client_connected_to_the_target_is_terminated_when_the_pipeline_allows_it()
    {
        Outputs.ExitCode(0, await RunAsync());
        var before = await Databases.OidAsync(Target);
        await using var client = await Databases.OpenAsync(Target);

        var result = await Devdbseed.RunAsync("run", Pipelines.Pipeline(Databases.Uri(Source), Databases.Uri(Target), extra: "terminate_connections: true"));

        Outputs.ExitCode(0, result);
        Assert.NotEqual(before, await Databases.OidAsync(Target));
        Assert.Equal(before, await Databases.OidAsync(Target + "_previous"));
        await Assert.ThrowsAnyAsync<NpgsqlException>(() => new NpgsqlCommand("SELECT 1", client).ExecuteScalarAsync());
    }

    private Task<Devdbseed.Result> RunAsync() => Devdbseed.RunAsync("run", Pipelines.Pipeline(Databases.Uri(Source), Databases.Uri(Target)));
}
