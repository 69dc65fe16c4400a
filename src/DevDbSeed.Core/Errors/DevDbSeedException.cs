namespace DevDbSeed.Errors;

/// <summary>
/// A failure the user can act on: the CLI prints <see cref="Exception.Message"/> (one line naming the problem)
/// and, when there are several problems, one line for each of <see cref="Problems"/>; never a stack trace.
/// Anything else that escapes is a bug and keeps its stack.
/// </summary>
public class DevDbSeedException : Exception
{
    public DevDbSeedException(ExitCode exitCode, string message, IReadOnlyList<string>? problems = null, Exception? inner = null)
        : base(message, inner)
    {
        ExitCode = exitCode;
        Problems = problems ?? [];
    }

    public ExitCode ExitCode { get; }

    /// <summary>Every individual problem, when the message summarises several (e.g. each unclassified column).</summary>
    public IReadOnlyList<string> Problems { get; }
}

/// <summary>Exit 2: the command line, a pipeline file or a rules file is wrong.</summary>
public sealed class ConfigurationException : DevDbSeedException
{
    public ConfigurationException(string message, Exception? inner = null)
        : base(ExitCode.InvalidConfiguration, message, null, inner)
    {
    }

    public ConfigurationException(SourceLocation location, string message, Exception? inner = null)
        : base(ExitCode.InvalidConfiguration, $"{location}: {message}", null, inner)
    {
    }
}

/// <summary>Exit 3: the rules do not fit the source schema. Lists every problem, not just the first.</summary>
public sealed class RulesMismatchException : DevDbSeedException
{
    /// <param name="mismatches">The names among the problems that no rule classifies or that the source does not have, for tools.</param>
    public RulesMismatchException(string message, IReadOnlyList<string> problems, IReadOnlyList<SchemaMismatch>? mismatches = null)
        : base(ExitCode.RulesDoNotFitSchema, message, problems)
    {
        Mismatches = mismatches ?? [];
    }

    /// <summary>Every unclassified column and every table or column the rules name that the source does not have (also in <see cref="DevDbSeedException.Problems"/>, as text).</summary>
    public IReadOnlyList<SchemaMismatch> Mismatches { get; }
}

/// <summary>Exit 1: something failed while running; the target is untouched.</summary>
public sealed class RunFailedException : DevDbSeedException
{
    public RunFailedException(string message, Exception? inner = null)
        : base(ExitCode.RuntimeFailure, message, null, inner)
    {
    }
}
