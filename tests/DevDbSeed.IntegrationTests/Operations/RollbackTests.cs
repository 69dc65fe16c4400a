using DevDbSeed.IntegrationTests.Infrastructure;
using DevDbSeed.Postgres.Connections;
using DevDbSeed.Postgres.Target;
using DevDbSeed.Running;
using Npgsql;

namespace DevDbSeed.IntegrationTests.Operations;

/// <summary>
/// <c>devdbseed rollback</c>: the previous copy swapped back in, in one transaction, the replaced target kept as the
/// previous copy (so a second rollback undoes the first); nothing changed without a previous copy; the run's lock and
/// connected-clients rule.
/// </summary>
public sealed class RollbackTests : PeopleScenario
{
    private const string OtherSecret = "another-secret-for-the-second-run-7c1e";

    private string Previous => Target + "_previous";

    [Fact]
    public async Task Rollback_after_two_runs_brings_the_first_back_keeps_the_second_as_previous_and_a_second_rollback_swaps_back()
    {
        Outputs.ExitCode(0, await RunAsync(Pipelines.Secret));
        var first = await Databases.StateAsync(Target);
        Outputs.ExitCode(0, await RunAsync(OtherSecret));
        var second = await Databases.StateAsync(Target);
        Assert.NotEqual(first.Tables, second.Tables);

        var result = await RollbackAsync();

        Outputs.ExitCode(0, result);
        Outputs.Mentions(result, $"rolled back: {Target} is the previous copy again; the replaced one is now {Previous}");
        Assert.Equal(first, await Databases.StateAsync(Target));
        Assert.Equal(second, await Databases.StateAsync(Previous));

        Outputs.ExitCode(0, await RollbackAsync());
        Assert.Equal(second, await Databases.StateAsync(Target));
        Assert.Equal(first, await Databases.StateAsync(Previous));
        Assert.Equal([Target, Previous, Source], await Databases.OursAsync());
    }

    [Fact]
    public async Task Rollback_without_a_previous_copy_exits_1_and_changes_nothing()
    {
        Outputs.ExitCode(0, await RunAsync(Pipelines.Secret));
        var before = await Databases.StateAsync(Target);
        var databases = await Databases.OursAsync();

        var result = await RollbackAsync();

        Outputs.ExitCode(1, result);
        Outputs.NoStackTrace(result);
        Outputs.Mentions(result, $"{Previous} does not exist");
        Assert.Single(result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal(before, await Databases.StateAsync(Target));
        Assert.Equal(databases, await Databases.OursAsync());
    }

    [Fact]
    public async Task A_command_started_the_moment_another_ends_finds_the_target_unlocked()
    {
        var target = ConnectionSettings.Parse(Databases.Uri(Target), "target");

        for (var i = 0; i < 50; i++) // a race: the backend of a closed session releases its locks a moment after the close
        {
            await using (var first = await TargetServer.OpenAsync(target, CancellationToken.None))
            {
                await first.LockAsync(CancellationToken.None);
            }

            await using var next = await TargetServer.OpenAsync(target, CancellationToken.None);
            await next.LockAsync(CancellationToken.None); // throws while the first session's backend still holds the lock
        }
    }

    [Fact]
    public async Task Rollback_with_json_logs_prints_every_line_as_a_json_object_its_failure_included()
    {
        Outputs.ExitCode(0, await RunAsync(Pipelines.Secret));

        var failed = await Devdbseed.RunAsync("rollback", Pipeline(Pipelines.Secret), "--log-format", "json");
        Outputs.ExitCode(0, await RunAsync("another secret"));
        var rolledBack = await Devdbseed.RunAsync("rollback", Pipeline(Pipelines.Secret), "--log-format", "json");

        Outputs.ExitCode(1, failed);
        Outputs.AllJsonObjects(failed);
        Outputs.Mentions(failed, $"{Previous} does not exist");
        Outputs.ExitCode(0, rolledBack);
        Outputs.AllJsonObjects(rolledBack);
        Outputs.Mentions(rolledBack, "rolled back");
    }

    [Fact]
    public async Task Without_a_target_the_previous_copy_becomes_the_target()
    {
        Outputs.ExitCode(0, await RunAsync(Pipelines.Secret));
        Outputs.ExitCode(0, await RunAsync(OtherSecret));
        var previous = await Databases.StateAsync(Previous);
        await Databases.AdminAsync($"DROP DATABASE \"{Target}\"");

        var rolledBack = await Seeder.RollbackAsync(new PipelineOptions { Target = Databases.Uri(Target), RulesFiles = ["not-needed.yaml"] });

        Assert.Equal(new RolledBack(Target, Previous, TargetExisted: false), rolledBack);
        Assert.Equal(previous, await Databases.StateAsync(Target));
        Assert.Equal([Target, Source], await Databases.OursAsync());
    }

    [Fact]
    public async Task Rollback_needs_neither_the_source_nor_the_rules_nor_the_secret()
    {
        Outputs.ExitCode(0, await RunAsync(Pipelines.Secret));
        var first = await Databases.StateAsync(Target);
        Outputs.ExitCode(0, await RunAsync(OtherSecret));
        var pipeline = Pipelines.Write("target-only.yaml", $$"""
            source: ${DEVDBSEED_TEST_VARIABLE_NEVER_SET_1}
            target: '{{Databases.Uri(Target)}}'
            rules: no-such-rules.yaml
            secret: ${DEVDBSEED_TEST_VARIABLE_NEVER_SET_2}
            """);

        var result = await Devdbseed.RunAsync("rollback", pipeline);

        Outputs.ExitCode(0, result);
        Assert.Equal(first, await Databases.StateAsync(Target));
    }

    [Fact]
    public async Task A_client_connected_to_the_target_fails_the_rollback_naming_it_and_changes_nothing()
    {
        await TwoRunsAsync();
        var (target, previous) = (await Databases.StateAsync(Target), await Databases.StateAsync(Previous));
        await using var client = await Databases.OpenAsync(Target);
        var pid = await PidAsync(client);

        var result = await RollbackAsync();

        Outputs.ExitCode(1, result);
        Outputs.NoStackTrace(result);
        Outputs.Mentions(result, $"pid {pid}");
        Outputs.Mentions(result, "terminate_connections");
        Assert.Equal(target, await Databases.StateAsync(Target));
        Assert.Equal(previous, await Databases.StateAsync(Previous));
        Assert.Equal(pid, await PidAsync(client));
    }

    [Fact]
    public async Task A_client_connected_to_the_previous_copy_fails_the_rollback_too()
    {
        await TwoRunsAsync();
        var target = await Databases.StateAsync(Target);
        await using var client = await Databases.OpenAsync(Previous);
        var pid = await PidAsync(client);

        var result = await RollbackAsync();

        Outputs.ExitCode(1, result);
        Outputs.Mentions(result, $"{Previous} is in use");
        Assert.Equal(target, await Databases.StateAsync(Target));
        Assert.Equal(pid, await PidAsync(client));
    }

    [Fact]
    public async Task Clients_connected_to_the_target_are_terminated_when_the_pipeline_allows_it()
    {
        await TwoRunsAsync();
        var (target, previous) = (await Databases.OidAsync(Target), await Databases.OidAsync(Previous));
        await using var client = await Databases.OpenAsync(Target);

        var result = await Devdbseed.RunAsync("rollback", Pipeline(Pipelines.Secret, "terminate_connections: true"));

        Outputs.ExitCode(0, result);
        Assert.Equal(previous, await Databases.OidAsync(Target));
        Assert.Equal(target, await Databases.OidAsync(Previous));
        await Assert.ThrowsAnyAsync<NpgsqlException>(() => PidAsync(client));
    }

    [Fact]
    public async Task A_rollback_while_a_run_holds_the_target_exits_1_naming_it_and_the_run_then_finishes()
    {
        await TwoRunsAsync();
        var before = await Databases.OursAsync();
        await using var hold = await RenameHold.TakeAsync(Databases, Target);
        var run = Task.Run(() => RunAsync(Pipelines.Secret)); // takes the lock, then waits at its swap for the held rename
        await hold.UntilWaitedOnAsync();

        var result = await RollbackAsync();

        Outputs.ExitCode(1, result);
        Outputs.NoStackTrace(result);
        Outputs.Mentions(result, $"another devdbseed run or rollback is replacing {Target}");
        await hold.ReleaseAsync();
        Outputs.ExitCode(0, await run);
        Assert.Equal(before, await Databases.OursAsync());
    }

    [Fact]
    public async Task A_run_while_a_rollback_holds_the_target_exits_1_naming_it_and_the_rollback_then_finishes()
    {
        await TwoRunsAsync();
        var (target, previous) = (await Databases.StateAsync(Target), await Databases.StateAsync(Previous));
        await using var hold = await RenameHold.TakeAsync(Databases, Previous);
        var rollback = Task.Run(RollbackAsync); // takes the lock, then waits for the held rename
        await hold.UntilWaitedOnAsync();

        var result = await RunAsync(Pipelines.Secret);

        Outputs.ExitCode(1, result);
        Outputs.NoStackTrace(result);
        Outputs.Mentions(result, $"another devdbseed run or rollback is replacing {Target}");
        await hold.ReleaseAsync();
        Outputs.ExitCode(0, await rollback);
        Assert.Equal(previous, await Databases.StateAsync(Target));
        Assert.Equal(target, await Databases.StateAsync(Previous));
        Assert.Equal([Target, Previous, Source], await Databases.OursAsync());
    }

    private async Task TwoRunsAsync()
    {
        Outputs.ExitCode(0, await RunAsync(Pipelines.Secret));
        Outputs.ExitCode(0, await RunAsync(OtherSecret));
    }

    private string Pipeline(string secret, string extra = "") =>
        Pipelines.Pipeline(Databases.Uri(Source), Databases.Uri(Target), secret: secret, extra: extra, name: $"pipeline-{secret}.yaml");

    private Task<Devdbseed.Result> RunAsync(string secret) => Devdbseed.RunAsync("run", Pipeline(secret));

    private Task<Devdbseed.Result> RollbackAsync() => Devdbseed.RunAsync("rollback", Pipeline(Pipelines.Secret));

    private static async Task<int> PidAsync(NpgsqlConnection client)
    {
        await using var command = new NpgsqlCommand("SELECT pg_backend_pid()", client);
        return (int)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>
    /// A transaction that has commented on a database and stays open: it holds a lock that renaming that database waits
    /// for, so a run's swap or a rollback stops there, holding the target's lock, until <see cref="ReleaseAsync"/>.
    /// It is connected to the maintenance database, so it is no client of the target.
    /// </summary>
    private sealed class RenameHold : IAsyncDisposable
    {
        private readonly NpgsqlConnection _connection;
        private readonly NpgsqlTransaction _transaction;
        private readonly string _database;

        private RenameHold(NpgsqlConnection connection, NpgsqlTransaction transaction, string database)
        {
            _connection = connection;
            _transaction = transaction;
            _database = database;
        }

        public static async Task<RenameHold> TakeAsync(TestDatabases databases, string database)
        {
            var connection = await databases.OpenAsync("postgres");
            var transaction = await connection.BeginTransactionAsync();
            await using var command = new NpgsqlCommand($"COMMENT ON DATABASE \"{database}\" IS 'held by a test'", connection, transaction);
            await command.ExecuteNonQueryAsync();
            return new RenameHold(connection, transaction, database);
        }

        /// <summary>Waits until a session waits for this lock (a rename of the database).</summary>
        public async Task UntilWaitedOnAsync()
        {
            const string sql = """
                SELECT count(*) FROM pg_locks l JOIN pg_database d ON l.classid = 'pg_database'::regclass AND l.objid = d.oid
                WHERE l.locktype = 'object' AND NOT l.granted AND d.datname = @name
                """;
            using var limit = new CancellationTokenSource(TimeSpan.FromMinutes(2));
            while (true)
            {
                await using var command = new NpgsqlCommand(sql, _connection, _transaction);
                command.Parameters.AddWithValue("name", _database);
                if ((long)(await command.ExecuteScalarAsync(limit.Token))! > 0)
                {
                    return;
                }

                await Task.Delay(100, limit.Token);
            }
        }

        public async Task ReleaseAsync() => await _transaction.RollbackAsync();

        public async ValueTask DisposeAsync()
        {
            await _transaction.DisposeAsync();
            await _connection.DisposeAsync();
        }
    }
}
