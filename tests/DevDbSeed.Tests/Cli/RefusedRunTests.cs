using System.Text.Json;
using DevDbSeed.Cli.Commands;
using DevDbSeed.Cli.Output;
using DevDbSeed.Errors;
using DevDbSeed.Journal;
using DevDbSeed.Tests.Support;

namespace DevDbSeed.Tests.Cli;

/// <summary>
/// A run refused before it begins (exit 2, no server needed) says so where it was asked to: its summary and metrics, from
/// the command line or the pipeline file, and its lines in JSON when JSON is asked for anywhere.
/// </summary>
public sealed class RefusedRunTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task A_pipeline_file_that_fails_validation_still_writes_its_refusal_where_it_says_and_logs_it_as_json()
    {
        var pipeline = Pipeline("jobs: 0\nsummary: out/summary.json\nmetrics: out/metrics.prom\nlog_format: json\n");
        Directory.CreateDirectory(Path.Combine(_dir.Root, "out"));
        var error = new StringWriter();

        var exitCode = await DevDbSeed.Cli.Commands.Cli.RunAsync(["run", pipeline], new StringWriter(), error);

        Assert.Equal(2, exitCode);
        var line = Assert.Single(Lines(error));
        Assert.Equal("error", Field(line, "event"));
        Assert.Contains("jobs", Field(line, "message"), StringComparison.Ordinal);
        using var summary = JsonDocument.Parse(File.ReadAllText(Path.Combine(_dir.Root, "out", "summary.json")));
        Assert.Equal("nightly", summary.RootElement.GetProperty("pipeline").GetString());
        Assert.Equal("refused", summary.RootElement.GetProperty("status").GetString());
        Assert.Equal("configuration", summary.RootElement.GetProperty("failure").GetProperty("stage").GetString());
        Assert.Contains("devdbseed_last_run_exit_code{pipeline=\"nightly\",target=\"\"} 2",
            File.ReadAllText(Path.Combine(_dir.Root, "out", "metrics.prom")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_run_command_line_that_does_not_parse_writes_its_refusal_where_its_pipeline_file_says()
    {
        var pipeline = Pipeline("summary: summary.json\nlog_format: json\n");
        var error = new StringWriter();

        var exitCode = await DevDbSeed.Cli.Commands.Cli.RunAsync(["run", pipeline, "--jobs", "0"], new StringWriter(), error);

        Assert.Equal(2, exitCode);
        Assert.All(Lines(error), l => Assert.Equal("usage_error", Field(l, "event")));
        using var summary = JsonDocument.Parse(File.ReadAllText(Path.Combine(_dir.Root, "summary.json")));
        Assert.Equal("refused", summary.RootElement.GetProperty("status").GetString());
    }

    [Theory]
    [InlineData("nosuchcommand", "--log-format", "json")]
    [InlineData("--log-format", "json", "nosuchcommand")]
    [InlineData("run", "--log-format=json")]
    [InlineData("--log-format:json", "verify", "--nosuchoption")]
    public async Task A_command_line_that_does_not_parse_prints_json_lines_when_it_asks_for_json_anywhere(params string[] args)
    {
        var error = new StringWriter();

        var exitCode = await DevDbSeed.Cli.Commands.Cli.RunAsync(args, new StringWriter(), error);

        Assert.Equal(2, exitCode);
        Assert.NotEmpty(Lines(error));
        Assert.All(Lines(error), l => Assert.Equal("usage_error", Field(l, "event")));
    }

    [Fact]
    public async Task Help_stays_text_with_json_logs()
    {
        var output = new StringWriter();

        Assert.Equal(0, await DevDbSeed.Cli.Commands.Cli.RunAsync(["run", "--help", "--log-format", "json"], output, new StringWriter()));

        Assert.Contains("--log-format", output.ToString(), StringComparison.Ordinal);
        Assert.False(output.ToString().TrimStart().StartsWith('{'));
    }

    [Fact]
    public async Task The_command_line_exits_with_the_code_the_summary_records_for_every_outcome()
    {
        Exception[] failures =
        [
            new RunFailedException("failed"), new ConfigurationException("bad"), new RulesMismatchException("refused", []),
            new InvalidOperationException("bug"), new OperationCanceledException(),
        ];

        foreach (var failure in failures)
        {
            var exitCode = await CommandRunner.RunAsync(new CommandLog(TextWriter.Null), _ => throw failure);

            Assert.Equal((int)RunOutcomes.ExitCodeOf(failure), exitCode);
        }
    }

    private string Pipeline(string settings)
    {
        _dir.Write("rules.yaml", "version: 1\ntables: {}\n");
        return _dir.Write("nightly.yaml", "source: postgresql://db/prod\ntarget: postgresql://dev/dev\nrules: rules.yaml\n" + settings);
    }

    private static List<string> Lines(StringWriter writer) => [.. writer.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries)];

    private static string Field(string line, string name) => JsonDocument.Parse(line).RootElement.GetProperty(name).GetString()!;
}
