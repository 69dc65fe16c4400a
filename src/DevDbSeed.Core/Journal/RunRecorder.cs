using DevDbSeed.Errors;
using DevDbSeed.Planning;
using DevDbSeed.Running;

namespace DevDbSeed.Journal;

/// <summary>
/// Hears a run's events on their way to <paramref name="observer"/> and keeps what its summary and metrics need; at the
/// end, <see cref="Finish"/> says how it ended. Thread-safe (tables finish on several workers; post-data and verification
/// report at the same time); progress events pass without a lock.
/// </summary>
/// <param name="observer">Hears every event, as it would without the recorder.</param>
/// <param name="pipeline">The pipeline's name (the metrics' <c>pipeline</c> label).</param>
/// <param name="target">The target as known before the run, without its password (<c>user@host:port/database</c>); the run's own description replaces it.</param>
/// <param name="time">The clock; null: the system's.</param>
public sealed class RunRecorder(IRunObserver observer, string pipeline, string? target = null, TimeProvider? time = null) : IRunObserver
{
    private readonly TimeProvider _time = time ?? TimeProvider.System;
    private readonly Lock _lock = new();
    private readonly List<RecordedStep> _steps = [];
    private readonly List<RunStep> _open = [];
    private readonly List<StepFailed> _failedSteps = [];
    private readonly List<RunWarning> _warnings = [];
    private readonly List<AfterScriptRan> _afterScripts = [];
    private readonly Dictionary<TablePlan, TableCopyResult> _copied = new(ReferenceEqualityComparer.Instance);
    private RunRecord _recorded = new()
    {
        Pipeline = pipeline,
        Started = (time ?? TimeProvider.System).GetUtcNow(),
        Ended = default,
        ExitCode = ExitCode.Success,
        Target = target,
    };

    private RunRecord? _record;

    /// <summary>When the recorder was made: the run's start.</summary>
    public DateTimeOffset Started => _recorded.Started;

    public void OnEvent(RunEvent runEvent)
    {
        if (runEvent is not TableProgress)
        {
            lock (_lock)
            {
                Keep(runEvent);
            }
        }

        observer.OnEvent(runEvent);
    }

    /// <summary>
    /// The record of the run, ended now: succeeded when <paramref name="failure"/> is null, else with its exit code
    /// (<see cref="RunOutcomes.ExitCodeOf"/>), the stage it failed in, its message (<see cref="RunOutcomes.MessageOf"/>:
    /// a known error's message, never a bug's) and problems. Nothing else of the exception is kept: not its inner
    /// exceptions, data or stack. Later calls return the first record.
    /// </summary>
    public RunRecord Finish(Exception? failure = null)
    {
        lock (_lock)
        {
            if (_record is not null)
            {
                return _record;
            }

            var exitCode = RunOutcomes.ExitCodeOf(failure);
            _record = _recorded with
            {
                Ended = _time.GetUtcNow(),
                ExitCode = exitCode,
                Failure = failure is null ? null
                    : new RunFailure(StageOf(exitCode), RunOutcomes.MessageOf(failure), (failure as DevDbSeedException)?.Problems ?? []),
                Copied = [.. _copied.Values.OrderBy(t => t.Table.Table.Name.ToString(), StringComparer.Ordinal)],
                AfterScripts = [.. _afterScripts],
                Steps = [.. _steps],
                Warnings = [.. _warnings],
                Mismatches = (failure as RulesMismatchException)?.Mismatches ?? [],
            };
            return _record;
        }
    }

    private void Keep(RunEvent runEvent)
    {
        switch (runEvent)
        {
            case CommandStarted command:
                _recorded = _recorded with
                {
                    Source = command.Backup is null ? command.Source : null,
                    BackupPath = command.Backup,
                    Target = command.Target ?? _recorded.Target,
                };
                break;
            case RulesLoaded rules:
                _recorded = _recorded with { RulesFiles = rules.Files };
                break;
            case SnapshotOpened snapshot:
                _recorded = _recorded with { SnapshotTakenAt = snapshot.At };
                break;
            case BackupRestoring restoring:
                _recorded = _recorded with { Backup = restoring.Backup };
                break;
            case BackupRestored restored:
                _recorded = _recorded with { Backup = restored.Backup, Restored = restored };
                break;
            case PlanReady ready:
                _recorded = _recorded with { Plan = ready.Plan };
                break;
            case SubsetSelected selected:
                _recorded = _recorded with { Plan = selected.Plan };
                break;
            case TableFinished finished:
                _copied[finished.Result.Table] = finished.Result;
                break;
            case AfterScriptRan ran:
                _afterScripts.Add(ran);
                break;
            case Verified verified:
                _recorded = _recorded with { Verification = verified.Result };
                break;
            case Swapping swapping:
                _recorded = _recorded with { Swap = swapping };
                break;
            case StepStarted started:
                _open.Add(started.Step);
                break;
            case StepFailed failed:
                _failedSteps.Add(failed);
                break;
            case StepFinished finished:
                _open.Remove(finished.Step);
                _steps.Add(new RecordedStep(finished.Step, finished.Elapsed, OutcomeOf(finished.Step)));
                break;
            case RunWarning warning:
                _warnings.Add(warning);
                break;
        }
    }

    /// <summary>A step that ended failed when its <see cref="StepFailed"/> came before, stopped when that was a cancellation.</summary>
    private StepOutcome OutcomeOf(RunStep step) =>
        _failedSteps.LastOrDefault(f => f.Step == step) is not { } failed ? StepOutcome.Succeeded
            : failed.Cancelled ? StepOutcome.Stopped
            : StepOutcome.Failed;

    /// <summary>
    /// The step under way when the run failed: the first that failed of itself (others are then stopped), else the
    /// verification when it found originals (it fails after its step ended), else the first stopped (an interruption),
    /// else one still open. Outside any step: <c>configuration</c> for exit 2, <c>start</c> before the first step
    /// (connecting, the lock), else <c>after_</c> the last step that ended (<c>after_plan</c>).
    /// </summary>
    private string StageOf(ExitCode exitCode)
    {
        if (_failedSteps.FirstOrDefault(f => !f.Cancelled) is { } failed)
        {
            return RunEventJson.StepName(failed.Step);
        }

        if (_recorded.Verification is { Clean: false })
        {
            return RunEventJson.StepName(RunStep.Verify);
        }

        return _failedSteps.Count > 0 ? RunEventJson.StepName(_failedSteps[0].Step)
            : _open.Count > 0 ? RunEventJson.StepName(_open[0])
            : exitCode == ExitCode.InvalidConfiguration ? "configuration"
            : _steps.Count == 0 ? "start"
            : $"after_{RunEventJson.StepName(_steps[^1].Step)}";
    }
}
