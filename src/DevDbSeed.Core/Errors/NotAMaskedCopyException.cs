namespace DevDbSeed.Errors;

/// <summary>
/// Exit 3: the database is not a masked DevDbSeed copy (it holds no <see cref="Snapshots.MaskedCopyMark"/>), so it is
/// not packaged: production can never become a snapshot by mistake.
/// </summary>
public sealed class NotAMaskedCopyException : DevDbSeedException
{
    public NotAMaskedCopyException(string message)
        : base(ExitCode.RulesDoNotFitSchema, message)
    {
    }
}
