using DevDbSeed.Errors;

namespace DevDbSeed.Journal;

/// <summary>How a run ended, in one word a scheduler or a dashboard can show: a summary of its exit code.</summary>
public enum RunStatus
{
    /// <summary>Exit 0: the new database was swapped in.</summary>
    Succeeded,

    /// <summary>Exit 1 (a runtime failure, or a bug): the target is left as it was.</summary>
    Failed,

    /// <summary>Exit 2 or 3: the configuration or the rules were refused (invalid usage, rules that do not fit, a leak found); the target is left as it was.</summary>
    Refused,

    /// <summary>Exit 130: cancelled (Ctrl+C, SIGTERM, the caller's token); the target is left as it was.</summary>
    Interrupted,
}

/// <summary>The exit code of an outcome, its <see cref="RunStatus"/> and its one line: what the command line and the run's summary both say.</summary>
public static class RunOutcomes
{
    /// <summary>What an interrupted command says, on the command line and in its summary.</summary>
    public const string Interrupted = "interrupted; the target is left as it was";

    /// <summary>
    /// The exit code the command line gives for <paramref name="failure"/> (null: success): 130 when the command was
    /// <paramref name="interrupted"/> (whatever an interrupted operation throws is the interruption) or cancelled, a
    /// <see cref="DevDbSeedException"/>'s own code, and 1 for anything else (a bug).
    /// </summary>
    public static ExitCode ExitCodeOf(Exception? failure, bool interrupted = false) => failure switch
    {
        null => ExitCode.Success,
        _ when interrupted => ExitCode.Interrupted,
        OperationCanceledException => ExitCode.Interrupted,
        DevDbSeedException known => known.ExitCode,
        _ => ExitCode.RuntimeFailure,
    };

    /// <summary>0 succeeded, 1 failed, 2 and 3 refused, 130 interrupted; any other code failed.</summary>
    public static RunStatus StatusOf(ExitCode exitCode) => exitCode switch
    {
        ExitCode.Success => RunStatus.Succeeded,
        ExitCode.InvalidConfiguration or ExitCode.RulesDoNotFitSchema => RunStatus.Refused,
        ExitCode.Interrupted => RunStatus.Interrupted,
        _ => RunStatus.Failed,
    };

    /// <summary>
    /// The failure's line for a summary: a known error's message (one line naming the problem, as the command line prints
    /// it), <see cref="Interrupted"/>, or for a bug only its type: a bug's message is not ours and may quote a value.
    /// </summary>
    public static string MessageOf(Exception failure, bool interrupted = false)
    {
        ArgumentNullException.ThrowIfNull(failure);
        return ExitCodeOf(failure, interrupted) == ExitCode.Interrupted ? Interrupted
            : failure is DevDbSeedException known ? known.Message
            : $"internal error ({failure.GetType().Name}); the command's log has its trace";
    }
}
