using DevDbSeed.Planning;
using DevDbSeed.Rules;
using DevDbSeed.Snapshots;
using DevDbSeed.Verification;

namespace DevDbSeed.Running;

/// <summary>
/// Something that happened while a command ran, as data: the command line renders it as a line or in its live display,
/// and anything else (JSON logs, run reports) can render it its own way. Connections are described without passwords;
/// no event carries a value of a masked column or the secret.
/// </summary>
public abstract record RunEvent;

/// <summary>The steps of a run, in order; verify and report use some of them.</summary>
public enum RunStep
{
    /// <summary>Restoring the backup the pipeline reads instead of a live source (source_backup).</summary>
    Restore,

    /// <summary>Reading the source schema in the snapshot and planning.</summary>
    Plan,

    /// <summary>Choosing the rows of a subset (pipeline key <c>subset</c>).</summary>
    Subset,

    /// <summary>Restoring the schema before the rows (pg_dump's pre-data section).</summary>
    Schema,

    /// <summary>Copying the rows, masking on the way.</summary>
    Rows,

    /// <summary>Checking the unique masked columns of the new database, repairing collisions.</summary>
    Uniqueness,

    /// <summary>Taking over the sequences' positions.</summary>
    Sequences,

    /// <summary>Indexes, constraints, triggers, materialized views (pg_dump's post-data section).</summary>
    PostData,

    /// <summary>Running the pipeline's SQL files in the new database (pipeline key <c>after</c>), before it is verified.</summary>
    AfterScripts,

    /// <summary>Proving that no original value reached the database.</summary>
    Verify,

    /// <summary>Renaming the new database into place.</summary>
    Swap,

    /// <summary>Packaging the database swapped in as a snapshot file (pipeline key <c>snapshot</c>).</summary>
    Snapshot,

    /// <summary>Sampling the source's content (report).</summary>
    Sample,
}

/// <summary>A command began on <paramref name="Source"/> (and <paramref name="Target"/>).</summary>
/// <param name="Source">The source as the command names it: <c>user@host:port/database</c>, or <c>backup /path/file.dump</c>.</param>
/// <param name="Target">The target, <c>user@host:port/database</c>; null for commands without one.</param>
/// <param name="Backup">The backup file read instead of a live source (the path given or its glob's newest match); null for a live source.</param>
public sealed record CommandStarted(string Source, string? Target, string? Backup = null) : RunEvent;

/// <summary>A step began.</summary>
public sealed record StepStarted(RunStep Step) : RunEvent;

/// <summary>A step ended (successfully or not) after <paramref name="Elapsed"/>.</summary>
public sealed record StepFinished(RunStep Step, TimeSpan Elapsed) : RunEvent;

/// <summary>A step failed (just before its <see cref="StepFinished"/>); <paramref name="Cancelled"/>: it was stopped, by the caller or by another step's failure.</summary>
public sealed record StepFailed(RunStep Step, bool Cancelled) : RunEvent;

/// <summary>The rules were read: the files and the SHA-256 of each (what a run's summary records).</summary>
public sealed record RulesLoaded(IReadOnlyList<RulesFileInfo> Files) : RunEvent;

/// <summary>The plan is ready: every table and column and what happens to it.</summary>
public sealed record PlanReady(PipelinePlan Plan) : RunEvent;

/// <summary>The subset's rows were chosen (<see cref="PipelinePlan.Subset"/>): what each table takes.</summary>
public sealed record SubsetSelected(PipelinePlan Plan) : RunEvent
{
    public Subsetting.SubsetSelection Selection => Plan.Subset!;
}

/// <summary>The new database <paramref name="Database"/> was created; its schema is restored with pg_dump <paramref name="PgDumpVersion"/>.</summary>
public sealed record SchemaRestoring(string Database, int PgDumpVersion) : RunEvent;

/// <summary>The copy of <paramref name="Tables"/> tables began on <paramref name="Jobs"/> workers.</summary>
public sealed record CopyStarted(int Tables, int Jobs) : RunEvent;

/// <summary>A table's copy began (its first slice).</summary>
public sealed record TableStarted(TablePlan Table) : RunEvent;

/// <summary>A table's rows and source bytes so far; frequent, observers keep it cheap.</summary>
public sealed record TableProgress(TablePlan Table, long Rows, long Bytes) : RunEvent;

/// <summary>A table was copied (its last slice, then ANALYZE).</summary>
public sealed record TableFinished(TableCopyResult Result) : RunEvent;

/// <summary>Indexes, constraints and triggers are being built; the new database is verified meanwhile when <paramref name="Verifying"/>.</summary>
public sealed record PostDataStarted(bool Verifying) : RunEvent;

/// <summary>
/// An after script ran in the new database and was committed: <paramref name="Path"/> as the pipeline names it, its
/// <paramref name="Statements"/>, in <paramref name="Elapsed"/>.
/// </summary>
public sealed record AfterScriptRan(string Path, int Statements, TimeSpan Elapsed) : RunEvent;

/// <summary>The after scripts a run would execute in the new database, in order, read and split (<c>check</c> lists them).</summary>
public sealed record AfterScriptsReady(IReadOnlyList<AfterScriptInfo> Scripts) : RunEvent;

/// <summary>An after script as <c>check</c> lists it: its path as the pipeline names it and how many statements it holds.</summary>
public sealed record AfterScriptInfo(string Path, int Statements);

/// <summary>A verification finished (it may have found leaks).</summary>
public sealed record Verified(VerifyResult Result) : RunEvent;

/// <summary>The new database is renamed to <paramref name="Target"/>; an existing target becomes <paramref name="Previous"/>.</summary>
public sealed record Swapping(string Target, string Previous, bool TargetExists) : RunEvent;

/// <summary>Up to <paramref name="Rows"/> rows per table are sampled to look for personal data in what the rules keep.</summary>
public sealed record SamplingStarted(int Rows) : RunEvent;

/// <summary>The sample database is being created in <paramref name="Target"/>.</summary>
public sealed record SampleStarted(string Target, int Users, int Courses, int Connections) : RunEvent;

/// <summary>Tables of the sample database were filled, <paramref name="Elapsed"/> after it began.</summary>
public sealed record SampleTablesFilled(IReadOnlyList<string> Tables, TimeSpan Elapsed) : RunEvent;

/// <summary><c>rules init</c> read <paramref name="Tables"/> tables and <paramref name="SampledRows"/> sampled rows of <paramref name="Source"/>.</summary>
public sealed record SourceClassified(string Source, int Tables, long SampledRows) : RunEvent;

/// <summary><c>rules init --update</c> added these tables and columns to the rules file (none: it covered everything).</summary>
public sealed record RulesUpdated(IReadOnlyList<string> Added) : RunEvent;

/// <summary>The source's snapshot was taken at <paramref name="At"/> (the source server's clock): the rows are as they were then.</summary>
public sealed record SnapshotOpened(string Source, DateTimeOffset At) : RunEvent;

/// <summary>A <c>pg_dump</c> archive the pipeline reads instead of a live source, as found on disk.</summary>
/// <param name="Path">The file (or directory, for the directory format).</param>
/// <param name="Format">custom, directory or tar.</param>
/// <param name="Bytes">Its size (a directory archive: the sum of its files).</param>
/// <param name="Sha256">The SHA-256 of its bytes (a directory archive: of its files' names and bytes, in name order), lower-case hex.</param>
/// <param name="Created">When it was created (its birth time where the file system keeps one, else its change time).</param>
/// <param name="Modified">When it was last written.</param>
public sealed record BackupFile(string Path, string Format, long Bytes, string Sha256, DateTimeOffset Created, DateTimeOffset Modified);

/// <summary><paramref name="Backup"/> is being restored into the scratch database <paramref name="Database"/> with <paramref name="Jobs"/> jobs.</summary>
public sealed record BackupRestoring(BackupFile Backup, string Database, int Jobs) : RunEvent;

/// <summary><paramref name="Backup"/> was restored: <paramref name="Tables"/> tables holding <paramref name="Rows"/> rows, in <paramref name="Elapsed"/>.</summary>
public sealed record BackupRestored(BackupFile Backup, string Database, int Tables, long Rows, TimeSpan Elapsed) : RunEvent;

/// <summary><c>rollback</c> swapped <paramref name="Previous"/> back in as <paramref name="Target"/>; the replaced target is now <paramref name="Previous"/>.</summary>
public sealed record RolledBack(string Target, string Previous, bool TargetExisted) : RunEvent;

/// <summary>The database a run swapped in was packaged as the snapshot file <paramref name="Path"/> (<paramref name="Bytes"/> bytes, <paramref name="Rows"/> rows).</summary>
public sealed record SnapshotWritten(string Path, long Bytes, long Rows) : RunEvent;

/// <summary>The snapshot file at <paramref name="Url"/> (as <see cref="SnapshotLocation.Display"/> shows it) began to download; <paramref name="Bytes"/>: its size, when the server gives it.</summary>
public sealed record DownloadStarted(string Url, long? Bytes) : RunEvent;

/// <summary><paramref name="Bytes"/> of the snapshot at <paramref name="Url"/> are downloaded (of <paramref name="Total"/>, when known); a few times a second at most.</summary>
public sealed record DownloadProgress(string Url, long Bytes, long? Total) : RunEvent;

/// <summary>The snapshot at <paramref name="Url"/> was downloaded whole: <paramref name="Bytes"/> bytes in <paramref name="Elapsed"/>.</summary>
public sealed record DownloadFinished(string Url, long Bytes, TimeSpan Elapsed) : RunEvent;

/// <summary>
/// The snapshot <paramref name="File"/> is intact: its manifest and every part match their SHA-256 (<paramref name="Bytes"/>
/// bytes of parts, <paramref name="Tables"/> tables, <paramref name="Rows"/> rows); what was found of its signature, and the
/// key that signed it (<see cref="SnapshotKey.Sha256"/>, null when unsigned).
/// </summary>
public sealed record SnapshotChecked(string File, long Bytes, int Tables, long Rows, SignatureCheck Signature, string? KeySha256) : RunEvent;

/// <summary>The snapshot's manifest was signed with the private key in <paramref name="KeyPath"/>, whose public key's SHA-256 is <paramref name="KeySha256"/>.</summary>
public sealed record SnapshotSigned(string KeyPath, string KeySha256) : RunEvent;

/// <summary>The checked snapshot is being restored into the new database <paramref name="Database"/> with <paramref name="Jobs"/> pg_restore jobs.</summary>
public sealed record SnapshotRestoring(string Database, int Jobs) : RunEvent;
