using DevDbSeed.Errors;
using DevDbSeed.Planning;
using DevDbSeed.Postgres.Connections;
using DevDbSeed.Postgres.Discovery;
using DevDbSeed.Postgres.Pipeline;
using DevDbSeed.Postgres.Reporting;
using DevDbSeed.Postgres.Sample;
using DevDbSeed.Postgres.Snapshots;
using DevDbSeed.Postgres.Target;
using DevDbSeed.Reporting;
using DevDbSeed.Running;
using DevDbSeed.Snapshots;
using DevDbSeed.Verification;
using Npgsql;

namespace DevDbSeed;

/// <summary>
/// DevDbSeed from .NET: the devdbseed commands <c>run</c>, <c>rollback</c>, <c>check</c>, <c>verify</c>, <c>report</c>, <c>rules init</c>,
/// <c>sample create</c>, <c>snapshot create</c> and <c>snapshot restore</c>, one method each, which the command line itself calls. Failures are the command line's: a
/// <see cref="DevDbSeedException"/> whose <see cref="DevDbSeedException.ExitCode"/> is the command's exit code
/// (<see cref="ConfigurationException"/> 2, <see cref="RulesMismatchException"/> 3, <see cref="RunFailedException"/> 1, a
/// database error included), and an <see cref="OperationCanceledException"/> when the token is cancelled (the command's
/// 130), after cleaning up. The source is only ever read; only <see cref="RunAsync"/>, <see cref="RollbackAsync"/> and
/// <see cref="RestoreSnapshotAsync"/> write to a database, and only to the target. With <see cref="PipelineOptions.SourceBackup"/>, each method that reads the source first
/// restores the backup into a scratch database on <see cref="PipelineOptions.RestoreServer"/> (or the target's server)
/// and drops it before it returns or throws.
/// Each method takes an optional <see cref="IRunObserver"/> that hears what happens as it goes (<see cref="RunEvent"/>).
/// </summary>
public static class Seeder
{
    /// <summary>
    /// Copies the source into a new database, masking on the way, runs <see cref="PipelineOptions.AfterScripts"/> in it,
    /// proves that no original value reached it, and swaps it in for the target (the old one kept as
    /// <c>&lt;target&gt;_previous</c>). Any failure or cancellation leaves the target exactly as it was.
    /// </summary>
    /// <param name="options">
    /// The pipeline; <see cref="PipelineOptions.Target"/> is required. When the run ends, whatever the outcome, its
    /// summary is written to <see cref="PipelineOptions.SummaryFile"/> and its metrics to <see cref="PipelineOptions.MetricsFile"/>
    /// (when set; a file that cannot be written is a <see cref="RunFileNotWritten"/> warning, the outcome stays).
    /// </param>
    /// <param name="observer">Hears the steps, per-table progress and warnings; null: nothing is reported (the summary still lists the warnings).</param>
    /// <param name="cancellationToken">Stops the run; the half-built database is dropped.</param>
    public static Task<RunSummary> RunAsync(PipelineOptions options, IRunObserver? observer = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        return RecordedRun.RunAsync(options, observer ?? SilentObserver.Instance, recorder =>
            GuardAsync(options, PipelineOptions.RunOperation, needsTarget: true, run => new PipelineRunner(run, recorder).RunAsync(cancellationToken), cancellationToken));
    }

    /// <summary>
    /// Undoes the last run: swaps <c>&lt;target&gt;_previous</c> back in for the target in one transaction, the replaced
    /// target becoming <c>&lt;target&gt;_previous</c>, so that a second rollback undoes the first (without a target, the
    /// previous copy simply becomes it). Takes the lock a run takes, and treats clients connected to either database as a
    /// run's swap does (<see cref="PipelineOptions.TerminateConnections"/>). Only the target is needed: source, rules and
    /// secret are not read. No previous copy, or a run under way: a <see cref="RunFailedException"/>, and nothing changed.
    /// </summary>
    /// <param name="options">The pipeline; only <see cref="PipelineOptions.Target"/> and <see cref="PipelineOptions.TerminateConnections"/> are used.</param>
    /// <param name="observer">Hears the <see cref="RolledBack"/> event; null: nothing is reported.</param>
    /// <param name="cancellationToken">Stops the rollback before its renames commit: the target is then left as it was.</param>
    /// <returns>What was swapped: the target, its previous copy's name, and whether there was a target to keep as the previous copy.</returns>
    public static Task<RolledBack> RollbackAsync(PipelineOptions options, IRunObserver? observer = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        return GuardAsync(() => DatabaseRollback.RollbackAsync(options.ResolveTarget("rollback"), options.TerminateConnections,
            observer ?? SilentObserver.Instance, cancellationToken), cancellationToken);
    }

    /// <summary>
    /// Reads the source schema in a read-only snapshot and plans the pipeline: what a run would do with each table
    /// and column (<see cref="PlanDocument"/> writes it as JSON), and the after scripts it would run (read and checked; the
    /// observer hears them as <see cref="AfterScriptsReady"/>). Writes nothing anywhere; no target needed. Rules that do
    /// not fit the schema are a <see cref="RulesMismatchException"/>.
    /// </summary>
    public static Task<PipelinePlan> CheckAsync(PipelineOptions options, IRunObserver? observer = null, CancellationToken cancellationToken = default) =>
        GuardAsync(options, PipelineOptions.CheckOperation, needsTarget: false, run => PipelineChecker.CheckAsync(run, observer ?? SilentObserver.Instance, cancellationToken), cancellationToken);

    /// <summary>
    /// The run's leak verification against an existing target: counts of original values of masked columns found
    /// in it, never the values. Reads only. The result is returned whatever it found: fail with
    /// <c>result.ThrowIfLeaking(...)</c> (a <see cref="RulesMismatchException"/>, as <c>devdbseed verify</c> exits 3).
    /// </summary>
    public static Task<VerifyResult> VerifyAsync(PipelineOptions options, IRunObserver? observer = null, CancellationToken cancellationToken = default) =>
        GuardAsync(options, "verify", needsTarget: true, run => PipelineVerifier.VerifyAsync(run, observer ?? SilentObserver.Instance, cancellationToken), cancellationToken);

    /// <summary>
    /// The reviewer's view of the rules against the source schema, with a content scan of up to
    /// <paramref name="sampleRows"/> rows per table (0 to <see cref="RulesInitOptions.MaxSampleRows"/>). Reads only.
    /// Render it with <see cref="ReportRenderer.Render"/> (md, html, json).
    /// </summary>
    public static Task<ReviewReport> ReportAsync(PipelineOptions options, int sampleRows = RulesInitOptions.DefaultSampleRows, IRunObserver? observer = null,
        CancellationToken cancellationToken = default) =>
        GuardAsync(options, "report", needsTarget: false, run =>
        {
            SettingChecks.InRange(sampleRows, 0, RulesInitOptions.MaxSampleRows, nameof(sampleRows));
            return ReportBuilder.BuildAsync(run, sampleRows, observer ?? SilentObserver.Instance, cancellationToken);
        }, cancellationToken);

    /// <summary>
    /// A complete rules file for the source, every table and column classified by name, type and a sample of its
    /// content, with a comment saying why; or, with <see cref="RulesInitOptions.UpdateFile"/>, that file's text with
    /// what it does not cover added. Returns the YAML text and writes nothing. Review it before trusting it.
    /// </summary>
    public static Task<string> InitRulesAsync(RulesInitOptions options, IRunObserver? observer = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        return GuardAsync(() =>
        {
            SettingChecks.Required(options.Source, $"{nameof(RulesInitOptions)}.{nameof(RulesInitOptions.Source)}");
            SettingChecks.InRange(options.SampleRows, 0, RulesInitOptions.MaxSampleRows, $"{nameof(RulesInitOptions)}.{nameof(RulesInitOptions.SampleRows)}");
            return RulesInit.RunAsync(ConnectionSettings.Parse(options.Source, "source"), options.SampleRows,
                string.IsNullOrEmpty(options.UpdateFile) ? null : options.UpdateFile, observer ?? SilentObserver.Instance, cancellationToken);
        }, cancellationToken);
    }

    /// <summary>Creates the Vibe Code Academy sample "production" database (users, courses, enrolments, lesson progress, payments, ...).</summary>
    public static Task<SampleSummary> CreateSampleAsync(SampleOptions options, IRunObserver? observer = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        return GuardAsync(() =>
        {
            SettingChecks.Required(options.Target, $"{nameof(SampleOptions)}.{nameof(SampleOptions.Target)}");
            SettingChecks.InRange(options.Users, 1, SampleOptions.MaxUsers, $"{nameof(SampleOptions)}.{nameof(SampleOptions.Users)}");
            return SampleDatabase.CreateAsync(ConnectionSettings.Parse(options.Target, "target"), options.Users, options.Replace,
                observer ?? SilentObserver.Instance, cancellationToken);
        }, cancellationToken);
    }

    /// <summary>
    /// Packages a masked copy as one snapshot file: a tar holding <c>manifest.json</c> (<see cref="SnapshotManifest"/>: versions,
    /// the database's <see cref="MaskedCopyMark"/>, row counts, the SHA-256 of every part), with <see cref="SnapshotCreateOptions.SignKey"/>
    /// its ECDSA P-256 signature (<see cref="SnapshotKey"/>), and <c>data.dump</c> (pg_dump's custom format of the same snapshot).
    /// Only reads the database. A database without the mark is a <see cref="NotAMaskedCopyException"/> (exit 3): production can
    /// never be packaged by mistake; a signing key that cannot be read or is not P-256 is a <see cref="ConfigurationException"/>
    /// (exit 2) before the database is read. Any failure or cancellation leaves no file.
    /// </summary>
    /// <param name="options">The database, the file to write and the key to sign it with.</param>
    /// <param name="observer">Hears <see cref="SnapshotSigned"/> when the file is signed; null: nothing is reported.</param>
    /// <param name="cancellationToken">Stops pg_dump; the output is left as it was.</param>
    /// <returns>The manifest written.</returns>
    public static Task<SnapshotManifest> CreateSnapshotAsync(SnapshotCreateOptions options, IRunObserver? observer = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        return GuardAsync(() =>
        {
            SettingChecks.Required(options.From, $"{nameof(SnapshotCreateOptions)}.{nameof(SnapshotCreateOptions.From)}");
            SettingChecks.Required(options.Output, $"{nameof(SnapshotCreateOptions)}.{nameof(SnapshotCreateOptions.Output)}");
            return SnapshotCreator.CreateAsync(ConnectionSettings.Parse(options.From, "database to package"), options.Output, PgBin(options.PgBin),
                string.IsNullOrEmpty(options.SignKey) ? null : options.SignKey, observer ?? SilentObserver.Instance, cancellationToken);
        }, cancellationToken);
    }

    /// <summary>
    /// Restores a snapshot file, or one downloaded from an http(s) URL, over the target: checks every part's size and SHA-256
    /// against the manifest, and with <see cref="SnapshotRestoreOptions.VerifyKey"/> the manifest's signature, before anything is
    /// created (a tampered, truncated or unsigned-when-a-key-is-given file is a <see cref="ConfigurationException"/>, exit 2), restores
    /// it with <c>pg_restore --jobs</c> into a new database, marks it with the manifest's <see cref="MaskedCopyMark"/>, and swaps it in
    /// like <see cref="RunAsync"/> (the old target kept as <c>&lt;target&gt;_previous</c>, the same lock, the same rule for connected
    /// clients). A download that fails (an error status, a server that cannot be reached, a body cut short) is a
    /// <see cref="RunFailedException"/> (exit 1). Any failure or cancellation leaves the target exactly as it was and deletes every
    /// temporary file. Needs no source.
    /// </summary>
    /// <param name="options">The file or URL, the target, the key and how to restore.</param>
    /// <param name="observer">
    /// Hears the download's progress (<see cref="DownloadStarted"/>, <see cref="DownloadProgress"/>, <see cref="DownloadFinished"/>), the
    /// check (<see cref="SnapshotChecked"/>, with what was found of the signature), the restore and the swap, and warnings (a leftover
    /// database dropped, a locale not available); null: nothing is reported.
    /// </param>
    /// <param name="cancellationToken">Stops the download or the restore; the new database is dropped.</param>
    /// <returns>The restored snapshot's manifest.</returns>
    public static Task<SnapshotManifest> RestoreSnapshotAsync(SnapshotRestoreOptions options, IRunObserver? observer = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        return GuardAsync(() =>
        {
            SettingChecks.Required(options.File, $"{nameof(SnapshotRestoreOptions)}.{nameof(SnapshotRestoreOptions.File)}");
            SettingChecks.Required(options.Target, $"{nameof(SnapshotRestoreOptions)}.{nameof(SnapshotRestoreOptions.Target)}");
            SettingChecks.InRange(options.Jobs, 1, SnapshotRestoreOptions.MaxJobs, $"{nameof(SnapshotRestoreOptions)}.{nameof(SnapshotRestoreOptions.Jobs)}");
            return SnapshotRestorer.RestoreAsync(options with { VerifyKey = string.IsNullOrEmpty(options.VerifyKey) ? null : options.VerifyKey },
                ConnectionSettings.Parse(options.Target, "target"), PgBin(options.PgBin), observer ?? SilentObserver.Instance, cancellationToken);
        }, cancellationToken);
    }

    /// <summary>Validates and resolves the options (<see cref="PipelineOptions.Resolve"/>) inside the returned task, then runs the command.</summary>
    private static Task<T> GuardAsync<T>(PipelineOptions options, string operation, bool needsTarget, Func<RunOptions, Task<T>> command,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        return GuardAsync(() => command(options.Resolve(operation, needsTarget)), cancellationToken);
    }

    /// <summary>
    /// The library's edge: once the token is cancelled, whatever the operation throws is the cancellation (as on the
    /// command line, where Ctrl+C is exit 130 whatever was under way, a leak found meanwhile included); a database
    /// error or a COPY stream that is not what it should be is a runtime failure (exit 1), with one line and no stack.
    /// </summary>
    private static async Task<T> GuardAsync<T>(Func<Task<T>> command, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        try
        {
            return await command();
        }
        catch (Exception e) when (cancellationToken.IsCancellationRequested && e is not OperationCanceledException)
        {
            throw new OperationCanceledException("cancelled; the target is left as it was", e, cancellationToken);
        }
        catch (Exception e) when (e is NpgsqlException or InvalidDataException)
        {
            throw new RunFailedException(Sessions.Describe(e), e);
        }
    }

    private static string? PgBin(string? pgBin) => string.IsNullOrEmpty(pgBin) ? Environment.GetEnvironmentVariable("DEVDBSEED_PG_BIN") : pgBin;
}
