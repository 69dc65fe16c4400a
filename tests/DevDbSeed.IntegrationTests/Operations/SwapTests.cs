using DevDbSeed.IntegrationTests.Infrastructure;
using DevDbSeed.Running;
using Npgsql;

namespace DevDbSeed.IntegrationTests.Operations;

/// <summary>
/// The swap is the one moment the target changes: clients of the target are disconnected there (with
/// terminate_connections) and not hours before, and the new database stays marked as devdbseed's until it, so that
/// whatever a killed run leaves is recognised and dropped by the next run of that target.
/// </summary>
public sealed class SwapTests : PeopleScenario
{
    private const string SourceComment = "production: customer accounts";


    protected override async Task PrepareAsync()
    {
        await Databases.AdminAsync($"COMMENT ON DATABASE \"{Source}\" IS '{SourceComment}'");
        await Databases.CreateAsync("dev", "CREATE TABLE marker (note text);"); // the target exists before the first run
    }

    [Fact]
    public async Task A_client_of_the_target_is_disconnected_at_the_swap_not_before_the_copy_when_the_pipeline_allows_it()
    {
        await using var client = await Databases.OpenAsync(Target);
        var observer = new AtSwapping(Databases.Keywords("postgres"), client.ProcessID);

        await Seeder.RunAsync(Options("terminate_connections: true"), observer);

        Assert.True(observer.ClientConnected, "the target's client was disconnected before the swap");
        await Assert.ThrowsAnyAsync<NpgsqlException>(() => new NpgsqlCommand("SELECT 1", client).ExecuteScalarAsync());
    }

    [Fact]
    public async Task The_new_database_keeps_its_marker_until_the_swap_gives_it_the_sources_comment()
    {
        var observer = new AtSwapping(Databases.Keywords("postgres"), 0);

        await Seeder.RunAsync(Options(), observer);

        Assert.Equal($"devdbseed: being built to replace {Target}", observer.NewDatabaseComment);
        Assert.Equal(SourceComment, await Databases.ScalarAsync<string>("postgres", $"SELECT shobj_description(oid, 'pg_database') FROM pg_database WHERE datname = '{Target}'"));
    }

    [Fact]
    public async Task A_replaced_previous_copy_a_killed_run_left_after_its_swap_is_dropped_by_the_next_run_of_that_target_and_no_other()
    {
        var left = await MarkedAsync($"{Target}_devdbseed_old_0badf00d", $"devdbseed: replaced previous copy of {Target}");
        var other = Databases.Name("other");
        var othersLeft = await MarkedAsync($"{other}_devdbseed_old_0badf00d", $"devdbseed: replaced previous copy of {other}");

        var result = await Devdbseed.RunAsync("run", Pipelines.Pipeline(Databases.Uri(Source), Databases.Uri(Target)), "--plain");

        Outputs.ExitCode(0, result);
        Outputs.Mentions(result, $"dropping {left}, a replaced previous copy left by an interrupted run");
        Assert.False(await Databases.ExistsAsync(left));
        Assert.True(await Databases.ExistsAsync(othersLeft), "another target's leftover was dropped");
    }

    private PipelineOptions Options(string extra = "") => PipelineOptions.Load(Pipelines.Pipeline(Databases.Uri(Source), Databases.Uri(Target), extra: extra));

    private async Task<string> MarkedAsync(string name, string comment)
    {
        await Databases.AdminAsync($"CREATE DATABASE \"{name}\"");
        await Databases.AdminAsync($"COMMENT ON DATABASE \"{name}\" IS '{comment}'");
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
