using System.CommandLine;
using DevDbSeed.Cli.Commands;
using DevDbSeed.Configuration;
using DevDbSeed.Tests.Support;

namespace DevDbSeed.Tests.Cli;

/// <summary>The command line overrides the pipeline file's summary, metrics and log format; the log follows the format in force.</summary>
public sealed class PipelineArgumentsTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void The_command_lines_summary_metrics_and_log_format_win_over_the_pipeline_files()
    {
        var (arguments, command) = Command();
        var pipeline = Pipeline("summary: from-file.json\nmetrics: from-file.prom\nlog_format: text\n");

        var options = arguments.Options(command.Parse([pipeline, "--summary", "cli.json", "--metrics", "cli.prom", "--log-format", "json"]));

        Assert.Equal("cli.json", options.SummaryFile);
        Assert.Equal("cli.prom", options.MetricsFile);
        Assert.Equal(LogFormat.Json, options.LogFormat);
    }

    [Fact]
    public void Without_them_the_pipeline_files_settings_apply_relative_to_it_and_switch_the_log()
    {
        var (arguments, command) = Command();
        var pipeline = Pipeline("summary: out/summary.json\nmetrics: out/metrics.prom\nlog_format: json\n");
        var parse = command.Parse([pipeline]);
        var log = arguments.Log(parse, new StringWriter());

        var options = arguments.Options(parse, log);

        Assert.Equal(Path.Combine(_dir.Root, "out", "summary.json"), options.SummaryFile);
        Assert.Equal(Path.Combine(_dir.Root, "out", "metrics.prom"), options.MetricsFile);
        Assert.Equal("nightly", options.Name);
        Assert.Equal(LogFormat.Text, arguments.Log(parse, TextWriter.Null).Format);
        Assert.Equal(LogFormat.Json, log.Format);
    }

    [Fact]
    public void A_log_format_that_does_not_exist_is_a_parse_error()
    {
        var (_, command) = Command();

        Assert.NotEmpty(command.Parse([Pipeline(string.Empty), "--log-format", "xml"]).Errors);
    }

    private static (PipelineArguments Arguments, Command Command) Command()
    {
        var arguments = new PipelineArguments();
        return (arguments, new Command("run") { arguments.Pipeline, arguments.Summary, arguments.Metrics, arguments.LogFormat });
    }

    private string Pipeline(string settings)
    {
        _dir.Write("rules.yaml", "version: 1\ntables: {}\n");
        return _dir.Write("nightly.yaml", "source: postgresql://db/prod\ntarget: postgresql://dev/dev\nrules: rules.yaml\n" + settings);
    }
}
