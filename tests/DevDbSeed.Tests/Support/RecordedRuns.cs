using DevDbSeed.Journal;
using DevDbSeed.Rules;
using DevDbSeed.Running;
using DevDbSeed.Verification;

namespace DevDbSeed.Tests.Support;

/// <summary>Runs heard by a <see cref="RunRecorder"/> on a fixed clock, built from the events a pipeline gives (<see cref="Runs.Plan"/>).</summary>
internal static class RecordedRuns
{
    public static readonly DateTimeOffset Start = new(2026, 12, 7, 2, 0, 0, TimeSpan.Zero);

    public static readonly RulesFileInfo RulesFile = new("rules/vca.yaml", "5c3f0e1d2b4a69788796a5b4c3d2e1f00112233445566778899aabbccddeeff0");

    /// <summary>A recorder starting at <see cref="Start"/>, passing events to <paramref name="observer"/>; <paramref name="clock"/> moves its time.</summary>
    public static RunRecorder Recorder(out ManualClock clock, IRunObserver? observer = null)
    {
        clock = new ManualClock(Start);
        return new RunRecorder(observer ?? SilentObserver.Instance, "nightly", "app@dev.example:5432/vca_dev", clock);
    }

    /// <summary>The events of a run that went to the end: users copied twice (the uniqueness check copied it again), a random-key warning.</summary>
    public static IEnumerable<RunEvent> Succeeded(VerifyResult? verified = null)
    {
        var plan = Runs.Plan();
        var users = Runs.Table(plan, "public.users");
        var orders = Runs.Table(plan, "public.orders");
        return
        [
            new CommandStarted("app@db.example:5432/vca", "app@dev.example:5432/vca_dev"),
            new RulesLoaded([RulesFile]),
            new RandomKeyUsed(MissingSecret.VariableNotSet, "DEVDBSEED_SECRET"),
            new SnapshotOpened("app@db.example:5432/vca", Start.AddSeconds(1.5)),
            new StepStarted(RunStep.Plan),
            new PlanReady(plan),
            new StepFinished(RunStep.Plan, TimeSpan.FromSeconds(0.25)),
            new StepStarted(RunStep.Rows),
            new TableStarted(users),
            new TableProgress(users, 10, 100),
            new TableFinished(Runs.Copied(users, 9_000, 900_000, 1.0)),
            new TableFinished(Runs.Copied(orders, 50_000, 2_000_000, 2.5)),
            new StepFinished(RunStep.Rows, TimeSpan.FromSeconds(3)),
            new StepStarted(RunStep.Uniqueness),
            new UniqueCollisionRepaired("public.users.email", 2),
            new TableFinished(Runs.Copied(users, 10_000, 1_000_000, 1.25)),
            new StepFinished(RunStep.Uniqueness, TimeSpan.FromSeconds(1.5)),
            new PostDataStarted(Verifying: true),
            new StepStarted(RunStep.PostData),
            new StepStarted(RunStep.Verify),
            new StepFinished(RunStep.PostData, TimeSpan.FromSeconds(2)),
            new StepFinished(RunStep.Verify, TimeSpan.FromSeconds(1.5)),
            new Verified(verified ?? Runs.Verified()),
            new Swapping("vca_dev", "vca_dev_previous", TargetExists: true),
            new StepStarted(RunStep.Swap),
            new StepFinished(RunStep.Swap, TimeSpan.FromSeconds(0.1)),
        ];
    }

    public static RunRecorder Hear(this RunRecorder recorder, IEnumerable<RunEvent> events)
    {
        foreach (var runEvent in events)
        {
            recorder.OnEvent(runEvent);
        }

        return recorder;
    }

    /// <summary>A clock that moves only when told.</summary>
    internal sealed class ManualClock(DateTimeOffset now) : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = now;

        public override DateTimeOffset GetUtcNow() => Now;
    }
}
