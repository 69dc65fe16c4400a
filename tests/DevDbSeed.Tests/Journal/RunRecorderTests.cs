using DevDbSeed.Errors;
using DevDbSeed.Journal;
using DevDbSeed.Running;
using DevDbSeed.Tests.Support;
using DevDbSeed.Verification;

namespace DevDbSeed.Tests.Journal;

/// <summary>What the recorder keeps of a run's events, and where it says a run failed.</summary>
public sealed class RunRecorderTests
{
    [Fact]
    public void Every_event_reaches_the_observer_in_order()
    {
        var heard = new List<RunEvent>();
        var events = RecordedRuns.Succeeded().ToList();

        RecordedRuns.Recorder(out _, new Collect(heard)).Hear(events);

        Assert.Equal(events, heard);
    }

    [Fact]
    public void A_succeeded_run_keeps_its_previous_copy_and_its_figures()
    {
        var record = RecordedRuns.Recorder(out _).Hear(RecordedRuns.Succeeded()).Finish();

        Assert.Equal(RunStatus.Succeeded, record.Status);
        Assert.True(record.PreviousKept);
        Assert.Equal(60_000, record.Rows);
        Assert.Equal(70_000, record.MaskedValues);
        Assert.Equal(2, record.Copied.Count);
        Assert.Equal("vca_dev", record.TargetDatabase);
        Assert.Equal(RecordedRuns.Start.AddSeconds(1.5), record.SnapshotTakenAt);
    }

    [Fact]
    public void A_run_that_fails_at_the_swap_kept_no_previous_copy()
    {
        var record = RecordedRuns.Recorder(out _).Hear([
            .. RecordedRuns.Succeeded().TakeWhile(e => e is not StepStarted { Step: RunStep.Swap }),
            new StepStarted(RunStep.Swap),
            new StepFailed(RunStep.Swap, Cancelled: false),
            new StepFinished(RunStep.Swap, TimeSpan.FromSeconds(0.1)),
        ]).Finish(new RunFailedException("clients are connected to vca_dev"));

        Assert.False(record.PreviousKept);
        Assert.Equal("swap", record.Failure!.Stage);
    }

    [Fact]
    public void The_stage_is_the_step_that_failed_of_itself_not_the_one_its_failure_stopped()
    {
        var record = RecordedRuns.Recorder(out _).Hear([
            new StepStarted(RunStep.PostData),
            new StepStarted(RunStep.Verify),
            new StepFailed(RunStep.PostData, Cancelled: false),
            new StepFinished(RunStep.PostData, TimeSpan.FromSeconds(1)),
            new StepFailed(RunStep.Verify, Cancelled: true),
            new StepFinished(RunStep.Verify, TimeSpan.FromSeconds(1)),
        ]).Finish(new RunFailedException("could not create index"));

        Assert.Equal("post_data", record.Failure!.Stage);
        Assert.Equal([StepOutcome.Failed, StepOutcome.Stopped], record.Steps.Select(s => s.Outcome));
    }

    [Fact]
    public void A_leak_is_the_verifications_failure_though_it_is_found_after_its_step()
    {
        var leaking = Runs.Verified() with { Hits = [new VerifyHit("public.users.email", "public.users.email", 1, "fake internet.email")] };
        var record = RecordedRuns.Recorder(out _).Hear([
            new StepStarted(RunStep.PostData),
            new StepStarted(RunStep.Verify),
            new StepFinished(RunStep.Verify, TimeSpan.FromSeconds(1)),
            new Verified(leaking),
            new StepFailed(RunStep.PostData, Cancelled: true),
            new StepFinished(RunStep.PostData, TimeSpan.FromSeconds(1)),
        ]).Finish(new RulesMismatchException("verify found original values", []));

        Assert.Equal("verify", record.Failure!.Stage);
        Assert.Equal(1, record.VerificationHits);
    }

    [Fact]
    public void An_interrupted_run_names_the_step_it_stopped_and_says_it_was_interrupted()
    {
        var record = RecordedRuns.Recorder(out _).Hear([
            new StepStarted(RunStep.Plan),
            new StepFinished(RunStep.Plan, TimeSpan.FromSeconds(1)),
            new StepStarted(RunStep.Rows),
            new StepFailed(RunStep.Rows, Cancelled: true),
            new StepFinished(RunStep.Rows, TimeSpan.FromSeconds(1)),
        ]).Finish(new OperationCanceledException());

        Assert.Equal(ExitCode.Interrupted, record.ExitCode);
        Assert.Equal(RunStatus.Interrupted, record.Status);
        Assert.Equal("rows", record.Failure!.Stage);
        Assert.Equal("interrupted; the target is left as it was", record.Failure.Message);
        Assert.Equal([StepOutcome.Succeeded, StepOutcome.Stopped], record.Steps.Select(s => s.Outcome));
    }

    [Fact]
    public void Outside_any_step_the_stage_is_configuration_for_exit_2_start_before_the_first_step_and_else_after_the_last_step_that_ended()
    {
        var afterPlan = new RunEvent[] { new StepStarted(RunStep.Plan), new PlanReady(Runs.Plan()), new StepFinished(RunStep.Plan, TimeSpan.Zero) };

        Assert.Equal("configuration", RecordedRuns.Recorder(out _).Finish(new ConfigurationException("bad")).Failure!.Stage);
        Assert.Equal("configuration", RecordedRuns.Recorder(out _).Hear(afterPlan).Finish(new ConfigurationException("no pg_dump")).Failure!.Stage);
        Assert.Equal("start", RecordedRuns.Recorder(out _).Finish(new RunFailedException("another run holds the lock on vca_dev")).Failure!.Stage);
        var record = RecordedRuns.Recorder(out _).Hear(afterPlan).Finish(new RunFailedException("clients are connected to vca_dev"));
        Assert.Equal("after_plan", record.Failure!.Stage);
        Assert.Equal(StepOutcome.Succeeded, Assert.Single(record.Steps).Outcome);
    }

    [Fact]
    public void A_failure_while_a_step_is_still_open_is_that_steps()
    {
        var record = RecordedRuns.Recorder(out _).Hear([
            new StepStarted(RunStep.Plan),
            new StepFinished(RunStep.Plan, TimeSpan.Zero),
            new StepStarted(RunStep.Schema),
        ]).Finish(new RunFailedException("pg_restore failed"));

        Assert.Equal("schema", record.Failure!.Stage);
    }

    [Fact]
    public void A_bug_is_a_failure_with_its_type_named()
    {
        var record = RecordedRuns.Recorder(out _).Finish(new InvalidOperationException("oops"));

        Assert.Equal(ExitCode.RuntimeFailure, record.ExitCode);
        Assert.Equal("internal error (InvalidOperationException); the command's log has its trace", record.Failure!.Message);
    }

    [Fact]
    public void The_first_finish_is_the_record()
    {
        var recorder = RecordedRuns.Recorder(out var clock);
        var first = recorder.Finish(new RunFailedException("first"));
        clock.Now = clock.Now.AddHours(1);

        Assert.Same(first, recorder.Finish());
    }

    [Fact]
    public async Task Events_heard_from_many_threads_are_all_kept()
    {
        var plan = Runs.Plan();
        var recorder = RecordedRuns.Recorder(out _);
        recorder.OnEvent(new PlanReady(plan));

        await Task.WhenAll(plan.Tables.Select(t => Task.Run(() =>
        {
            for (var i = 0; i < 1000; i++)
            {
                recorder.OnEvent(new TableProgress(t, i, i));
                recorder.OnEvent(new UniqueCollisionRepaired(t.Table.Name.ToString(), i));
            }

            recorder.OnEvent(new TableFinished(Runs.Copied(t, 1, 1, 0.1)));
        })));

        var record = recorder.Finish();
        Assert.Equal(plan.Tables.Count, record.Copied.Count);
        Assert.Equal(plan.Tables.Count * 1000, record.Warnings.Count);
    }

    private sealed class Collect(List<RunEvent> heard) : IRunObserver
    {
        public void OnEvent(RunEvent runEvent) => heard.Add(runEvent);
    }
}
