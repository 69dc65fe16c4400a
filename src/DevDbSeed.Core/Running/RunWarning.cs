namespace DevDbSeed.Running;

/// <summary>Something the user should know that does not stop the command.</summary>
public abstract record RunWarning : RunEvent;

/// <summary>Why a command has no secret.</summary>
public enum MissingSecret
{
    /// <summary>The pipeline (or the options) set none.</summary>
    NotSet,

    /// <summary>It is set, and empty.</summary>
    Empty,

    /// <summary>It names an environment variable that is not set.</summary>
    VariableNotSet,
}

/// <summary>Masking with a random key for this run: fakes differ from every other run's.</summary>
/// <param name="Why">Why there is no secret.</param>
/// <param name="Variable">The variable that is not set, for <see cref="MissingSecret.VariableNotSet"/>.</param>
public sealed record RandomKeyUsed(MissingSecret Why, string? Variable = null) : RunWarning;

/// <summary>Verifying without the run's secret: a value its rule kept cannot be told from another value's fake.</summary>
public sealed record VerifyingWithoutSecret : RunWarning;

/// <summary>The target server cannot create a database with the source's locale: the server's default is used with the source's encoding.</summary>
public sealed record LocaleNotAvailable(string Encoding, string ServerMessage) : RunWarning;

/// <summary>A database left half-built by an interrupted run is dropped.</summary>
public sealed record AbandonedDatabaseDropped(string Database) : RunWarning;

/// <summary>Distinct originals of a unique column got the same masked value: they are repaired and their tables copied again.</summary>
public sealed record UniqueCollisionRepaired(string Column, int SharedValues) : RunWarning;

/// <summary>A failed run could not drop its half-built database.</summary>
public sealed record HalfBuiltDatabaseLeft(string Database, string Error) : RunWarning;

/// <summary><c>rules init --update</c> found what a person should review (a table kept whole that seems to hold personal data).</summary>
public sealed record RulesNeedReview(string Message) : RunWarning;

/// <summary>A run's summary or metrics file (<paramref name="Path"/>) could not be written; the run's outcome is unchanged.</summary>
public sealed record RunFileNotWritten(string Path, string Error) : RunWarning;

/// <summary>A scratch restore of a backup that an interrupted command left (it holds the backup's real data) is dropped.</summary>
public sealed record AbandonedScratchDropped(string Database) : RunWarning;

/// <summary>A replaced previous copy that a run interrupted between its swap and the copy's drop left is dropped.</summary>
public sealed record AbandonedPreviousCopyDropped(string Database) : RunWarning;

/// <summary>
/// A database an interrupted command left is kept because sessions are connected to it: it may hold
/// unmasked data (a scratch restore holds the backup's), and stays until someone drops it or a later run finds it free.
/// </summary>
public sealed record LeftoverDatabaseInUse(string Database, int Sessions) : RunWarning;

/// <summary>A command could not drop the scratch restore of its backup, which holds the backup's real data.</summary>
public sealed record ScratchDatabaseLeft(string Database, string Error) : RunWarning;
