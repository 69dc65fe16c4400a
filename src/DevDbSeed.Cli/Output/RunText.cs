using System.Globalization;
using DevDbSeed.Planning;
using DevDbSeed.Running;
using DevDbSeed.Snapshots;
using DevDbSeed.Subsetting;
using DevDbSeed.Verification;

namespace DevDbSeed.Cli.Output;

/// <summary>
/// The wording of a run's lines, shared by the plain lines and the live display so that both say the same thing.
/// Nightly job logs, CI and the integration tests parse the plain lines: change nothing here lightly.
/// </summary>
internal static class RunText
{
    public const string RandomKeyWarning = "this run masked with a random key: its fakes differ from every other run's";

    /// <summary>A run's verification when it follows after scripts (otherwise the post-data line says it).</summary>
    public const string VerifyingAfterScripts = "verifying that no original value reached the new database, what the after scripts wrote included";

    /// <summary><c>[mm:ss]</c>, the time since the run began.</summary>
    public static string Stamp(TimeSpan elapsed) => "[" + elapsed.ToString(@"mm\:ss", CultureInfo.InvariantCulture) + "]";

    /// <summary>The line of an event that is a step of its own (null for events shown otherwise, or not at all).</summary>
    public static string? Line(RunEvent runEvent) => runEvent switch
    {
        CommandStarted { Target: null } started => $"source {started.Source}",
        CommandStarted started => $"source {started.Source}, target {started.Target}",
        StepStarted { Step: RunStep.Plan } => "reading the source schema",
        SnapshotOpened snapshot => $"snapshot of {snapshot.Source} taken at {snapshot.At.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)} UTC",
        BackupRestoring restoring => $"restoring {restoring.Backup.Path} ({restoring.Backup.Format}, {Megabytes(restoring.Backup.Bytes)}, sha256 {restoring.Backup.Sha256[..12]}) into {restoring.Database} with {restoring.Jobs} jobs",
        BackupRestored restored => $"restored {restored.Tables} tables, {Number(restored.Rows)} rows in {Seconds(restored.Elapsed)}: the backup restores",
        StepStarted { Step: RunStep.Snapshot } => "packaging the new database as a snapshot file",
        SubsetSelected selected => Subset(selected.Plan),
        SnapshotWritten written => $"snapshot written: {written.Path} ({Megabytes(written.Bytes)}, {Number(written.Rows)} rows)",
        DownloadStarted { Bytes: { } bytes } started => $"downloading {started.Url} ({Megabytes(bytes)})",
        DownloadStarted started => $"downloading {started.Url} (the server does not say its size)",
        DownloadFinished finished => $"downloaded {Megabytes(finished.Bytes)} in {Seconds(finished.Elapsed)}",
        SnapshotChecked snapshot => $"checked {snapshot.File}: manifest and {Megabytes(snapshot.Bytes)} of data intact ({snapshot.Tables} tables, "
            + $"{Number(snapshot.Rows)} rows); {Signature(snapshot.Signature, snapshot.KeySha256)}",
        SnapshotSigned signed => $"manifest signed with {signed.KeyPath} ({SnapshotKey.Algorithm}, key {SnapshotKey.ShortName(signed.KeySha256)})",
        SnapshotRestoring restoring => $"restoring the snapshot into {restoring.Database} with {restoring.Jobs} jobs",
        RolledBack { TargetExisted: true } back => $"rolled back: {back.Target} is the previous copy again; the replaced one is now {back.Previous}",
        RolledBack back => $"rolled back: {back.Target} is the previous copy again",
        StepStarted { Step: RunStep.Verify } => "verifying that no original value of a masked column is in the target",
        SchemaRestoring schema => $"building {schema.Database}: schema (pg_dump {schema.PgDumpVersion})",
        CopyStarted copy => $"copying {copy.Tables} tables with {copy.Jobs} jobs",
        PostDataStarted { Verifying: true } => "building indexes, constraints and triggers, refreshing materialized views; verifying that no original value reached the new database",
        PostDataStarted => "building indexes, constraints and triggers; refreshing materialized views",
        StepStarted { Step: RunStep.AfterScripts } => "running the after scripts in the new database",
        AfterScriptRan ran => $"after: {ran.Path} ran in {Seconds(ran.Elapsed)}",
        AfterScriptsReady ready => "after scripts, run in this order in the new database after post-data and before verification: "
            + string.Join(", ", ready.Scripts.Select(s => $"{s.Path} ({s.Statements} statement{(s.Statements == 1 ? string.Empty : "s")})")),
        Swapping { TargetExists: true } swap => $"swapping in the new {swap.Target} (the old one becomes {swap.Previous})",
        Swapping swap => $"renaming the new database to {swap.Target}",
        SamplingStarted sampling => $"sampling up to {sampling.Rows} rows per table to look for personal data in what the rules keep",
        SourceClassified classified => $"rules init: {classified.Tables} tables and {classified.SampledRows} sampled rows of {classified.Source}",
        RulesUpdated { Added.Count: 0 } => "rules init --update: nothing to add, the file covers every table and column",
        RulesUpdated updated => $"rules init --update: added {string.Join(", ", updated.Added)}",
        SampleStarted sample => $"creating the Vibe Code Academy sample in {sample.Target}: {Number(sample.Users)} users, {Number(sample.Courses)} courses, {sample.Connections} connections",
        SampleTablesFilled filled => $"  {And(filled.Tables)} in {Seconds(filled.Elapsed)}",
        _ => null,
    };

    /// <summary>What a warning says.</summary>
    public static string Warning(RunWarning warning) => warning switch
    {
        RandomKeyUsed random => $"{Why(random)}: masking with a random key for this run, so fakes will differ from the previous run",
        VerifyingWithoutSecret => "without the run's secret, verify cannot tell a value its rule kept from another value's fake: only other columns are judged reliably",
        LocaleNotAvailable locale => $"the target server cannot create a database with the source's locale ({locale.ServerMessage}); using encoding {locale.Encoding} with the server's default locale",
        AbandonedDatabaseDropped dropped => $"dropping {dropped.Database}, left half-built by an interrupted run",
        UniqueCollisionRepaired repaired => $"{repaired.Column}: {repaired.SharedValues} masked value(s) shared by distinct originals; repairing",
        HalfBuiltDatabaseLeft left => $"could not drop the half-built database {left.Database}: {left.Error}",
        RulesNeedReview review => review.Message,
        RunFileNotWritten file => $"could not write {file.Path}: {file.Error}",
        AbandonedScratchDropped dropped => $"dropping {dropped.Database}, a scratch restore left by an interrupted run",
        AbandonedPreviousCopyDropped dropped => $"dropping {dropped.Database}, a replaced previous copy left by an interrupted run",
        LeftoverDatabaseInUse kept => $"keeping {kept.Database}, left by an interrupted run, because {kept.Sessions} session(s) are connected to it: it may hold unmasked data, drop it once they are gone",
        ScratchDatabaseLeft left => $"could not drop the scratch database {left.Database}, which holds the backup's unmasked data: {left.Error}; drop it by hand (the next run of this target drops it too)",
        _ => warning.ToString(),
    };

    /// <summary>The last line of <c>sample create</c>.</summary>
    public static string SampleReady(SampleSummary sample) => $"sample ready: {sample.Database} with {Number(sample.Rows)} rows in {Seconds(sample.Elapsed)}";

    public static string Plan(PipelinePlan plan)
    {
        return $"plan: {plan.RuleTables.Count} tables ({plan.CountOf(CopyMode.Masked)} masked, {plan.CountOf(CopyMode.Passthrough)} copied as they are, "
            + $"{plan.CountOf(CopyMode.Emptied)} emptied), {plan.MaskedColumnCount} masked columns";
    }

    /// <summary>What a subset chose: its rows, its tables by role, and how long its walk took.</summary>
    public static string Subset(PipelinePlan plan)
    {
        var tables = plan.Subset!.Tables(plan);
        int Count(SubsetRole role) => tables.Count(t => t.Role == role);
        var byKey = tables.Where(t => t.Estimated).Sum(t => t.Rows);
        return $"subset: {Number(tables.Where(t => t.Exact).Sum(t => t.Rows))} rows chosen{(byKey > 0 ? $" and ~{Number(byKey)} to find by key as they are copied" : string.Empty)} "
            + $"in {Count(SubsetRole.Start)} start and {Count(SubsetRole.Reached)} reached tables "
            + $"({Count(SubsetRole.Whole)} copied whole, {Count(SubsetRole.Emptied)} emptied), {Number(plan.Subset.Queries)} queries in {Seconds(plan.Subset.Elapsed)}";
    }

    /// <summary>One table of a subset, for <c>check</c>: its role and the rows it takes.</summary>
    public static string SubsetTable(SubsetTableRows table)
    {
        var rows = table.Exact ? $"{Number(table.Rows)} of ~{Number(table.SourceRows)} rows"
            : table.Role == SubsetRole.Emptied ? "no rows"
            : table.Role == SubsetRole.Whole ? $"~{Number(table.Rows)} rows"
            : $"~{Number(table.Rows)} of ~{Number(table.SourceRows)} rows";
        var role = table.Role switch
        {
            SubsetRole.Start => $"start ({table.Selection})",
            SubsetRole.Reached => "reached from a start table",
            SubsetRole.Whole => "copied whole",
            _ => "emptied",
        };
        return $"  {table.Table,-40} {rows,-28} {role}";
    }

    /// <summary>A long table's progress (indented under the step that copies it).</summary>
    public static string TableProgress(TablePlan table, long rows, long bytes) => $"  {table.Table.Name}: {Number(rows)} rows, {Megabytes(bytes)} so far";

    /// <summary>A download's progress (indented under the line that began it).</summary>
    public static string DownloadProgress(DownloadProgress progress) => progress.Total is { } total and > 0
        ? $"  downloaded {MegabyteCount(progress.Bytes)} of {Megabytes(total)} ({(100.0 * progress.Bytes / total).ToString("0", CultureInfo.InvariantCulture)} %)"
        : $"  downloaded {Megabytes(progress.Bytes)} so far";

    /// <summary>What a restore found of a snapshot's signature, in words.</summary>
    public static string Signature(SignatureCheck check, string? keySha256) => check switch
    {
        SignatureCheck.Verified => $"signature verified with key {SnapshotKey.ShortName(keySha256 ?? string.Empty)}",
        SignatureCheck.NotChecked when keySha256 is not null => $"signed with key {SnapshotKey.ShortName(keySha256)}, signature not checked (no --verify-key)",
        SignatureCheck.NotChecked => "signed, signature not checked (no --verify-key)",
        _ => "not signed",
    };

    /// <summary>A table was copied (indented under the step that copies it).</summary>
    public static string TableFinished(TableCopyResult result)
    {
        var masked = result.Table.MaskedColumns.Count();
        var how = result.Table.Mode switch
        {
            CopyMode.Masked => $"masked {masked} column{(masked == 1 ? string.Empty : "s")}",
            CopyMode.Emptied => "emptied",
            _ => "copied",
        };
        var kept = result.Table.KeepRows is null ? string.Empty : $"  ({Number(result.KeptRows)} kept unmasked by keep_rows)";
        return $"  {result.Table.Table.Name,-40} {Number(result.Rows),12} rows  {how,-18} {Seconds(result.Elapsed),8}{kept}";
    }

    /// <summary>The steps that report a verification.</summary>
    public static IEnumerable<string> Verified(VerifyResult result)
    {
        if (result.ComparedTables > 0)
        {
            yield return $"verify: {Number(result.ComparedRows)} rows of {result.ComparedTables} tables compared by key with the same source rows";
        }

        yield return $"verify: {Number(result.Values)} original values of {result.MaskedColumns} masked columns searched in "
            + $"{result.SearchedColumns} columns ({Number(result.SearchedRows)} rows): "
            + (result.Clean ? "none found" : $"{result.Hits.Sum(h => h.Count)} found") + $" ({Seconds(result.Elapsed)})";
    }

    /// <summary>The step that ends a run.</summary>
    public static string Done(RunSummary summary) => $"done: {summary.Target} replaced from {summary.Source}";

    /// <summary>
    /// The lines after the last step: the totals, with <c>keep_rows</c> the rows kept unmasked per table, then the time of
    /// each step.
    /// </summary>
    public static IEnumerable<string> Summary(RunSummary summary)
    {
        yield return $"summary: {summary.Tables.Count} tables, {Number(summary.Rows)} rows, {summary.MaskedColumns} masked columns "
            + $"({Number(summary.MaskedValues)} values), {summary.Sequences} sequences, {Seconds(summary.Elapsed)}, "
            + $"{Number((long)summary.RowsPerSecond)} rows/s, {Megabytes(summary.Bytes)} read";
        var kept = summary.Tables.Where(t => t.Table.KeepRows is not null).OrderBy(t => t.Table.Table.Name.ToString(), StringComparer.Ordinal).ToList();
        if (kept.Count > 0)
        {
            yield return $"kept unmasked (keep_rows): {string.Join(", ", kept.Select(t => $"{t.Table.Table.Name} {Number(t.KeptRows)} rows"))}";
        }

        yield return $"steps: {string.Join(", ", summary.Steps.Select(s => $"{StepName(s.Step)} {Seconds(s.Elapsed)}"))}";
    }

    /// <summary>How the summary names a step.</summary>
    public static string StepName(RunStep step) => step switch
    {
        RunStep.Schema => "pre-data",
        RunStep.Uniqueness => "unique check",
        RunStep.PostData => "post-data",
        RunStep.AfterScripts => "after scripts",
        _ => step.ToString().ToLowerInvariant(),
    };

    public static string Number(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    public static string Seconds(TimeSpan time) => time.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture) + " s";

    public static string Megabytes(long bytes) => MegabyteCount(bytes) + " MB";

    /// <summary>Megabytes without the unit (<c>12.3</c>).</summary>
    public static string MegabyteCount(long bytes) => (bytes / 1048576.0).ToString("0.0", CultureInfo.InvariantCulture);

    private static string Why(RandomKeyUsed random) => random.Why switch
    {
        MissingSecret.Empty => "the secret is empty",
        MissingSecret.VariableNotSet => $"environment variable {random.Variable} is not set",
        _ => "the pipeline sets no secret",
    };

    /// <summary><c>a, b and c</c>.</summary>
    private static string And(IReadOnlyList<string> items) =>
        items.Count <= 1 ? string.Concat(items) : $"{string.Join(", ", items.Take(items.Count - 1))} and {items[^1]}";
}
