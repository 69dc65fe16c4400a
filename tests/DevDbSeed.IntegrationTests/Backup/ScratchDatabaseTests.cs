using DevDbSeed.IntegrationTests.Faults;
using DevDbSeed.IntegrationTests.Infrastructure;
using DevDbSeed.Running;
using Npgsql;
using Npgsql.Replication;

namespace DevDbSeed.IntegrationTests.Backup;

/// <summary>
/// The scratch database holds real data: only the tool's role may connect to it while it exists, and what a killed
/// run left behind is dropped by the next run of the same target, and nothing else is; one a client uses is kept, never silently.
/// </summary>
public sealed class ScratchDatabaseTests : BackupScenario
{
    private const string Marker = "devdbseed: scratch restore of a backup, read to replace ";

    [Fact]
    public async Task While_it_holds_the_backup_nobody_but_the_tools_role_may_connect_to_the_scratch_database()
    {
        var options = PipelineOptions.Load(Pipelines.BackupPipeline(await DumpAsync("prod.dump"), Databases.Uri(Target)));
        var observer = new OnRestored(Databases.Keywords("postgres"));

        await Seeder.RunAsync(options, observer);

        var seen = Assert.Single(observer.Seen);
        Assert.StartsWith(Target + "_devdbseed_restore_", seen.Database, StringComparison.Ordinal);
        Assert.False(seen.PublicMayConnect, "PUBLIC may connect to the scratch database when pg_restore starts");
        Assert.Equal(Marker + Target, seen.Comment);
        Assert.Equal(450, seen.Rows);
        Assert.True(seen.Estimated, "a table with rows has no row estimate for the plan");
        Assert.Empty(await ScratchDatabasesAsync());
        Assert.Null(await Databases.ScalarAsync<object>(Target, "SELECT shobj_description(oid, 'pg_database') FROM pg_database WHERE datname = current_database()") as string);
    }

    [Fact]
    public async Task A_scratch_database_left_by_a_killed_run_of_the_same_target_is_dropped_and_no_other()
    {
        var other = Databases.Name("other");
        var abandoned = await LeftoverAsync(Target + "_devdbseed_restore_0badf00d", Marker + Target);
        var othersTarget = await LeftoverAsync(other + "_devdbseed_restore_0badf00d", Marker + other);
        var unmarked = await LeftoverAsync(Target + "_devdbseed_restore_0000beef", "someone's own database");
        var misnamed = await LeftoverAsync(Target + "_restored_by_hand", Marker + Target);

        var result = await Devdbseed.RunAsync("run", Pipelines.BackupPipeline(await DumpAsync("prod.dump"), Databases.Uri(Target)), "--plain");

        Outputs.ExitCode(0, result);
        Outputs.Mentions(result, $"dropping {abandoned}, a scratch restore left by an interrupted run");
        Assert.False(await Databases.ExistsAsync(abandoned));
        foreach (var kept in new[] { othersTarget, unmarked, misnamed })
        {
            Assert.True(await Databases.ExistsAsync(kept), kept + " was dropped");
            Assert.DoesNotContain(kept, result.All, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_scratch_database_left_by_a_killed_run_that_a_client_uses_is_kept_with_a_warning_in_the_output_and_the_summary()
    {
        var inUse = await LeftoverAsync(Target + "_devdbseed_restore_00c0ffee", Marker + Target);
        await using var session = await Databases.OpenAsync(inUse);
        var journal = new JournalFiles(Pipelines.Directory);

        var result = await Devdbseed.RunAsync(["run", Pipelines.BackupPipeline(await DumpAsync("prod.dump"), Databases.Uri(Target)), "--plain", .. journal.Options]);

        Outputs.ExitCode(0, result);
        Outputs.Mentions(result, $"warning: keeping {inUse}, left by an interrupted run, because 1 session(s) are connected to it: it may hold unmasked data");
        Assert.True(await Databases.ExistsAsync(inUse));
        Assert.Contains("leftover_database_in_use", journal.WarningKinds());
    }

    [Fact]
    public async Task A_scratch_database_left_by_a_killed_run_with_only_a_server_process_on_it_is_not_kept_silently()
    {
        var abandoned = await LeftoverAsync(Target + "_devdbseed_restore_0badf00d", Marker + Target);
        await using var walSender = new LogicalReplicationConnection(Databases.Keywords(abandoned)); // a walsender, not a client backend: DROP DATABASE waits for it, then fails
        await walSender.Open();
        await walSender.IdentifySystem();

        var result = await Devdbseed.RunAsync("run", Pipelines.BackupPipeline(await DumpAsync("prod.dump"), Databases.Uri(Target)), "--plain");

        Outputs.ExitCode(0, result);
        Outputs.Mentions(result, $"warning: keeping {abandoned}, left by an interrupted run, because 1 session(s) are connected to it");
        Assert.True(await Databases.ExistsAsync(abandoned));
    }

    [Fact]
    public async Task A_scratch_database_a_live_command_claims_is_not_dropped_though_no_session_is_connected_to_it()
    {
        var claimed = await LeftoverAsync(Target + "_devdbseed_restore_c1a1bed0", Marker + Target);
        await using var liveCommand = await Databases.OpenAsync("postgres");
        await using (var claim = new NpgsqlCommand($"SELECT pg_advisory_lock(hashtextextended('devdbseed database:{claimed}', 0))", liveCommand))
        {
            await claim.ExecuteNonQueryAsync();
        }

        var result = await Devdbseed.RunAsync("run", Pipelines.BackupPipeline(await DumpAsync("prod.dump"), Databases.Uri(Target)), "--plain");

        Outputs.ExitCode(0, result);
        Assert.True(await Databases.ExistsAsync(claimed), "a live command's scratch database was dropped");
        Assert.DoesNotContain(claimed, result.All, StringComparison.Ordinal);
    }

    /// <summary>A database as a killed run (or someone else) left it, with a table of rows.</summary>
    private async Task<string> LeftoverAsync(string name, string comment)
    {
        await Databases.AdminAsync($"CREATE DATABASE \"{name}\"");
        await Databases.AdminAsync($"COMMENT ON DATABASE \"{name}\" IS '{comment.Replace("'", "''", StringComparison.Ordinal)}'");
        await Databases.ExecuteAsync(name, "CREATE TABLE people AS SELECT 1 AS id");
        return name;
    }

    /// <summary>
    /// On <see cref="BackupRestoring"/>, before pg_restore runs, reads the scratch database's privileges and comment; on
    /// <see cref="BackupRestored"/>, its tables' row estimates.
    /// </summary>
    private sealed class OnRestored(string admin) : IRunObserver
    {
        public List<(string Database, bool PublicMayConnect, string? Comment, long Rows, bool Estimated)> Seen { get; } = [];

        public void OnEvent(RunEvent runEvent)
        {
            if (runEvent is BackupRestoring restoring)
            {
                using var connection = new NpgsqlConnection(admin);
                connection.Open();
                using var command = new NpgsqlCommand(
                    "SELECT has_database_privilege('public', datname, 'CONNECT'), shobj_description(oid, 'pg_database') FROM pg_database WHERE datname = @name", connection);
                command.Parameters.AddWithValue("name", restoring.Database);
                using var reader = command.ExecuteReader();
                Assert.True(reader.Read(), restoring.Database + " does not exist");
                Seen.Add((restoring.Database, reader.GetBoolean(0), reader.IsDBNull(1) ? null : reader.GetString(1), 0, false));
            }
            else if (runEvent is BackupRestored restored)
            {
                using var scratch = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(admin) { Database = restored.Database }.ConnectionString);
                scratch.Open();
                using var estimates = new NpgsqlCommand("SELECT bool_and(reltuples > 0) FROM pg_class WHERE relkind = 'r' AND relnamespace = 'public'::regnamespace", scratch);
                Seen[^1] = Seen[^1] with { Rows = restored.Rows, Estimated = (bool)estimates.ExecuteScalar()! };
            }
        }
    }
}
