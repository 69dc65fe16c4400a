using DevDbSeed.IntegrationTests.Infrastructure;
using DevDbSeed.Running;

namespace DevDbSeed.IntegrationTests.Faults;

/// <summary>A second run against a target that a run is replacing stops at once (exit 1, naming the target); the first goes on.</summary>
public sealed class ConcurrentRunTests(SampleSource sample) : IClassFixture<SampleSource>, IDisposable
{
    private readonly Pipelines _pipelines = new();

    private TestDatabases Databases => sample.Databases;

    public void Dispose() => _pipelines.Dispose();

    [Fact]
    public async Task A_second_run_against_the_same_target_exits_1_at_once_naming_the_target_and_the_first_run_succeeds()
    {
        var target = await Databases.CreateAsync("dev_busy", "CREATE TABLE marker (note text); INSERT INTO marker VALUES ('before the runs');");
        var pipeline = _pipelines.Pipeline(Databases.Uri(sample.Source), Databases.Uri(target), Shipped.VcaRules, jobs: 1);
        var before = await Databases.StateAsync(target);
        using var holdFirst = new HoldOnFirstTable();
        var first = Task.Run(() => Seeder.RunAsync(PipelineOptions.Load(pipeline), holdFirst));
        await holdFirst.Reached.WaitAsync(TimeSpan.FromMinutes(1));

        var journal = new JournalFiles(_pipelines.Directory);
        var second = await Devdbseed.RunAsync(["run", pipeline, "--plain", .. journal.Options]);

        Assert.Equal(1, second.ExitCode);
        Assert.Contains($"another devdbseed run or rollback is replacing {target}", second.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("reading the source schema", second.Output, StringComparison.Ordinal);
        Assert.Equal(before, await Databases.StateAsync(target));
        Assert.StartsWith("exit 1, failed", journal.Outcome(), StringComparison.Ordinal);
        Assert.Contains(target, journal.FailureMessage(), StringComparison.Ordinal);
        Assert.Equal(1, journal.Metric("devdbseed_last_run_exit_code"));

        holdFirst.Release();
        var summary = await first;

        Assert.True(summary.Rows > 0);
        Assert.Empty(await Databases.BuiltNextToAsync(target));
        Assert.False(await Databases.ScalarAsync<bool>(target, "SELECT to_regclass('public.marker') IS NOT NULL"));
    }

    /// <summary>Holds the run's first table worker until released: the run holds its target meanwhile.</summary>
    private sealed class HoldOnFirstTable : IRunObserver, IDisposable
    {
        private readonly TaskCompletionSource _reached = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly ManualResetEventSlim _release = new();
        private int _started;

        public Task Reached => _reached.Task;

        public void Release() => _release.Set();

        public void OnEvent(RunEvent runEvent)
        {
            if (runEvent is TableStarted && Interlocked.Increment(ref _started) == 1)
            {
                _reached.SetResult();
                _release.Wait(TimeSpan.FromMinutes(1));
            }
        }

        public void Dispose() => _release.Dispose();
    }
}
