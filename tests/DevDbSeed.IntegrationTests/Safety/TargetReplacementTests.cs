using DevDbSeed.IntegrationTests.Infrastructure;
using Npgsql;

namespace DevDbSeed.IntegrationTests.Safety;

/// <summary>
/// The new database is swapped in whole: a missing target is created, the previous copy is kept as
/// <c>&lt;target&gt;_previous</c> (replacing an older one), and a target in use is not pulled from under its clients
/// unless the pipeline says so.
/// </summary>
public sealed class TargetReplacementTests : IAsyncLifetime
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
    public async Task A_target_that_does_not_exist_yet_is_created()
    {
        Assert.False(await _databases.ExistsAsync(_target));

        Outputs.ExitCode(0, await RunAsync());

        Assert.Equal(300L, await _databases.ScalarAsync<long>(_target, "SELECT count(*) FROM people"));
        Assert.False(await _databases.ExistsAsync(_target + "_previous"));
        Assert.Equal([_target, _source], await _databases.OursAsync());
    }

    [Fact]
    public async Task The_previous_target_is_kept_and_replaces_an_older_previous_copy()
    {
        Outputs.ExitCode(0, await RunAsync());
        var first = await _databases.OidAsync(_target);
        await _databases.ExecuteAsync(_target, "INSERT INTO people VALUES (1001, 'first copy', NULL)");

        Outputs.ExitCode(0, await RunAsync());
        var second = await _databases.OidAsync(_target);
        Assert.NotEqual(first, second);
        Assert.Equal(first, await _databases.OidAsync(_target + "_previous"));
        Assert.Equal(1L, await _databases.ScalarAsync<long>(_target + "_previous", "SELECT count(*) FROM people WHERE first_name = 'first copy'"));
        Assert.Equal(300L, await _databases.ScalarAsync<long>(_target, "SELECT count(*) FROM people"));
        await _databases.ExecuteAsync(_target, "INSERT INTO people VALUES (1002, 'second copy', NULL)");

        Outputs.ExitCode(0, await RunAsync());
        Assert.Equal(second, await _databases.OidAsync(_target + "_previous"));
        Assert.Equal(1L, await _databases.ScalarAsync<long>(_target + "_previous", "SELECT count(*) FROM people WHERE first_name = 'second copy'"));
        Assert.Equal(0L, await _databases.ScalarAsync<long>("postgres", $"SELECT count(*) FROM pg_database WHERE oid = {first}"));
        Assert.Equal([_target, _target + "_previous", _source], await _databases.OursAsync());
    }

    [Fact]
    public async Task A_client_connected_to_the_target_fails_the_run_naming_it_and_leaves_the_target_untouched()
    {
        Outputs.ExitCode(0, await RunAsync());
        var before = await _databases.StateAsync(_target);
        var databases = await _databases.OursAsync();
        await using var client = await _databases.OpenAsync(_target);
        var pid = (int)(await new NpgsqlCommand("SELECT pg_backend_pid()", client).ExecuteScalarAsync())!;

        var result = await RunAsync();

        Outputs.ExitCode(1, result);
        Outputs.NoStackTrace(result);
        Outputs.Mentions(result, $"pid {pid}");
        Outputs.Mentions(result, "terminate_connections");
        Assert.Equal(before, await _databases.StateAsync(_target));
        Assert.Equal(databases, await _databases.OursAsync());
        Assert.Equal(1, (int)(await new NpgsqlCommand("SELECT 1", client).ExecuteScalarAsync())!);
    }

    [Fact]
    public async Task A_client_connected_to_the_target_is_terminated_when_the_pipeline_allows_it()
    {
        Outputs.ExitCode(0, await RunAsync());
        var before = await _databases.OidAsync(_target);
        await using var client = await _databases.OpenAsync(_target);

        var result = await Devdbseed.RunAsync("run", _pipelines.Pipeline(_databases.Uri(_source), _databases.Uri(_target), extra: "terminate_connections: true"));

        Outputs.ExitCode(0, result);
        Assert.NotEqual(before, await _databases.OidAsync(_target));
        Assert.Equal(before, await _databases.OidAsync(_target + "_previous"));
        await Assert.ThrowsAnyAsync<NpgsqlException>(() => new NpgsqlCommand("SELECT 1", client).ExecuteScalarAsync());
    }

    private Task<Devdbseed.Result> RunAsync() => Devdbseed.RunAsync("run", _pipelines.Pipeline(_databases.Uri(_source), _databases.Uri(_target)));
}
