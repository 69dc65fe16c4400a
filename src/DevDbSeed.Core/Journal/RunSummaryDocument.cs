using System.Reflection;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using DevDbSeed.Errors;
using DevDbSeed.Planning;
using DevDbSeed.Running;

namespace DevDbSeed.Journal;

/// <summary>
/// A run's summary as one JSON document, written whatever the outcome (<c>devdbseed run --summary FILE</c>,
/// <c>summary:</c> in the pipeline): for a scheduler, an audit trail, a dashboard. Counts and names only: never a value
/// of a masked column, the secret or a password.
/// </summary>
/// <remarks>
/// <para>
/// Format version 1: a later version may add properties, never rename or remove one, and raises <c>format_version</c>
/// only when a property changes meaning. snake_case keys; instants in UTC ISO 8601 (<c>2026-12-07T02:00:00.123Z</c>);
/// durations in seconds. A property whose subject the run did not reach is null (no plan: no <c>totals</c>; no
/// verification: <c>verification</c> null), lists are then empty.
/// </para>
/// <code>
/// {
///   "format_version": 1,
///   "tool_version": "1.0.0+3f2a…",              // the assembly's informational version
///   "pipeline": "nightly",                      // the pipeline file's name without extension
///   "started_at": "…Z", "ended_at": "…Z", "duration_seconds": 42.5,
///   "exit_code": 0,                             // as the command line exits
///   "status": "succeeded",                      // 0 succeeded | 1 failed | 2, 3 refused | 130 interrupted
///   "failure": null,                            // or { "stage": "plan", "message": "…", "problems": [ "…" ] }:
///                                               // the step under way, or configuration | start | after_plan (after_STEP)
///   "source": { "server": "app@db:5432", "database": "prod",   // null, null when a backup file is read
///               "backup_file": null,            // or the backup file read instead of a live source (source_backup)
///               "snapshot_taken_at": "…Z",      // for a backup: of the scratch database it was restored into
///               "backup": null },               // or { path, format, bytes, sha256, created, modified, restore: { database, tables, rows, seconds } }
///   "target": { "server": "app@localhost:5432", "database": "dev", "previous": "dev_previous", "previous_kept": true },
///   "rules_files": [ { "path": "rules/vca.yaml", "sha256": "5c3f…" } ],
///   "totals": { "tables": 12, "copied_tables": 12, "rows": 150000, "bytes": 21000000, "masked_columns": 20, "masked_values": 260000 },
///   "subset": null,                             // or, with subset: in the pipeline, the rows it chose before the copy: { "rows": 5000,
///                                               //   "rows_estimated": 12000, "queries": 14, "seconds": 0.8, "tables": [ { "table": "public.users",
///                                               //   "role": "start", "rows": 5000, "exact": true, "source_rows": 100000, "selection": "where id % 20 = 0" } ] }
///                                               //   (role start | reached | whole | emptied; whole tables' rows are estimates, and so are those of
///                                               //   tables found by key as they are copied until the copy counts them: exact false, their sum
///                                               //   rows_estimated)
///   "tables": [ { "table": "public.users", "mode": "masked", "masked_columns": [ "email" ],
///                 "copied": true, "rows": 10000, "bytes": 1048576, "masked_values": 10000,
///                 "kept_rows": null,              // with keep_rows: the rows copied unmasked (included in rows); else null
///                 "seconds": 1.26 } ],
///   "after_scripts": [ { "path": "pipelines/after/dev-accounts.sql", "statements": 3, "seconds": 0.1 } ],
///                                               // the after: scripts that ran and were committed in the new database, in order
///   "verification": { "masked_columns": 20, "values": 12345, "searched_columns": 7, "searched_rows": 60000,
///                     "compared_tables": 2, "compared_rows": 60000, "hits": 0, "hits_by_column": [], "seconds": 1.5 },
///   "steps": [ { "step": "plan", "seconds": 0.2, "outcome": "succeeded" } ],   // succeeded | failed | stopped
///   "warnings": [ { "kind": "random_key_used", "why": "not_set", "variable": null } ],
///   "unclassified": [],                         // exit 3: every schema.table.column no rule classifies
///   "stale": []                                 // exit 3: every table or column the rules name that the source does not have
/// }
/// </code>
/// </remarks>
public static class RunSummaryDocument
{
    /// <summary>The format version written in <c>format_version</c>.</summary>
    public const int FormatVersion = 1;

    private static readonly JsonWriterOptions Options = new() { Indented = true, NewLine = "\n", Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The version of DevDbSeed that writes it (the assembly's informational version).</summary>
    public static string ToolVersion { get; } =
        typeof(RunSummaryDocument).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";

    /// <summary>The document of <paramref name="record"/>, ending with a newline.</summary>
    public static string Render(RunRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, Options))
        {
            json.WriteStartObject();
            json.WriteNumber("format_version", FormatVersion);
            json.WriteString("tool_version", ToolVersion);
            json.WriteString("pipeline", record.Pipeline);
            json.WriteString("started_at", RunEventJson.Instant(record.Started));
            json.WriteString("ended_at", RunEventJson.Instant(record.Ended));
            RunEventJson.Seconds(json, record.Duration, "duration_seconds");
            json.WriteNumber("exit_code", (int)record.ExitCode);
            json.WriteString("status", RunEventJson.Snake(record.Status.ToString()));
            Failure(json, record.Failure);
            Source(json, record);
            Target(json, record);
            RunEventJson.RulesFiles(json, "rules_files", record.RulesFiles);
            Totals(json, record);
            Subset(json, record);
            Tables(json, record);
            AfterScripts(json, record);
            Verification(json, record);
            Steps(json, record);
            Warnings(json, record);
            Names(json, "unclassified", record.Mismatches.Where(m => m.Kind == MismatchKind.Unclassified).Select(m => m.Name));
            Names(json, "stale", record.Mismatches.Where(m => m.Kind == MismatchKind.Stale).Select(m => m.Name));
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray()) + "\n";
    }

    private static void Failure(Utf8JsonWriter json, RunFailure? failure)
    {
        if (failure is null)
        {
            json.WriteNull("failure");
            return;
        }

        json.WriteStartObject("failure");
        json.WriteString("stage", failure.Stage);
        json.WriteString("message", failure.Message);
        Names(json, "problems", failure.Problems);
        json.WriteEndObject();
    }

    private static void Source(Utf8JsonWriter json, RunRecord record)
    {
        if (record.Source is null && record.BackupPath is null)
        {
            json.WriteNull("source");
            return;
        }

        json.WriteStartObject("source");
        var (server, database) = record.Source is null ? (null, null) : ConnectionText.Split(record.Source);
        json.WriteString("server", server);
        json.WriteString("database", database);
        json.WriteString("backup_file", record.BackupPath);
        json.WriteString("snapshot_taken_at", record.SnapshotTakenAt is { } at ? RunEventJson.Instant(at) : null);
        if (record.Backup is { } backup)
        {
            json.WriteStartObject("backup");
            RunEventJson.BackupFields(json, backup);
            if (record.Restored is { } restored)
            {
                json.WriteStartObject("restore");
                json.WriteString("database", restored.Database);
                json.WriteNumber("tables", restored.Tables);
                json.WriteNumber("rows", restored.Rows);
                RunEventJson.Seconds(json, restored.Elapsed);
                json.WriteEndObject();
            }
            else
            {
                json.WriteNull("restore");
            }

            json.WriteEndObject();
        }
        else
        {
            json.WriteNull("backup");
        }

        json.WriteEndObject();
    }

    private static void Target(Utf8JsonWriter json, RunRecord record)
    {
        if (record.Target is null)
        {
            json.WriteNull("target");
            return;
        }

        var (server, database) = ConnectionText.Split(record.Target);
        json.WriteStartObject("target");
        json.WriteString("server", server);
        json.WriteString("database", database);
        json.WriteString("previous", record.Swap?.Previous);
        json.WriteBoolean("previous_kept", record.PreviousKept);
        json.WriteEndObject();
    }

    private static void Totals(Utf8JsonWriter json, RunRecord record)
    {
        if (record.Plan is not { } plan)
        {
            json.WriteNull("totals");
            return;
        }

        json.WriteStartObject("totals");
        json.WriteNumber("tables", plan.Tables.Count);
        json.WriteNumber("copied_tables", record.Copied.Count);
        json.WriteNumber("rows", record.Rows);
        json.WriteNumber("bytes", record.Bytes);
        json.WriteNumber("masked_columns", plan.MaskedColumnCount);
        json.WriteNumber("masked_values", record.MaskedValues);
        json.WriteEndObject();
    }

    private static void Subset(Utf8JsonWriter json, RunRecord record)
    {
        if (record.Plan is not { Subset: not null } plan)
        {
            json.WriteNull("subset");
            return;
        }

        json.WriteStartObject("subset");
        RunEventJson.Subset(json, plan, record.Copied);
        json.WriteEndObject();
    }

    /// <summary>Every table of the plan that holds rows (partitions one by one), by name; those not copied have null figures.</summary>
    private static void Tables(Utf8JsonWriter json, RunRecord record)
    {
        var copied = record.Copied.ToDictionary<TableCopyResult, TablePlan>(t => t.Table, ReferenceEqualityComparer.Instance);
        var tables = record.Plan?.Tables ?? [.. record.Copied.Select(t => t.Table)];
        json.WriteStartArray("tables");
        foreach (var table in tables.OrderBy(t => t.Table.Name.ToString(), StringComparer.Ordinal))
        {
            json.WriteStartObject();
            json.WriteString("table", table.Table.Name.ToString());
            json.WriteString("mode", RunEventJson.Snake(table.Mode.ToString()));
            Names(json, "masked_columns", table.MaskedColumns.Select(c => c.Column.Name));
            var result = copied.GetValueOrDefault(table);
            json.WriteBoolean("copied", result is not null);
            Number(json, "rows", result?.Rows);
            Number(json, "bytes", result?.Bytes);
            Number(json, "masked_values", result?.MaskedValues);
            Number(json, "kept_rows", table.KeepRows is null ? null : result?.KeptRows);
            if (result is null)
            {
                json.WriteNull("seconds");
            }
            else
            {
                RunEventJson.Seconds(json, result.Elapsed);
            }

            json.WriteEndObject();
        }

        json.WriteEndArray();
    }

    private static void AfterScripts(Utf8JsonWriter json, RunRecord record)
    {
        json.WriteStartArray("after_scripts");
        foreach (var script in record.AfterScripts)
        {
            json.WriteStartObject();
            RunEventJson.AfterScript(json, script);
            json.WriteEndObject();
        }

        json.WriteEndArray();
    }

    private static void Verification(Utf8JsonWriter json, RunRecord record)
    {
        if (record.Verification is not { } result)
        {
            json.WriteNull("verification");
            return;
        }

        json.WriteStartObject("verification");
        RunEventJson.Verification(json, result);
        json.WriteEndObject();
    }

    private static void Steps(Utf8JsonWriter json, RunRecord record)
    {
        json.WriteStartArray("steps");
        foreach (var step in record.Steps)
        {
            json.WriteStartObject();
            json.WriteString("step", RunEventJson.StepName(step.Step));
            RunEventJson.Seconds(json, step.Elapsed);
            json.WriteString("outcome", RunEventJson.Snake(step.Outcome.ToString()));
            json.WriteEndObject();
        }

        json.WriteEndArray();
    }

    private static void Warnings(Utf8JsonWriter json, RunRecord record)
    {
        json.WriteStartArray("warnings");
        foreach (var warning in record.Warnings)
        {
            json.WriteStartObject();
            json.WriteString("kind", RunEventJson.Name(warning));
            RunEventJson.WriteFields(json, warning);
            json.WriteEndObject();
        }

        json.WriteEndArray();
    }

    private static void Number(Utf8JsonWriter json, string name, long? value)
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

    private static void Names(Utf8JsonWriter json, string name, IEnumerable<string> names) => RunEventJson.Strings(json, name, names);
}
