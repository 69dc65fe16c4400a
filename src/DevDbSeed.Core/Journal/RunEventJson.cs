using System.Globalization;
using System.Text.Json;
using DevDbSeed.Planning;
using DevDbSeed.Rules;
using DevDbSeed.Running;
using DevDbSeed.Snapshots;
using DevDbSeed.Subsetting;
using DevDbSeed.Verification;

namespace DevDbSeed.Journal;

/// <summary>
/// A <see cref="RunEvent"/> as JSON for tools: its stable name (the event type's name in snake_case:
/// <c>step_started</c>, <c>table_finished</c>, <c>random_key_used</c>) and its fields, in snake_case, with times in
/// seconds and instants in UTC ISO 8601. What JSON log lines and the run summary's warnings carry. Like the events
/// themselves, no field holds a value of a masked column, a secret or a password; verification hits are counts.
/// </summary>
public static class RunEventJson
{
    /// <summary>The event's stable name: its type's name in snake_case.</summary>
    public static string Name(RunEvent runEvent)
    {
        ArgumentNullException.ThrowIfNull(runEvent);
        return Snake(runEvent.GetType().Name);
    }

    /// <summary>Writes the event's fields as properties of the JSON object being written (none for an event without data).</summary>
    public static void WriteFields(Utf8JsonWriter json, RunEvent runEvent)
    {
        ArgumentNullException.ThrowIfNull(json);
        switch (runEvent)
        {
            case CommandStarted started:
                json.WriteString("source", started.Source);
                json.WriteString("target", started.Target);
                json.WriteString("backup_file", started.Backup);
                break;
            case StepStarted started:
                json.WriteString("step", StepName(started.Step));
                break;
            case StepFinished finished:
                json.WriteString("step", StepName(finished.Step));
                Seconds(json, finished.Elapsed);
                break;
            case StepFailed failed:
                json.WriteString("step", StepName(failed.Step));
                json.WriteBoolean("cancelled", failed.Cancelled);
                break;
            case RulesLoaded rules:
                RulesFiles(json, "files", rules.Files);
                break;
            case PlanReady ready:
                json.WriteNumber("tables", ready.Plan.RuleTables.Count);
                json.WriteNumber("masked_tables", ready.Plan.CountOf(CopyMode.Masked));
                json.WriteNumber("passthrough_tables", ready.Plan.CountOf(CopyMode.Passthrough));
                json.WriteNumber("emptied_tables", ready.Plan.CountOf(CopyMode.Emptied));
                json.WriteNumber("masked_columns", ready.Plan.MaskedColumnCount);
                break;
            case SchemaRestoring schema:
                json.WriteString("database", schema.Database);
                json.WriteNumber("pg_dump_version", schema.PgDumpVersion);
                break;
            case CopyStarted copy:
                json.WriteNumber("tables", copy.Tables);
                json.WriteNumber("jobs", copy.Jobs);
                break;
            case TableStarted started:
                json.WriteString("table", started.Table.Table.Name.ToString());
                break;
            case TableProgress progress:
                json.WriteString("table", progress.Table.Table.Name.ToString());
                json.WriteNumber("rows", progress.Rows);
                json.WriteNumber("bytes", progress.Bytes);
                break;
            case TableFinished finished:
                Table(json, finished.Result);
                break;
            case PostDataStarted postData:
                json.WriteBoolean("verifying", postData.Verifying);
                break;
            case Verified verified:
                Verification(json, verified.Result);
                break;
            case AfterScriptRan ran:
                AfterScript(json, ran);
                break;
            case AfterScriptsReady ready:
                json.WriteStartArray("scripts");
                foreach (var script in ready.Scripts)
                {
                    json.WriteStartObject();
                    json.WriteString("path", script.Path);
                    json.WriteNumber("statements", script.Statements);
                    json.WriteEndObject();
                }

                json.WriteEndArray();
                break;
            case Swapping swapping:
                json.WriteString("target", swapping.Target);
                json.WriteString("previous", swapping.Previous);
                json.WriteBoolean("target_exists", swapping.TargetExists);
                break;
            case SnapshotOpened snapshot:
                json.WriteString("source", snapshot.Source);
                json.WriteString("at", Instant(snapshot.At));
                break;
            case BackupRestoring restoring:
                Backup(json, restoring.Backup);
                json.WriteString("database", restoring.Database);
                json.WriteNumber("jobs", restoring.Jobs);
                break;
            case BackupRestored restored:
                Backup(json, restored.Backup);
                json.WriteString("database", restored.Database);
                json.WriteNumber("tables", restored.Tables);
                json.WriteNumber("rows", restored.Rows);
                Seconds(json, restored.Elapsed);
                break;
            case SubsetSelected selected:
                Subset(json, selected.Plan);
                break;
            case SnapshotWritten written:
                json.WriteString("path", written.Path);
                json.WriteNumber("bytes", written.Bytes);
                json.WriteNumber("rows", written.Rows);
                break;
            case DownloadStarted started:
                json.WriteString("url", started.Url);
                NumberOrNull(json, "bytes", started.Bytes);
                break;
            case DownloadProgress progress:
                json.WriteString("url", progress.Url);
                json.WriteNumber("bytes", progress.Bytes);
                NumberOrNull(json, "total_bytes", progress.Total);
                break;
            case DownloadFinished finished:
                json.WriteString("url", finished.Url);
                json.WriteNumber("bytes", finished.Bytes);
                Seconds(json, finished.Elapsed);
                break;
            case SnapshotChecked checkedFile:
                json.WriteString("file", checkedFile.File);
                json.WriteNumber("bytes", checkedFile.Bytes);
                json.WriteNumber("tables", checkedFile.Tables);
                json.WriteNumber("rows", checkedFile.Rows);
                json.WriteString("signature", SignatureName(checkedFile.Signature));
                json.WriteString("key_sha256", checkedFile.KeySha256);
                break;
            case SnapshotSigned signed:
                json.WriteString("key", signed.KeyPath);
                json.WriteString("key_sha256", signed.KeySha256);
                break;
            case SnapshotRestoring restoring:
                json.WriteString("database", restoring.Database);
                json.WriteNumber("jobs", restoring.Jobs);
                break;
            case RolledBack back:
                json.WriteString("target", back.Target);
                json.WriteString("previous", back.Previous);
                json.WriteBoolean("target_existed", back.TargetExisted);
                break;
            case SamplingStarted sampling:
                json.WriteNumber("rows", sampling.Rows);
                break;
            case SampleStarted sample:
                json.WriteString("target", sample.Target);
                json.WriteNumber("users", sample.Users);
                json.WriteNumber("courses", sample.Courses);
                json.WriteNumber("connections", sample.Connections);
                break;
            case SampleTablesFilled filled:
                Strings(json, "tables", filled.Tables);
                Seconds(json, filled.Elapsed);
                break;
            case SourceClassified classified:
                json.WriteString("source", classified.Source);
                json.WriteNumber("tables", classified.Tables);
                json.WriteNumber("sampled_rows", classified.SampledRows);
                break;
            case RulesUpdated updated:
                Strings(json, "added", updated.Added);
                break;
            case RunWarning warning:
                WarningFields(json, warning);
                break;
        }
    }

    /// <summary>How JSON names what a restore found of a snapshot's signature: <c>verified</c>, <c>not_checked</c>, <c>unsigned</c>.</summary>
    public static string SignatureName(SignatureCheck check) => Snake(check.ToString());

    /// <summary>How JSON names a step: <c>post_data</c> for <see cref="RunStep.PostData"/>.</summary>
    public static string StepName(RunStep step) => Snake(step.ToString());

    /// <summary>
    /// A subset's figures: the rows it chose (counted; in a run, the rows it finds by key as it copies them are estimated
    /// until <paramref name="copied"/> counts them), its walk's queries and time, and every table's role and rows.
    /// </summary>
    internal static void Subset(Utf8JsonWriter json, PipelinePlan plan, IReadOnlyCollection<TableCopyResult>? copied = null)
    {
        var selection = plan.Subset!;
        var tables = selection.Tables(plan).Select(t => CountedInCopy(t, plan, copied)).ToList();
        json.WriteNumber("rows", tables.Where(t => t.Exact).Sum(t => t.Rows));
        json.WriteNumber("rows_estimated", tables.Where(t => t.Estimated).Sum(t => t.Rows));
        json.WriteNumber("queries", selection.Queries);
        Seconds(json, selection.Elapsed);
        json.WriteStartArray("tables");
        foreach (var table in tables)
        {
            json.WriteStartObject();
            json.WriteString("table", table.Table.ToString());
            json.WriteString("role", Snake(table.Role.ToString()));
            json.WriteNumber("rows", table.Rows);
            json.WriteBoolean("exact", table.Exact);
            json.WriteNumber("source_rows", table.SourceRows);
            json.WriteString("selection", table.Selection);
            json.WriteEndObject();
        }

        json.WriteEndArray();
    }

    /// <summary>A subset table whose rows were estimated, with the rows its copy counted when every part of it was copied.</summary>
    private static SubsetTableRows CountedInCopy(SubsetTableRows table, PipelinePlan plan, IReadOnlyCollection<TableCopyResult>? copied)
    {
        if (!table.Estimated || copied is null)
        {
            return table;
        }

        var parts = plan.RuleTable(table.Table).Parts;
        var results = copied.Where(c => parts.Contains(c.Table)).ToList();
        return results.Count == parts.Count ? table with { Rows = results.Sum(c => c.Rows), Exact = true } : table;
    }

    /// <summary><c>2026-12-07T02:00:00.123Z</c>.</summary>
    public static string Instant(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    /// <summary>A table's copy: name, mode, rows, bytes, masked columns and values, with <c>keep_rows</c> the rows kept unmasked, seconds.</summary>
    internal static void Table(Utf8JsonWriter json, TableCopyResult result)
    {
        json.WriteString("table", result.Table.Table.Name.ToString());
        json.WriteString("mode", Snake(result.Table.Mode.ToString()));
        json.WriteNumber("rows", result.Rows);
        json.WriteNumber("bytes", result.Bytes);
        json.WriteNumber("masked_columns", result.Table.MaskedColumns.Count());
        json.WriteNumber("masked_values", result.MaskedValues);
        if (result.Table.KeepRows is not null)
        {
            json.WriteNumber("kept_rows", result.KeptRows);
        }

        Seconds(json, result.Elapsed);
    }

    /// <summary>An after script that ran: its path, its statements, seconds.</summary>
    internal static void AfterScript(Utf8JsonWriter json, AfterScriptRan ran)
    {
        json.WriteString("path", ran.Path);
        json.WriteNumber("statements", ran.Statements);
        Seconds(json, ran.Elapsed);
    }

    /// <summary>What a verification checked and found, counts only.</summary>
    internal static void Verification(Utf8JsonWriter json, VerifyResult result)
    {
        json.WriteNumber("masked_columns", result.MaskedColumns);
        json.WriteNumber("values", result.Values);
        json.WriteNumber("searched_columns", result.SearchedColumns);
        json.WriteNumber("searched_rows", result.SearchedRows);
        json.WriteNumber("compared_tables", result.ComparedTables);
        json.WriteNumber("compared_rows", result.ComparedRows);
        json.WriteNumber("hits", result.Hits.Sum(h => (long)h.Count));
        json.WriteStartArray("hits_by_column");
        foreach (var hit in result.Hits)
        {
            json.WriteStartObject();
            json.WriteString("found_in", hit.FoundIn);
            json.WriteString("originals_of", hit.OriginalsOf);
            json.WriteString("rule", hit.Rule);
            json.WriteNumber("count", hit.Count);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        Seconds(json, result.Elapsed);
    }

    /// <summary>A backup file as found on disk.</summary>
    internal static void BackupFields(Utf8JsonWriter json, BackupFile backup)
    {
        json.WriteString("path", backup.Path);
        json.WriteString("format", backup.Format);
        json.WriteNumber("bytes", backup.Bytes);
        json.WriteString("sha256", backup.Sha256);
        json.WriteString("created", Instant(backup.Created));
        json.WriteString("modified", Instant(backup.Modified));
    }

    internal static void RulesFiles(Utf8JsonWriter json, string name, IEnumerable<RulesFileInfo> files)
    {
        json.WriteStartArray(name);
        foreach (var file in files)
        {
            json.WriteStartObject();
            json.WriteString("path", file.DisplayPath);
            json.WriteString("sha256", file.Sha256);
            json.WriteEndObject();
        }

        json.WriteEndArray();
    }

    /// <summary><c>seconds</c>, to the millisecond.</summary>
    internal static void Seconds(Utf8JsonWriter json, TimeSpan elapsed, string name = "seconds") =>
        json.WriteNumber(name, Math.Round(elapsed.TotalSeconds, 3));

    private static void NumberOrNull(Utf8JsonWriter json, string name, long? value)
    {
        if (value is { } number)
        {
            json.WriteNumber(name, number);
        }
        else
        {
            json.WriteNull(name);
        }
    }

    internal static string Snake(string name) => JsonNamingPolicy.SnakeCaseLower.ConvertName(name);

    private static void WarningFields(Utf8JsonWriter json, RunWarning warning)
    {
        switch (warning)
        {
            case RandomKeyUsed random:
                json.WriteString("why", Snake(random.Why.ToString()));
                json.WriteString("variable", random.Variable);
                break;
            case LocaleNotAvailable locale:
                json.WriteString("encoding", locale.Encoding);
                json.WriteString("server_message", locale.ServerMessage);
                break;
            case AbandonedDatabaseDropped dropped:
                json.WriteString("database", dropped.Database);
                break;
            case UniqueCollisionRepaired repaired:
                json.WriteString("column", repaired.Column);
                json.WriteNumber("shared_values", repaired.SharedValues);
                break;
            case HalfBuiltDatabaseLeft left:
                json.WriteString("database", left.Database);
                json.WriteString("error", left.Error);
                break;
            case RulesNeedReview review:
                json.WriteString("review", review.Message);
                break;
            case RunFileNotWritten file:
                json.WriteString("path", file.Path);
                json.WriteString("error", file.Error);
                break;
            case AbandonedScratchDropped dropped:
                json.WriteString("database", dropped.Database);
                break;
            case AbandonedPreviousCopyDropped dropped:
                json.WriteString("database", dropped.Database);
                break;
            case LeftoverDatabaseInUse kept:
                json.WriteString("database", kept.Database);
                json.WriteNumber("sessions", kept.Sessions);
                break;
            case ScratchDatabaseLeft left:
                json.WriteString("database", left.Database);
                json.WriteString("error", left.Error);
                break;
        }
    }

    private static void Backup(Utf8JsonWriter json, BackupFile backup)
    {
        json.WriteStartObject("backup");
        BackupFields(json, backup);
        json.WriteEndObject();
    }

    internal static void Strings(Utf8JsonWriter json, string name, IEnumerable<string> values)
    {
        json.WriteStartArray(name);
        foreach (var value in values)
        {
            json.WriteStringValue(value);
        }

        json.WriteEndArray();
    }
}
