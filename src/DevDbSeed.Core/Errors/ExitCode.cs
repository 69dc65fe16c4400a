namespace DevDbSeed.Errors;

/// <summary>The documented exit codes of every devdbseed command.</summary>
public enum ExitCode
{
    /// <summary>The command did what it was asked.</summary>
    Success = 0,

    /// <summary>A runtime failure: a server unreachable, a statement failed. The target is left exactly as it was.</summary>
    RuntimeFailure = 1,

    /// <summary>Invalid usage or configuration: a bad option, malformed YAML, an unknown generator, a missing variable; a snapshot file that is not intact (tampered, truncated).</summary>
    InvalidConfiguration = 2,

    /// <summary>The rules do not fit the source schema: unclassified columns, unknown tables, values that cannot fit; a database to package that is not a masked DevDbSeed copy; <c>rules diff</c>: a change weakens the masking.</summary>
    RulesDoNotFitSchema = 3,

    /// <summary>Interrupted (Ctrl+C or SIGTERM); the target is left exactly as it was.</summary>
    Interrupted = 130,
}
