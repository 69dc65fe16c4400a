using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace DevDbSeed.Journal;

/// <summary>
/// A run's outcome in Prometheus text exposition, for node_exporter's textfile collector (<c>devdbseed run --metrics
/// FILE</c>, <c>metrics:</c> in the pipeline): gauges named <c>devdbseed_…</c> with their unit in the name, labelled
/// with the pipeline's name and the target database. The last success's time survives failed runs: a failed run carries
/// it over from the file it replaces, so an alert on "no successful refresh in 26 hours" works.
/// </summary>
public static partial class RunMetrics
{
    /// <summary>The name of the gauge holding the last successful run's end, in Unix seconds.</summary>
    public const string LastSuccess = "devdbseed_last_success_timestamp_seconds";

    /// <summary>
    /// The metrics of <paramref name="record"/>. <paramref name="previous"/> is the text of the file being replaced
    /// (null: none): when the run failed, the last success of the same pipeline is read from it; it is left out when
    /// there never was one.
    /// </summary>
    public static string Write(RunRecord record, string? previous)
    {
        ArgumentNullException.ThrowIfNull(record);
        var labels = Labels(record.Pipeline, record.TargetDatabase);
        var text = new StringBuilder();
        void Gauge(string name, string help, double value)
        {
            text.Append("# HELP ").Append(name).Append(' ').Append(help).Append('\n')
                .Append("# TYPE ").Append(name).Append(" gauge\n")
                .Append(name).Append(labels).Append(' ').Append(value.ToString("0.###", CultureInfo.InvariantCulture)).Append('\n');
        }

        Gauge("devdbseed_last_run_timestamp_seconds", "When the last run ended, in Unix time.", UnixSeconds(record.Ended));
        Gauge("devdbseed_last_run_exit_code", "The last run's exit code: 0 success, 1 failure, 2 invalid configuration, 3 rules that do not fit or a leak, 130 interrupted.",
            (int)record.ExitCode);
        Gauge("devdbseed_last_run_duration_seconds", "How long the last run took.", Math.Round(record.Duration.TotalSeconds, 3));
        Gauge("devdbseed_last_run_tables", "Tables the last run copied.", record.Copied.Count);
        Gauge("devdbseed_last_run_rows", "Rows the last run copied.", record.Rows);
        Gauge("devdbseed_last_run_masked_values", "Values the last run masked.", record.MaskedValues);
        Gauge("devdbseed_last_run_verification_hits", "Original values of masked columns the last run's verification found (any: the run is refused).", record.VerificationHits);
        Gauge("devdbseed_last_run_unclassified_columns", "Source columns no rule classifies (the run is refused).", record.UnclassifiedColumns);
        Gauge("devdbseed_last_run_stale_rules", "Tables and columns the rules name that the source does not have (the run is refused).", record.StaleRules);
        var lastSuccess = record.Status == RunStatus.Succeeded ? UnixSeconds(record.Ended) : LastSuccessIn(previous, record.Pipeline);
        if (lastSuccess is { } success)
        {
            Gauge(LastSuccess, "When the last successful run ended, in Unix time (carried over by failed runs).", success);
        }

        return text.ToString();
    }

    /// <summary>The last success of <paramref name="pipeline"/> in a metrics file's text; null when it has none.</summary>
    public static double? LastSuccessIn(string? metrics, string pipeline)
    {
        foreach (var line in (metrics ?? string.Empty).Split('\n'))
        {
            if (Sample().Match(line.TrimEnd('\r')) is { Success: true } sample
                && LabelValue(sample.Groups["labels"].Value, "pipeline") == pipeline
                && double.TryParse(sample.Groups["value"].Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
                && double.IsFinite(value))
            {
                return value;
            }
        }

        return null;
    }

    /// <summary><c>{pipeline="nightly",target="vca_dev"}</c>, values escaped as the exposition format says (<c>\\</c>, <c>\"</c>, <c>\n</c>).</summary>
    internal static string Labels(string pipeline, string target) => $"{{pipeline=\"{Escape(pipeline)}\",target=\"{Escape(target)}\"}}";

    private static string Escape(string value) =>
        value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);

    private static string? LabelValue(string labels, string name)
    {
        foreach (Match label in Label().Matches(labels))
        {
            if (label.Groups["name"].Value == name)
            {
                return Regex.Replace(label.Groups["value"].Value, @"\\(.)", m => m.Groups[1].Value == "n" ? "\n" : m.Groups[1].Value);
            }
        }

        return null;
    }

    private static double UnixSeconds(DateTimeOffset at) => at.ToUnixTimeMilliseconds() / 1000.0;

    [GeneratedRegex(@"^devdbseed_last_success_timestamp_seconds(?:\{(?<labels>(?:[^""}]|""(?:[^""\\]|\\.)*"")*)\})?[ \t]+(?<value>\S+)")]
    private static partial Regex Sample();

    [GeneratedRegex(@"(?<name>[a-zA-Z_][a-zA-Z0-9_]*)=""(?<value>(?:[^""\\]|\\.)*)""")]
    private static partial Regex Label();
}
