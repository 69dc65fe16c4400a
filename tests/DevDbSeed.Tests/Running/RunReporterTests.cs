using DevDbSeed.Running;

namespace DevDbSeed.Tests.Running;

public sealed class RunReporterTests
{
    [Fact]
    public async Task A_step_is_reported_started_and_finished_and_its_time_kept()
    {
        var heard = new List<RunEvent>();
        var reporter = new RunReporter(new Recorder(heard));

        var value = await reporter.StepAsync(RunStep.Rows, () => Task.FromResult(42));

        Assert.Equal(42, value);
        Assert.Equal(new StepStarted(RunStep.Rows), heard[0]);
        Assert.Equal(RunStep.Rows, Assert.IsType<StepFinished>(heard[1]).Step);
        Assert.Equal(RunStep.Rows, Assert.Single(reporter.Steps).Step);
    }

    [Fact]
    public async Task A_failing_step_is_reported_finished_too()
    {
        var heard = new List<RunEvent>();
        var reporter = new RunReporter(new Recorder(heard));

        await Assert.ThrowsAsync<InvalidOperationException>(() => reporter.StepAsync(RunStep.Schema, () => Task.FromException(new InvalidOperationException())));

        Assert.IsType<StepFinished>(heard[^1]);
    }

    [Fact]
    public void Warnings_are_kept_for_the_summary_and_every_event_reaches_the_observer()
    {
        var heard = new List<RunEvent>();
        var reporter = new RunReporter(new Recorder(heard));

        reporter.OnEvent(new CommandStarted("s", "t"));
        reporter.OnEvent(new RandomKeyUsed(MissingSecret.Empty));

        Assert.Equal([new RandomKeyUsed(MissingSecret.Empty)], reporter.Warnings);
        Assert.Equal(2, heard.Count);
    }

    private sealed class Recorder(List<RunEvent> heard) : IRunObserver
    {
        public void OnEvent(RunEvent runEvent) => heard.Add(runEvent);
    }
}
