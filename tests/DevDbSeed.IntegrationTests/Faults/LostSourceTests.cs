using DevDbSeed.Errors;
using DevDbSeed.IntegrationTests.Infrastructure;
using DevDbSeed.Running;

namespace DevDbSeed.IntegrationTests.Faults;

/// <summary>
/// The source's connections cut while the rows are copied (a failover, an administrator, a network fault) fail the run
/// with exit 1; the target is exactly as it was, nothing is left behind, and the next run succeeds.
/// </summary>
public sealed class LostSourceTests(SampleSource sample) : IClassFixture<SampleSource>, IDisposable
{
    private readonly Pipelines _pipelines = new();

    private TestDatabases Databases => sample.Databases;

    public void Dispose() => _pipelines.Dispose();

    [Fact]
    public async Task The_source_connection_terminated_during_the_copy_fails_the_run_with_exit_1_and_leaves_the_target_as_it_was()
    {
        var target = await Databases.CreateAsync("dev_lost", "CREATE TABLE marker (note text); INSERT INTO marker VALUES ('before the run');");
        var journal = new JournalFiles(_pipelines.Directory);
        var options = journal.With(PipelineOptions.Load(_pipelines.Pipeline(Databases.Uri(sample.Source), Databases.Uri(target), Shipped.VcaRules, jobs: 1)));
        var before = await Databases.StateAsync(target);
        var cut = new CutTheSourceOnFirstTable(Databases, sample.Source);

        var failure = await Assert.ThrowsAsync<RunFailedException>(() => Seeder.RunAsync(options, cut));

        Assert.True(await cut.Terminated > 0, "no session of the source was terminated");
        Assert.Equal(ExitCode.RuntimeFailure, failure.ExitCode);
        Assert.Contains("terminat", failure.Message, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(before, await Databases.StateAsync(target));
        Assert.Empty(await Databases.BuiltNextToAsync(target));
        Assert.Equal("exit 1, failed at rows", journal.Outcome());
        Assert.Equal(1, journal.Metric("devdbseed_last_run_exit_code"));
        Assert.Null(journal.Metric("devdbseed_last_success_timestamp_seconds"));

        await Seeder.RunAsync(options);

        Assert.Equal("exit 0, succeeded", journal.Outcome());
        Assert.NotNull(journal.Metric("devdbseed_last_success_timestamp_seconds"));
        Assert.Empty(await Databases.BuiltNextToAsync(target));
        Assert.False(await Databases.ScalarAsync<bool>(target, "SELECT to_regclass('public.marker') IS NOT NULL"));
    }

    /// <summary>When the first table starts copying, terminates every session on the source (the run's snapshot and readers).</summary>
    private sealed class CutTheSourceOnFirstTable(TestDatabases databases, string source) : IRunObserver
    {
        private readonly TaskCompletionSource<long> _terminated = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _started;

        public Task<long> Terminated => _terminated.Task;

        public void OnEvent(RunEvent runEvent)
        {
            if (runEvent is TableStarted && Interlocked.Increment(ref _started) == 1)
            {
                // the worker that reports the table waits for the cut, so that it cannot finish the copy meanwhile
                _terminated.SetResult(databases.ScalarAsync<long>("postgres",
                    $"SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE datname = '{source}' AND pid <> pg_backend_pid()")
                    .GetAwaiter().GetResult());
            }
        }
    }
}
