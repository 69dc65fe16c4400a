using System.Security.Cryptography;
using System.Text.Json;
using System.Text.RegularExpressions;
using DevDbSeed.IntegrationTests.Infrastructure;
using DevDbSeed.Running;

namespace DevDbSeed.IntegrationTests.Journal;

/// <summary>
/// What the nightly job tells its scheduler and its dashboard, against a real server: the summary and the metrics are
/// written whatever the outcome, and with <c>--log-format json</c> every line printed is a JSON object.
/// </summary>
public sealed partial class RunJournalTests : PeopleScenario
{
    private string SummaryFile => Path.Combine(Pipelines.Directory, "summary.json");

    private string MetricsFile => Path.Combine(Pipelines.Directory, "metrics.prom");

    [Fact]
    public async Task A_run_with_summary_metrics_and_json_logs_exits_0_writes_both_and_prints_only_json_objects()
    {
        var pipeline = Pipelines.Pipeline(Databases.Uri(Source), Databases.Uri(Target), name: "nightly.yaml");

        var first = await Devdbseed.RunAsync("run", pipeline, "--summary", SummaryFile, "--metrics", MetricsFile, "--log-format", "json");
        var second = await Devdbseed.RunAsync("run", pipeline, "--summary", SummaryFile, "--metrics", MetricsFile, "--log-format", "json");

        Outputs.ExitCode(0, first);
        Outputs.ExitCode(0, second);
        Outputs.AllJsonObjects(first);
        Assert.Contains(Lines(first.Output), l => l.Contains("\"event\":\"table_finished\"", StringComparison.Ordinal));
        using var summary = JsonDocument.Parse(File.ReadAllText(SummaryFile));
        var root = summary.RootElement;
        Assert.Equal(0, root.GetProperty("exit_code").GetInt32());
        Assert.Equal("succeeded", root.GetProperty("status").GetString());
        Assert.Equal("nightly", root.GetProperty("pipeline").GetString());
        Assert.Equal(Source, root.GetProperty("source").GetProperty("database").GetString());
        Assert.True(DateTimeOffset.TryParse(root.GetProperty("source").GetProperty("snapshot_taken_at").GetString(), out _));
        Assert.Equal(Target, root.GetProperty("target").GetProperty("database").GetString());
        Assert.True(root.GetProperty("target").GetProperty("previous_kept").GetBoolean(), "the second run kept the first one's copy");
        Assert.Equal(RulesSha256(), root.GetProperty("rules_files")[0].GetProperty("sha256").GetString());
        var people = Assert.Single(root.GetProperty("tables").EnumerateArray());
        Assert.Equal(300, people.GetProperty("rows").GetInt64());
        Assert.Equal(600, people.GetProperty("masked_values").GetInt64());
        Assert.Equal(0, root.GetProperty("verification").GetProperty("hits").GetInt64());
        Assert.Equal("swap", root.GetProperty("steps").EnumerateArray().Last().GetProperty("step").GetString());
        var metrics = Metrics();
        Assert.Equal(0, metrics["devdbseed_last_run_exit_code"]);
        Assert.Equal(300, metrics["devdbseed_last_run_rows"]);
        Assert.Equal(metrics["devdbseed_last_run_timestamp_seconds"], metrics["devdbseed_last_success_timestamp_seconds"]);
        foreach (var text in new[] { File.ReadAllText(SummaryFile), File.ReadAllText(MetricsFile), first.All, second.All })
        {
            Assert.DoesNotContain(Pipelines.Secret, text, StringComparison.Ordinal);
            Assert.DoesNotContain("@corp.example", text, StringComparison.Ordinal); // the originals of the masked e-mails
        }

        Assert.Equal(["metrics.prom", "nightly.yaml", "rules.yaml", "summary.json"], Files());
    }

    [Fact]
    public async Task An_unclassified_column_exits_3_lists_it_in_the_summary_and_the_metrics_carry_the_last_success_over()
    {
        var extra = "summary: summary.json\nmetrics: metrics.prom\nlog_format: json";
        var pipeline = Pipelines.Pipeline(Databases.Uri(Source), Databases.Uri(Target), extra: extra, name: "nightly.yaml");
        Outputs.ExitCode(0, await Devdbseed.RunAsync("run", pipeline));
        var succeeded = Metrics()["devdbseed_last_success_timestamp_seconds"];
        var before = await Databases.StateAsync(Target);
        await Databases.ExecuteAsync(Source, "ALTER TABLE people ADD COLUMN phone text");

        var refused = await Devdbseed.RunAsync("run", pipeline);

        Outputs.ExitCode(3, refused);
        Outputs.AllJsonObjects(refused);
        Assert.Contains(Lines(refused.Error), l => l.Contains("\"event\":\"error\"", StringComparison.Ordinal) && l.Contains("public.people.phone", StringComparison.Ordinal));
        using var summary = JsonDocument.Parse(File.ReadAllText(SummaryFile));
        var root = summary.RootElement;
        Assert.Equal(3, root.GetProperty("exit_code").GetInt32());
        Assert.Equal("refused", root.GetProperty("status").GetString());
        Assert.Equal("plan", root.GetProperty("failure").GetProperty("stage").GetString());
        Assert.Equal(["public.people.phone"], root.GetProperty("unclassified").EnumerateArray().Select(n => n.GetString()));
        var metrics = Metrics();
        Assert.Equal(3, metrics["devdbseed_last_run_exit_code"]);
        Assert.Equal(1, metrics["devdbseed_last_run_unclassified_columns"]);
        Assert.Equal(succeeded, metrics["devdbseed_last_success_timestamp_seconds"]);
        Assert.True(metrics["devdbseed_last_run_timestamp_seconds"] > succeeded);
        Assert.Equal(before, await Databases.StateAsync(Target));
    }

    [Fact]
    public async Task A_rules_file_that_is_not_yaml_exits_2_with_a_refused_summary()
    {
        Pipelines.Write("rules.yaml", "version: 1\ntables:\n  public.people: [\n");
        var pipeline = Pipelines.Pipeline(Databases.Uri(Source), Databases.Uri(Target));

        var result = await Devdbseed.RunAsync("run", pipeline, "--summary", SummaryFile, "--metrics", MetricsFile, "--log-format", "json");

        Outputs.ExitCode(2, result);
        Outputs.AllJsonObjects(result);
        using var summary = JsonDocument.Parse(File.ReadAllText(SummaryFile));
        Assert.Equal("refused", summary.RootElement.GetProperty("status").GetString());
        Assert.Equal("configuration", summary.RootElement.GetProperty("failure").GetProperty("stage").GetString());
        Assert.Contains("rules.yaml:4:1", summary.RootElement.GetProperty("failure").GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal(2, Metrics()["devdbseed_last_run_exit_code"]);
        Assert.False(await Databases.ExistsAsync(Target));
    }

    [Fact]
    public async Task A_pipeline_file_that_cannot_be_read_exits_2_and_still_writes_the_summary_the_command_line_names()
    {
        var pipeline = Pipelines.Write("broken.yaml", "source: [\n");

        var result = await Devdbseed.RunAsync("run", pipeline, "--summary", SummaryFile, "--log-format", "json");
        var usage = await Devdbseed.RunAsync("run", pipeline, "--jobs", "0", "--metrics", MetricsFile, "--log-format", "json");

        Outputs.ExitCode(2, result);
        Outputs.ExitCode(2, usage);
        Outputs.AllJsonObjects(result);
        Outputs.AllJsonObjects(usage);
        using var summary = JsonDocument.Parse(File.ReadAllText(SummaryFile));
        Assert.Equal("broken", summary.RootElement.GetProperty("pipeline").GetString());
        Assert.Equal("refused", summary.RootElement.GetProperty("status").GetString());
        Assert.Equal(2, Metrics()["devdbseed_last_run_exit_code"]);
    }

    [Fact]
    public async Task A_pipeline_file_that_fails_validation_writes_its_refusal_where_it_says_and_the_targets_last_success_stays()
    {
        var extra = "summary: summary.json\nmetrics: metrics.prom\nlog_format: json";
        Outputs.ExitCode(0, await Devdbseed.RunAsync("run", Pipelines.Pipeline(Databases.Uri(Source), Databases.Uri(Target), extra: extra, name: "nightly.yaml")));
        var succeeded = Metrics()["devdbseed_last_success_timestamp_seconds"];
        var pipeline = Pipelines.Pipeline(Databases.Uri(Source), Databases.Uri(Target), jobs: 0, extra: extra, name: "nightly.yaml");

        var refused = await Devdbseed.RunAsync("run", pipeline);

        Outputs.ExitCode(2, refused);
        Outputs.AllJsonObjects(refused);
        using var summary = JsonDocument.Parse(File.ReadAllText(SummaryFile));
        Assert.Equal("refused", summary.RootElement.GetProperty("status").GetString());
        Assert.Equal("configuration", summary.RootElement.GetProperty("failure").GetProperty("stage").GetString());
        Assert.Contains("jobs", summary.RootElement.GetProperty("failure").GetProperty("message").GetString(), StringComparison.Ordinal);
        var metrics = File.ReadAllText(MetricsFile);
        Assert.Contains($"devdbseed_last_run_exit_code{{pipeline=\"nightly\",target=\"{Target}\"}} 2\n", metrics, StringComparison.Ordinal);
        Assert.Equal(succeeded, Metrics()["devdbseed_last_success_timestamp_seconds"]);
    }

    [Fact]
    public async Task A_summary_whose_folder_does_not_exist_refuses_the_run_before_it_begins_in_one_line_and_the_metrics_say_so()
    {
        var pipeline = Pipelines.Pipeline(Databases.Uri(Source), Databases.Uri(Target));
        var summary = Path.Combine(Pipelines.Directory, "missing", "summary.json");

        var result = await Devdbseed.RunAsync("run", pipeline, "--summary", summary, "--metrics", MetricsFile);

        Outputs.ExitCode(2, result);
        Assert.Equal([$"error: the summary file {summary} cannot be written: its folder does not exist"], Lines(result.Error));
        Assert.Equal(2, Metrics()["devdbseed_last_run_exit_code"]);
        Assert.False(await Databases.ExistsAsync(Target));
    }

    [Fact]
    public async Task A_cancelled_run_throws_and_writes_an_interrupted_summary()
    {
        var pipeline = Pipelines.Pipeline(Databases.Uri(Source), Databases.Uri(Target));
        var options = PipelineOptions.Load(pipeline) with { SummaryFile = SummaryFile, MetricsFile = MetricsFile };
        using var interrupt = new CancellationTokenSource();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Seeder.RunAsync(options, new CancelOnFirstTable(interrupt), interrupt.Token));

        using var summary = JsonDocument.Parse(File.ReadAllText(SummaryFile));
        Assert.Equal(130, summary.RootElement.GetProperty("exit_code").GetInt32());
        Assert.Equal("interrupted", summary.RootElement.GetProperty("status").GetString());
        Assert.Equal("rows", summary.RootElement.GetProperty("failure").GetProperty("stage").GetString());
        Assert.Equal(130, Metrics()["devdbseed_last_run_exit_code"]);
        Assert.DoesNotContain("devdbseed_last_success_timestamp_seconds", File.ReadAllText(MetricsFile), StringComparison.Ordinal);
        Assert.False(await Databases.ExistsAsync(Target));
    }


    private static IEnumerable<string> Lines(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries);

    private Dictionary<string, double> Metrics() =>
        File.ReadAllLines(MetricsFile).Select(l => Sample().Match(l)).Where(m => m.Success)
            .ToDictionary(m => m.Groups["name"].Value, m => double.Parse(m.Groups["value"].Value, System.Globalization.CultureInfo.InvariantCulture));

    private string RulesSha256() => Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(Path.Combine(Pipelines.Directory, "rules.yaml"))));

    /// <summary>The folder's entries: the files written atomically leave no temporary file beside them.</summary>
    private List<string> Files() => [.. Directory.GetFiles(Pipelines.Directory).Select(f => Path.GetFileName(f)).Order(StringComparer.Ordinal)];

    [GeneratedRegex(@"^(?<name>devdbseed_[a-z_]+)\{pipeline=""[^""]*"",target=""[^""]*""\} (?<value>\S+)$")]
    private static partial Regex Sample();

    private sealed class CancelOnFirstTable(CancellationTokenSource interrupt) : IRunObserver
    {
        public void OnEvent(RunEvent runEvent)
        {
            if (runEvent is TableStarted)
            {
                interrupt.Cancel();
            }
        }
    }
}
