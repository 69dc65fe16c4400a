using System.Globalization;
using System.Text.RegularExpressions;
using DevDbSeed.Errors;
using DevDbSeed.Journal;
using DevDbSeed.Tests.Support;

namespace DevDbSeed.Tests.Journal;

/// <summary>The metrics file node_exporter's textfile collector reads: valid exposition text, and a last success that survives failures.</summary>
public sealed partial class RunMetricsTests
{
    [Fact]
    public void Every_sample_is_a_gauge_named_devdbseed_with_its_help_type_and_both_labels()
    {
        var text = RunMetrics.Write(Succeeded(), previous: null);

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
        var metrics = Values(RunMetrics.Write(Succeeded(), previous: null));

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
        var previous = RunMetrics.Write(Succeeded(), previous: null);
        var refused = RecordedRuns.Recorder(out var clock);
        clock.Now = RecordedRuns.Start.AddDays(1);

        var metrics = Values(RunMetrics.Write(refused.Finish(new RulesMismatchException("refused", ["public.users.phone: not classified"],
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

        var text = RunMetrics.Write(failed, previous: "# nothing useful here\ngarbage {\n");

        Assert.DoesNotContain(RunMetrics.LastSuccess, text, StringComparison.Ordinal);
        Assert.Equal(1, Values(text)["devdbseed_last_run_exit_code"]);
    }

    [Fact]
    public void The_last_success_of_another_pipeline_is_not_carried_over()
    {
        var previous = RunMetrics.Write(Succeeded() with { Pipeline = "weekly" }, previous: null);

        var text = RunMetrics.Write(RecordedRuns.Recorder(out _).Finish(new RunFailedException("failed")), previous);

        Assert.DoesNotContain(RunMetrics.LastSuccess, text, StringComparison.Ordinal);
    }

    [Fact]
    public void Label_values_are_escaped_and_read_back_for_the_carry_over()
    {
        const string Name = "night\"ly\\run\nB";
        var previous = RunMetrics.Write(Succeeded() with { Pipeline = Name }, previous: null);

        var failed = RecordedRuns.Recorder(out _).Finish(new RunFailedException("failed")) with { Pipeline = Name };
        var text = RunMetrics.Write(failed, previous);

        Assert.Contains("{pipeline=\"night\\\"ly\\\\run\\nB\",target=\"vca_dev\"}", text, StringComparison.Ordinal);
        Assert.All(text.Split('\n').Where(l => l.Length > 0 && !l.StartsWith('#')), l => Assert.Matches(Sample(), l));
        Assert.Equal(Unix(RecordedRuns.Start.AddSeconds(42.5)), Values(text)[RunMetrics.LastSuccess]);
    }

    private static RunRecord Succeeded()
    {
        var recorder = RecordedRuns.Recorder(out var clock).Hear(RecordedRuns.Succeeded());
        clock.Now = RecordedRuns.Start.AddSeconds(42.5);
        return recorder.Finish();
    }

    private static double Unix(DateTimeOffset at) => at.ToUnixTimeMilliseconds() / 1000.0;

    private static Dictionary<string, double> Values(string text) =>
        text.Split('\n').Select(l => Sample().Match(l)).Where(m => m.Success)
            .ToDictionary(m => m.Groups["name"].Value, m => double.Parse(m.Groups["value"].Value, CultureInfo.InvariantCulture));

    /// <summary>A sample line of the text exposition format: name, optional labels (quoted values with escapes), value.</summary>
    [GeneratedRegex(@"^(?<name>[a-zA-Z_:][a-zA-Z0-9_:]*)(?<labels>\{(?:[^""}]|""(?:[^""\\]|\\.)*"")*\})?[ \t]+(?<value>\S+)$")]
    private static partial Regex Sample();
}
