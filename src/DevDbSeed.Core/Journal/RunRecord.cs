using DevDbSeed.Errors;
using DevDbSeed.Planning;
using DevDbSeed.Rules;
using DevDbSeed.Running;
using DevDbSeed.Verification;

namespace DevDbSeed.Journal;

/// <summary>
/// What a run's events said and how it ended, whatever the outcome: what its summary file and its metrics are written
/// from (<see cref="RunSummaryDocument"/>, <see cref="RunMetrics"/>). Built by <see cref="RunRecorder"/>. Holds no value
/// of a masked column and no secret: connections are described without passwords, verification hits are counts.
/// </summary>
public sealed record RunRecord
{
    /// <summary>The pipeline's name (the metrics' <c>pipeline</c> label).</summary>
    public required string Pipeline { get; init; }

    public required DateTimeOffset Started { get; init; }

    public required DateTimeOffset Ended { get; init; }

    public TimeSpan Duration => Ended - Started;

    public required ExitCode ExitCode { get; init; }

    public RunStatus Status => RunOutcomes.StatusOf(ExitCode);

    /// <summary>Why it failed; null when it succeeded.</summary>
    public RunFailure? Failure { get; init; }

    /// <summary>The live source, without its password (<c>user@host:port/database</c>); null when the run ended before it was known, or it reads a backup.</summary>
    public string? Source { get; init; }

    /// <summary>The backup file the run reads instead of a live source; null for a live source.</summary>
    public string? BackupPath { get; init; }

    /// <summary>The target, without its password; null when it was never known.</summary>
    public string? Target { get; init; }

    /// <summary>When the source's snapshot was taken, by the source server's clock.</summary>
    public DateTimeOffset? SnapshotTakenAt { get; init; }

    /// <summary>The backup read instead of a live source, as found on disk; null for a live source.</summary>
    public BackupFile? Backup { get; init; }

    /// <summary>The backup's restore, once it completed.</summary>
    public BackupRestored? Restored { get; init; }

    /// <summary>The swap, once it began: the previous copy's name and whether there was a target to keep.</summary>
    public Swapping? Swap { get; init; }

    public IReadOnlyList<RulesFileInfo> RulesFiles { get; init; } = [];

    /// <summary>The plan, once it was made.</summary>
    public PipelinePlan? Plan { get; init; }

    /// <summary>The tables copied, each once (its last copy when the uniqueness check copied it again).</summary>
    public IReadOnlyList<TableCopyResult> Copied { get; init; } = [];

    /// <summary>The after scripts that ran and were committed, in order.</summary>
    public IReadOnlyList<AfterScriptRan> AfterScripts { get; init; } = [];

    /// <summary>The leak verification, once it finished.</summary>
    public VerifyResult? Verification { get; init; }

    /// <summary>The steps, in the order they ended.</summary>
    public IReadOnlyList<RecordedStep> Steps { get; init; } = [];

    public IReadOnlyList<RunWarning> Warnings { get; init; } = [];

    /// <summary>On exit 3 from the plan: every unclassified column and every table or column the rules name that the source does not have.</summary>
    public IReadOnlyList<SchemaMismatch> Mismatches { get; init; } = [];

    /// <summary>Whether the replaced target was kept as <see cref="Swapping.Previous"/>: the run swapped, and there was a target.</summary>
    public bool PreviousKept => Status == RunStatus.Succeeded && Swap is { TargetExists: true };

    public long Rows => Copied.Sum(t => t.Rows);

    public long Bytes => Copied.Sum(t => t.Bytes);

    public long MaskedValues => Copied.Sum(t => t.MaskedValues);

    /// <summary>Original values the verification found; null when it did not finish (not checked is not clean).</summary>
    public long? VerificationHits => Verification?.Hits.Sum(h => (long)h.Count);

    /// <summary>Whether the rules were checked against the source's schema: the plan was made, or refused for what does not fit.</summary>
    public bool RulesChecked => Plan is not null || Mismatches.Count > 0;

    /// <summary>Source columns no rule classifies; null when the rules were not checked (<see cref="RulesChecked"/>).</summary>
    public int? UnclassifiedColumns => RulesChecked ? Mismatches.Count(m => m.Kind == MismatchKind.Unclassified) : null;

    /// <summary>Tables and columns the rules name that the source does not have; null when the rules were not checked.</summary>
    public int? StaleRules => RulesChecked ? Mismatches.Count(m => m.Kind == MismatchKind.Stale) : null;

    /// <summary>The target database's name, from the described target (empty when unknown): the metrics' <c>target</c> label.</summary>
    public string TargetDatabase => Target is null ? string.Empty : ConnectionText.Split(Target).Database;
}

/// <summary>Why a run failed.</summary>
/// <param name="Stage">
/// Where: the step under way (<c>plan</c>, <c>rows</c>, <c>post_data</c>, ...); outside any step <c>configuration</c> (exit 2),
/// <c>start</c> before the first step (connecting, the lock), else <c>after_</c> and the last step that ended (<c>after_plan</c>).
/// </param>
/// <param name="Message">The error's one line, as the command line prints it (<see cref="RunOutcomes.MessageOf"/>).</param>
/// <param name="Problems">Each problem, when the message summarises several.</param>
public sealed record RunFailure(string Stage, string Message, IReadOnlyList<string> Problems);

/// <summary>A step that ended, and how.</summary>
public sealed record RecordedStep(RunStep Step, TimeSpan Elapsed, StepOutcome Outcome);

/// <summary>How a step ended.</summary>
public enum StepOutcome
{
    /// <summary>It did its work.</summary>
    Succeeded,

    /// <summary>It failed of itself: the run's failure.</summary>
    Failed,

    /// <summary>It was stopped before it ended: by the caller (Ctrl+C) or by another step's failure.</summary>
    Stopped,
}
