using DevDbSeed.IntegrationTests.Infrastructure;
using DevDbSeed.Running;
using Npgsql;

namespace DevDbSeed.IntegrationTests.Operations;

/// <summary>
/// The swap is the one moment the target changes: clients of the target are disconnected there (with
/// terminate_connections) and not hours before, and the new database stays marked as devdbseed's until it, so that
/// whatever a killed run leaves is recognised and dropped by the next run of that target.
/// </summary>
public sealed class SwapTests : IAsyncLifetime
{
    private const string SourceComment = "production: customer accounts";

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
            await _databases.AdminAsync($"COMMENT ON DATABASE \"{_source}\" IS '{SourceComment}'");
            _target = await _databases.CreateAsync("dev", "CREATE TABLE marker (note text);");
            _pipelines.Write("rules.yaml", People.Rules);
        });
    }

    public async Task DisposeAsync()
    {
        await _databases.DisposeAsync();
        _pipelines.Dispose();
    }

    [Fact]
    public async Task A_client_of_the_target_is_disconnected_at_the_swap_not_before_the_copy_when_the_pipeline_allows_it()
    {
        await using var client = await _databases.OpenAsync(_target);
        var observer = new AtSwapping(_databases.Keywords("postgres"), client.ProcessID);

        await Seeder.RunAsync(Options("terminate_connections: true"), observer);

        Assert.True(observer.ClientConnected, "the target's client was disconnected before the swap");
        await Assert.ThrowsAnyAsync<NpgsqlException>(() => new NpgsqlCommand("SELECT 1", client).ExecuteScalarAsync());
    }

    [Fact]
    public async Task The_new_database_keeps_its_marker_until_the_swap_gives_it_the_sources_comment()
    {
        var observer = new AtSwapping(_databases.Keywords("postgres"), 0);

        await Seeder.RunAsync(Options(), observer);

        Assert.Equal($"devdbseed: being built to replace {_target}", observer.NewDatabaseComment);
        Assert.Equal(SourceComment, await _databases.ScalarAsync<string>("postgres", $"SELECT shobj_description(oid, 'pg_database') FROM pg_database WHERE datname = '{_target}'"));
    }

    [Fact]
    public async Task A_replaced_previous_copy_a_killed_run_left_after_its_swap_is_dropped_by_the_next_run_of_that_target_and_no_other()
    {
        var left = await MarkedAsync($"{_target}_devdbseed_old_0badf00d", $"devdbseed: replaced previous copy of {_target}");
        var other = _databases.Name("other");
        var othersLeft = await MarkedAsync($"{other}_devdbseed_old_0badf00d", $"devdbseed: replaced previous copy of {other}");

        var result = await Devdbseed.RunAsync("run", _pipelines.Pipeline(_databases.Uri(_source), _databases.Uri(_target)), "--plain");

        Outputs.ExitCode(0, result);
        Outputs.Mentions(result, $"dropping {left}, a replaced previous copy left by an interrupted run");
        Assert.False(await _databases.ExistsAsync(left));
        Assert.True(await _databases.ExistsAsync(othersLeft), "another target's leftover was dropped");
    }

    private PipelineOptions Options(string extra = "") => PipelineOptions.Load(_pipelines.Pipeline(_databases.Uri(_source), _databases.Uri(_target), extra: extra));

    private async Task<string> MarkedAsync(string name, string comment)
    {
        await _databases.AdminAsync($"CREATE DATABASE \"{name}\"");
        await _databases.AdminAsync($"COMMENT ON DATABASE \"{name}\" IS '{comment}'");
        return name;
    }

    /// <summary>On <see cref="Swapping"/>, just before the swap: whether the client <paramref name="pid"/> is still connected, and the new database's comment.</summary>
    private sealed class AtSwapping(string admin, int pid) : IRunObserver
    {
        private string? _newDatabase;

        public bool ClientConnected { get; private set; }

        public string? NewDatabaseComment { get; private set; }

        public void OnEvent(RunEvent runEvent)
        {
            if (runEvent is SchemaRestoring schema)
            {
                _newDatabase = schema.Database;
            }

            if (runEvent is not Swapping)
            {
                return;
            }

            using var connection = new NpgsqlConnection(admin);
            connection.Open();
            using var command = new NpgsqlCommand(
                "SELECT EXISTS (SELECT 1 FROM pg_stat_activity WHERE pid = @pid), (SELECT shobj_description(oid, 'pg_database') FROM pg_database WHERE datname = @name)",
                connection);
            command.Parameters.AddWithValue("pid", pid);
            command.Parameters.AddWithValue("name", _newDatabase!);
            using var reader = command.ExecuteReader();
            reader.Read();
            ClientConnected = reader.GetBoolean(0);
            NewDatabaseComment = reader.IsDBNull(1) ? null : reader.GetString(1);
        }
    }
}
