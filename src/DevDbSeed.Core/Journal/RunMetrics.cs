using System.Globalization;
using System.Text;

namespace DevDbSeed.Journal;

/// <summary>
/// A run's outcome in Prometheus text exposition, for node_exporter's textfile collector (<c>devdbseed run --metrics
/// FILE</c>, <c>metrics:</c> in the pipeline): gauges named <c>devdbseed_…</c> with their unit in the name, labelled
/// with the pipeline's name and the target database. A gauge whose subject the run did not reach is left out rather
/// than 0 (no verification: no hits gauge). The run replaces its own series (its label set) and keeps those of other
/// pipelines and targets found in the file it replaces, so several pipelines may share one file. The last success's
/// time survives failed runs: a failed run carries it over from that file, for the same label set, so an alert on
/// "no successful refresh in 26 hours" works.
/// </summary>
public static class RunMetrics
{
    /// <summary>The name of the gauge holding the last successful run's end, in Unix seconds.</summary>
    public const string LastSuccess = "devdbseed_last_success_timestamp_seconds";

    /// <summary>The name of the gauge holding the creation time of the backup file the last run read, in Unix seconds.</summary>
    public const string BackupCreated = "devdbseed_last_run_source_backup_created_timestamp_seconds";

    /// <summary>
    /// The metrics file after <paramref name="record"/>. <paramref name="previous"/> is the text of the file being
    /// replaced (null: none): its series of other label sets are kept verbatim; when the run failed, the last success of
    /// its own label set is carried over (left out when there never was one); when the run ended before its target was
    /// known, its <c>target</c> label is the one its pipeline has in that file, if it has exactly one.
    /// </summary>
    public static string Render(RunRecord record, string? previous)
    {
        ArgumentNullException.ThrowIfNull(record);
        var earlier = MetricsText.Parse(previous);
        var labels = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["pipeline"] = record.Pipeline,
            ["target"] = record.TargetDatabase.Length > 0 ? record.TargetDatabase : OnlyTargetOf(earlier, record.Pipeline) ?? string.Empty,
        };
        var ours = Gauges(record, earlier.Value(LastSuccess, labels));
        var labelText = Labels(labels["pipeline"], labels["target"]);
        var kept = earlier.Samples.Where(s => !s.Has(labels)).ToList();
        var families = ours.Select(g => g.Name).Concat(kept.Select(s => s.Name).Where(n => ours.All(g => g.Name != n)).Distinct().Order(StringComparer.Ordinal));
        var text = new StringBuilder();
        foreach (var family in families)
        {
            var gauge = ours.FirstOrDefault(g => g.Name == family);
            var lines = kept.Where(s => s.Name == family).Select(s => (s.LabelText, s.Line)).ToList();
            if (gauge?.Value is { } value)
            {
                lines.Add((labelText, $"{family}{labelText} {value.ToString("0.###", CultureInfo.InvariantCulture)}"));
            }

            if (lines.Count == 0)
            {
                continue;
            }

            var headers = gauge is null ? earlier.Headers.GetValueOrDefault(family, []) : [$"# HELP {family} {gauge.Help}", $"# TYPE {family} gauge"];
            foreach (var line in headers.Concat(lines.OrderBy(l => l.LabelText, StringComparer.Ordinal).Select(l => l.Line)))
            {
                text.Append(line).Append('\n');
            }
        }

        return text.ToString();
    }

    /// <summary>The gauges of the run's own series, in the order they are written; a null value is not written.</summary>
    private static List<Gauge> Gauges(RunRecord record, double? previousSuccess) =>
    [
        new("devdbseed_last_run_timestamp_seconds", "When the last run ended, in Unix time.", UnixSeconds(record.Ended)),
        new("devdbseed_last_run_exit_code",
            "The last run's exit code: 0 success, 1 failure, 2 invalid configuration, 3 rules that do not fit or a leak, 130 interrupted.", (int)record.ExitCode),
        new("devdbseed_last_run_duration_seconds", "How long the last run took.", Math.Round(record.Duration.TotalSeconds, 3)),
        new("devdbseed_last_run_tables", "Tables the last run copied.", record.Copied.Count),
        new("devdbseed_last_run_rows", "Rows the last run copied.", record.Rows),
        new("devdbseed_last_run_masked_values", "Values the last run masked.", record.MaskedValues),
        new("devdbseed_last_run_verification_hits",
            "Original values of masked columns the last run's verification found (any: the run is refused); absent when no verification finished.",
            record.VerificationHits),
        new("devdbseed_last_run_unclassified_columns",
            "Source columns no rule classifies (the run is refused); absent when the run did not check its rules.", record.UnclassifiedColumns),
        new("devdbseed_last_run_stale_rules",
            "Tables and columns the rules name that the source does not have (the run is refused); absent when the run did not check its rules.",
            record.StaleRules),
        new(BackupCreated, "When the backup file the last run read was created, in Unix time; absent for a live source.",
            record.Backup is { } backup ? UnixSeconds(backup.Created) : null),
        new(LastSuccess, "When the last successful run ended, in Unix time (carried over by failed runs).",
            record.Status == RunStatus.Succeeded ? UnixSeconds(record.Ended) : previousSuccess),
    ];

    /// <summary>The one target <paramref name="pipeline"/> has series for in the file; null when none or several.</summary>
    private static string? OnlyTargetOf(MetricsText earlier, string pipeline)
    {
        var targets = earlier.Samples
            .Where(s => s.Labels.Count == 2 && s.Labels.GetValueOrDefault("pipeline") == pipeline && s.Labels.ContainsKey("target"))
            .Select(s => s.Labels["target"]).Distinct(StringComparer.Ordinal).Take(2).ToList();
        return targets is [var only] && only.Length > 0 ? only : null;
    }

    /// <summary><c>{pipeline="nightly",target="vca_dev"}</c>, values escaped as the exposition format says (<c>\\</c>, <c>\"</c>, <c>\n</c>).</summary>
    internal static string Labels(string pipeline, string target) => $"{{pipeline=\"{Escape(pipeline)}\",target=\"{Escape(target)}\"}}";

    private static string Escape(string value) =>
        value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);

    private static double UnixSeconds(DateTimeOffset at) => at.ToUnixTimeMilliseconds() / 1000.0;

    private sealed record Gauge(string Name, string Help, double? Value);
}
