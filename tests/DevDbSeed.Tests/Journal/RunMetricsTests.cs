using System.Globalization;
using System.Text.RegularExpressions;
using DevDbSeed.Errors;
using DevDbSeed.Journal;
using DevDbSeed.Running;
using DevDbSeed.Tests.Support;

namespace DevDbSeed.Tests.Journal;

/// <summary>The metrics file node_exporter's textfile collector reads: valid exposition text, and a last success that survives failures.</summary>
public sealed partial class RunMetricsTests
{
    [Fact]
    public void Every_sample_is_a_gauge_named_devdbseed_with_its_help_type_and_both_labels()
    {
        var text = RunMetrics.Render(Succeeded(), previous: null);

        var lines = text.Split('\n');
        Assert.Equal(string.Empty, lines[^1]);
        var samples = lines.Where(l => l.Length > 0 && !l.StartsWith('#')).ToList();
        Assert.Equal(10, samples.Count);
        foreach (var sample in samples)
        {
            var match = Sample().Match(sample);
            Assert.True(match.Success, $"not an exposition sample: {sample}");
            var name = match.Groups["name"].Value;
            Assert.StartsWith("devdbseed_", name, StringComparison.Ordinal);
            Assert.Equal("{pipeline=\"nightly\",target=\"vca_dev\"}", match.Groups["labels"].Value);
            Assert.True(double.TryParse(match.Groups["value"].Value, NumberStyles.Float, CultureInfo.InvariantCulture, out _));
            Assert.Contains($"# HELP {name} ", text, StringComparison.Ordinal);
            Assert.Contains($"# TYPE {name} gauge\n", text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void A_success_gives_its_figures_and_its_end_as_the_last_success()
    {
        var metrics = Values(RunMetrics.Render(Succeeded(), previous: null));

        var end = Unix(RecordedRuns.Start.AddSeconds(42.5));
        Assert.Equal(end, metrics["devdbseed_last_run_timestamp_seconds"]);
        Assert.Equal(end, metrics[RunMetrics.LastSuccess]);
        Assert.Equal(0, metrics["devdbseed_last_run_exit_code"]);
        Assert.Equal(42.5, metrics["devdbseed_last_run_duration_seconds"]);
        Assert.Equal(60_000, metrics["devdbseed_last_run_rows"]);
        Assert.Equal(70_000, metrics["devdbseed_last_run_masked_values"]);
        Assert.Equal(2, metrics["devdbseed_last_run_tables"]);
        Assert.Equal(0, metrics["devdbseed_last_run_verification_hits"]);
        Assert.Equal(0, metrics["devdbseed_last_run_unclassified_columns"]);
    }

    [Fact]
    public void A_failed_run_carries_the_last_success_over_from_the_file_it_replaces()
    {
        var previous = RunMetrics.Render(Succeeded(), previous: null);
        var refused = RecordedRuns.Recorder(out var clock);
        clock.Now = RecordedRuns.Start.AddDays(1);

        var metrics = Values(RunMetrics.Render(refused.Finish(new RulesMismatchException("refused", ["public.users.phone: not classified"],
            [new SchemaMismatch("public.users.phone", MismatchKind.Unclassified), new SchemaMismatch("public.gone", MismatchKind.Stale)])), previous));

        Assert.Equal(Unix(RecordedRuns.Start.AddSeconds(42.5)), metrics[RunMetrics.LastSuccess]);
        Assert.Equal(Unix(RecordedRuns.Start.AddDays(1)), metrics["devdbseed_last_run_timestamp_seconds"]);
        Assert.Equal(3, metrics["devdbseed_last_run_exit_code"]);
        Assert.Equal(1, metrics["devdbseed_last_run_unclassified_columns"]);
        Assert.Equal(1, metrics["devdbseed_last_run_stale_rules"]);
    }

    [Fact]
    public void A_pipeline_that_never_succeeded_has_no_last_success()
    {
        var failed = RecordedRuns.Recorder(out _).Finish(new RunFailedException("cannot connect"));

        var text = RunMetrics.Render(failed, previous: "# nothing useful here\ngarbage {\n");

        Assert.DoesNotContain(RunMetrics.LastSuccess, text, StringComparison.Ordinal);
        Assert.Equal(1, Values(text)["devdbseed_last_run_exit_code"]);
    }

    [Fact]
    public void The_last_success_of_another_pipeline_is_not_carried_over_and_its_series_are_kept()
    {
        var previous = RunMetrics.Render(Succeeded() with { Pipeline = "weekly" }, previous: null);

        var text = RunMetrics.Render(RecordedRuns.Recorder(out _).Finish(new RunFailedException("failed")), previous);

        Assert.False(Values(text).ContainsKey(RunMetrics.LastSuccess));
        Assert.Equal(Unix(RecordedRuns.Start.AddSeconds(42.5)), Values(text, pipeline: "weekly")[RunMetrics.LastSuccess]);
    }

    [Fact]
    public void The_last_success_of_the_same_pipeline_on_another_target_is_not_carried_over()
    {
        var previous = RunMetrics.Render(Succeeded(), previous: null);
        var otherTarget = new RunRecorder(SilentObserver.Instance, "nightly", "app@dev.example:5432/other_dev", new RecordedRuns.ManualClock(RecordedRuns.Start));

        var text = RunMetrics.Render(otherTarget.Finish(new RunFailedException("failed")), previous);

        Assert.False(Values(text, target: "other_dev").ContainsKey(RunMetrics.LastSuccess));
        Assert.Equal(1, Values(text, target: "other_dev")["devdbseed_last_run_exit_code"]);
        Assert.Equal(Unix(RecordedRuns.Start.AddSeconds(42.5)), Values(text)[RunMetrics.LastSuccess]);
    }

    [Fact]
    public void A_run_refused_before_its_target_was_known_takes_the_one_target_its_pipeline_has_in_the_file()
    {
        var previous = RunMetrics.Render(Succeeded(), previous: null);
        var refused = new RunRecorder(SilentObserver.Instance, "nightly", target: null, new RecordedRuns.ManualClock(RecordedRuns.Start.AddDays(1)))
            .Finish(new ConfigurationException("nightly.yaml:3:8: jobs must be a whole number from 1 to 64"));

        var text = RunMetrics.Render(refused, previous);

        var metrics = Values(text);
        Assert.Equal(2, metrics["devdbseed_last_run_exit_code"]);
        Assert.Equal(Unix(RecordedRuns.Start.AddSeconds(42.5)), metrics[RunMetrics.LastSuccess]);
        Assert.DoesNotContain("target=\"\"", text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_run_refused_before_its_target_was_known_has_no_target_when_its_pipeline_has_several_in_the_file()
    {
        var previous = RunMetrics.Render(Succeeded(), RunMetrics.Render(Succeeded() with { Target = "app@dev.example:5432/other_dev" }, previous: null));
        var refused = new RunRecorder(SilentObserver.Instance, "nightly", target: null, new RecordedRuns.ManualClock(RecordedRuns.Start.AddDays(1)))
            .Finish(new ConfigurationException("bad"));

        var text = RunMetrics.Render(refused, previous);

        Assert.Equal(2, Values(text, target: string.Empty)["devdbseed_last_run_exit_code"]);
        Assert.False(Values(text, target: string.Empty).ContainsKey(RunMetrics.LastSuccess));
        Assert.Equal(0, Values(text)["devdbseed_last_run_exit_code"]);
        Assert.Equal(0, Values(text, target: "other_dev")["devdbseed_last_run_exit_code"]);
    }

    [Fact]
    public void Pipelines_sharing_a_file_keep_each_others_series_under_one_help_and_type_per_gauge()
    {
        RunRecord Run(string pipeline, double hours, Exception? failure)
        {
            var recorder = new RunRecorder(SilentObserver.Instance, pipeline, $"app@dev.example:5432/{pipeline}_dev",
                new RecordedRuns.ManualClock(RecordedRuns.Start.AddHours(hours)));
            return recorder.Finish(failure);
        }

        var text = RunMetrics.Render(Run("p", 0, null), previous: null);
        text = RunMetrics.Render(Run("q", 1, new RunFailedException("failed")), text);
        text = RunMetrics.Render(Run("p", 2, new RunFailedException("failed")), text);

        Assert.Equal(Unix(RecordedRuns.Start), Values(text, "p", "p_dev")[RunMetrics.LastSuccess]);
        Assert.Equal(1, Values(text, "p", "p_dev")["devdbseed_last_run_exit_code"]);
        Assert.Equal(Unix(RecordedRuns.Start.AddHours(2)), Values(text, "p", "p_dev")["devdbseed_last_run_timestamp_seconds"]);
        Assert.Equal(1, Values(text, "q", "q_dev")["devdbseed_last_run_exit_code"]);
        Assert.Equal(Unix(RecordedRuns.Start.AddHours(1)), Values(text, "q", "q_dev")["devdbseed_last_run_timestamp_seconds"]);
        var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.All(lines.Where(l => l.StartsWith("# TYPE ", StringComparison.Ordinal)).GroupBy(l => l), g => Assert.Single(g));
        Assert.All(lines.Where(l => l.StartsWith("# HELP ", StringComparison.Ordinal)).GroupBy(l => l.Split(' ')[2]), g => Assert.Single(g));
        var exitCodes = lines.Where(l => l.StartsWith("devdbseed_last_run_exit_code{", StringComparison.Ordinal)).ToList();
        Assert.Equal(["devdbseed_last_run_exit_code{pipeline=\"p\",target=\"p_dev\"} 1", "devdbseed_last_run_exit_code{pipeline=\"q\",target=\"q_dev\"} 1"], exitCodes);
        Assert.Equal(text, RunMetrics.Render(Run("p", 2, new RunFailedException("failed")), text));
    }

    [Fact]
    public void Gauges_of_what_the_run_did_not_reach_are_left_out_rather_than_zero()
    {
        var previous = RunMetrics.Render(Succeeded(), previous: null);
        var refused = RecordedRuns.Recorder(out _).Finish(new RunFailedException("another run holds the lock on vca_dev"));

        var metrics = Values(RunMetrics.Render(refused, previous));

        Assert.False(metrics.ContainsKey("devdbseed_last_run_verification_hits"));
        Assert.False(metrics.ContainsKey("devdbseed_last_run_unclassified_columns"));
        Assert.False(metrics.ContainsKey("devdbseed_last_run_stale_rules"));
        Assert.Equal(0, metrics["devdbseed_last_run_rows"]);
        var planned = Values(RunMetrics.Render(RecordedRuns.Recorder(out _).Hear(RecordedRuns.Succeeded().TakeWhile(e => e is not StepStarted { Step: RunStep.Rows }))
            .Finish(new RunFailedException("failed")), previous: null));
        Assert.Equal(0, planned["devdbseed_last_run_unclassified_columns"]);
        Assert.False(planned.ContainsKey("devdbseed_last_run_verification_hits"));
    }

    [Fact]
    public void A_run_from_a_backup_gives_the_backups_creation_time_so_that_a_stale_backup_can_alert()
    {
        var backup = new BackupFile("/backups/prod.dump", "custom", 1, new string('a', 64), RecordedRuns.Start.AddHours(-30), RecordedRuns.Start.AddHours(-29));
        var record = RecordedRuns.Recorder(out _).Hear([new BackupRestoring(backup, "restore_db", 2)]).Finish(new RunFailedException("pg_restore failed"));

        var metrics = Values(RunMetrics.Render(record, previous: null));

        Assert.Equal(Unix(RecordedRuns.Start.AddHours(-30)), metrics[RunMetrics.BackupCreated]);
        Assert.False(Values(RunMetrics.Render(Succeeded(), previous: null)).ContainsKey(RunMetrics.BackupCreated));
    }

    [Fact]
    public void Label_values_are_escaped_and_read_back_for_the_carry_over()
    {
        const string Name = "night\"ly\\run\nB";
        var previous = RunMetrics.Render(Succeeded() with { Pipeline = Name }, previous: null);

        var failed = RecordedRuns.Recorder(out _).Finish(new RunFailedException("failed")) with { Pipeline = Name };
        var text = RunMetrics.Render(failed, previous);

        Assert.Contains("{pipeline=\"night\\\"ly\\\\run\\nB\",target=\"vca_dev\"}", text, StringComparison.Ordinal);
        Assert.All(text.Split('\n').Where(l => l.Length > 0 && !l.StartsWith('#')), l => Assert.Matches(Sample(), l));
        Assert.Single(text.Split('\n'), l => l.StartsWith(RunMetrics.LastSuccess, StringComparison.Ordinal));
        Assert.Contains($"{RunMetrics.LastSuccess}{{pipeline=\"night\\\"ly\\\\run\\nB\",target=\"vca_dev\"}} {Unix(RecordedRuns.Start.AddSeconds(42.5)).ToString(CultureInfo.InvariantCulture)}",
            text, StringComparison.Ordinal);
    }

    private static RunRecord Succeeded()
    {
        var recorder = RecordedRuns.Recorder(out var clock).Hear(RecordedRuns.Succeeded());
        clock.Now = RecordedRuns.Start.AddSeconds(42.5);
        return recorder.Finish();
    }

    private static double Unix(DateTimeOffset at) => at.ToUnixTimeMilliseconds() / 1000.0;

    /// <summary>The values of one label set's series, by name.</summary>
    private static Dictionary<string, double> Values(string text, string pipeline = "nightly", string target = "vca_dev") =>
        text.Split('\n').Select(l => Sample().Match(l)).Where(m => m.Success && m.Groups["labels"].Value == $"{{pipeline=\"{pipeline}\",target=\"{target}\"}}")
            .ToDictionary(m => m.Groups["name"].Value, m => double.Parse(m.Groups["value"].Value, CultureInfo.InvariantCulture));

    /// <summary>A sample line of the text exposition format: name, optional labels (quoted values with escapes), value.</summary>
    [GeneratedRegex(@"^(?<name>[a-zA-Z_:][a-zA-Z0-9_:]*)(?<labels>\{(?:[^""}]|""(?:[^""\\]|\\.)*"")*\})?[ \t]+(?<value>\S+)$")]
    private static partial Regex Sample();
}
