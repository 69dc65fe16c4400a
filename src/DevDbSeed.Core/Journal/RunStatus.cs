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

/// <summary>The exit code of an outcome and its <see cref="RunStatus"/>.</summary>
public static class RunOutcomes
{
    /// <summary>The exit code the command line gives for <paramref name="failure"/> (null: success).</summary>
    public static ExitCode ExitCodeOf(Exception? failure) => failure switch
    {
        null => ExitCode.Success,
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
}
