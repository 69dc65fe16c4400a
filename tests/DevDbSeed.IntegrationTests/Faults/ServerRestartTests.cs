using System.Collections.Concurrent;
using DevDbSeed.Errors;
using DevDbSeed.IntegrationTests.Infrastructure;
using DevDbSeed.Postgres.Sample;
using DevDbSeed.Running;

namespace DevDbSeed.IntegrationTests.Faults;

/// <summary>
/// The server restarted while the indexes and constraints are built (every session ended, connections refused for a
/// moment) fails the run with exit 1; once the server is back the half-built database is dropped, the target is
/// exactly as it was, and the next run succeeds. On a server of the test's own: a restart would cut every other test.
/// </summary>
public sealed class ServerRestartTests : IAsyncLifetime
{
    private readonly Pipelines _pipelines = new();
    private OwnCluster _cluster = null!;
    private TestDatabases _databases = null!;

    public async Task InitializeAsync()
    {
        _cluster = await OwnCluster.StartAsync();
        _databases = TestDatabases.On(_cluster.Connection);
    }

    public async Task DisposeAsync()
    {
        _pipelines.Dispose();
        await _cluster.DisposeAsync();
    }

    [Fact]
    public async Task A_server_restart_during_post_data_fails_the_run_with_exit_1_and_leaves_the_target_as_it_was()
    {
        var source = _databases.Name("vca");
        await SampleDatabase.CreateAsync(_databases.Server.ForDatabase(source), SampleSource.Users, replace: false, SilentObserver.Instance, CancellationToken.None);
        var target = await _databases.CreateAsync("dev_restart", "CREATE TABLE marker (note text); INSERT INTO marker VALUES ('before the run');");
        var journal = new JournalFiles(_pipelines.Directory);
        var options = journal.With(PipelineOptions.Load(_pipelines.Pipeline(_databases.Uri(source), _databases.Uri(target), Shipped.VcaRules)));
        var before = await _databases.StateAsync(target);
        var restart = new RestartWhen(_cluster, e => e is StepStarted { Step: RunStep.PostData });

        var failure = await Assert.ThrowsAsync<RunFailedException>(() => Seeder.RunAsync(options, restart));
        await restart.Restarted;

        Assert.Equal(ExitCode.RuntimeFailure, failure.ExitCode);
        Assert.Equal(before, await _databases.StateAsync(target));
        Assert.Empty(await _databases.BuiltNextToAsync(target));
        Assert.Contains(journal.Outcome(), new[] { "exit 1, failed at post_data", "exit 1, failed at verify" });
        Assert.Equal(1, journal.Metric("devdbseed_last_run_exit_code"));

        await Seeder.RunAsync(options);

        Assert.Equal("exit 0, succeeded", journal.Outcome());
        Assert.False(await _databases.ScalarAsync<bool>(target, "SELECT to_regclass('public.marker') IS NOT NULL"));
        Assert.Empty(await _databases.BuiltNextToAsync(target));
    }

    [Fact]
    public async Task A_server_restart_during_a_backups_restore_fails_the_run_with_exit_1_and_drops_the_scratch_database_once_the_server_is_back()
    {
        var source = await _databases.CreateAsync("prod", People.Schema + """

            CREATE TABLE events (id bigint, payload text);
            INSERT INTO events SELECT i, md5(i::text) || md5((i + 1)::text) FROM generate_series(1, 600000) i;
            """);
        var target = await _databases.CreateAsync("dev_restart", "CREATE TABLE marker (note text); INSERT INTO marker VALUES ('before the run');");
        var dump = Path.Combine(_pipelines.Directory, "prod.dump");
        await PgDump.ArchiveAsync(_databases, source, "custom", dump);
        _pipelines.Write("rules.yaml", People.Rules + "\n  public.events: keep\n");
        var options = PipelineOptions.Load(_pipelines.BackupPipeline(dump, _databases.Uri(target)));
        var before = await _databases.StateAsync(target);
        var restart = new RestartWhen(_cluster, e => e is BackupRestoring);

        var failure = await Assert.ThrowsAsync<RunFailedException>(() => Seeder.RunAsync(options, restart));
        await restart.Restarted;

        Assert.Equal(ExitCode.RuntimeFailure, failure.ExitCode);
        Assert.Contains($"restoring the source backup {dump} failed", failure.Message, StringComparison.Ordinal);
        Assert.Equal(before, await _databases.StateAsync(target));
        Assert.Empty(await _databases.BuiltNextToAsync(target));
        Assert.DoesNotContain(restart.Events, e => e is ScratchDatabaseLeft or HalfBuiltDatabaseLeft);
    }

    /// <summary>Restarts the server as soon as the first event <paramref name="when"/> accepts arrives, without holding the run up.</summary>
    private sealed class RestartWhen(OwnCluster cluster, Func<RunEvent, bool> when) : IRunObserver
    {
        private readonly TaskCompletionSource _restarted = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly ConcurrentQueue<RunEvent> _events = new();
        private int _started;

        public Task Restarted => _restarted.Task;

        public IEnumerable<RunEvent> Events => _events;

        public void OnEvent(RunEvent runEvent)
        {
            _events.Enqueue(runEvent);
            if (when(runEvent) && Interlocked.Increment(ref _started) == 1)
            {
                _ = Task.Run(async () =>
                {
                    try
                    {
                        await cluster.RestartAsync();
                        _restarted.SetResult();
                    }
                    catch (Exception e)
                    {
                        _restarted.SetException(e);
                    }
                });
            }
        }
    }
}
