using System.CommandLine;
using DevDbSeed.Cli.Output;
using DevDbSeed.Configuration;
using DevDbSeed.Errors;

namespace DevDbSeed.Cli.Commands;

/// <summary>The pipeline argument and the options that override the file's settings, shared by the pipeline commands.</summary>
internal sealed class PipelineArguments
{
    public PipelineArguments() => LogFormat.AcceptOnlyFromAmong([.. LogFormats.Names]);

    public Argument<FileInfo> Pipeline { get; } = new("PIPELINE") { Description = "The pipeline file (pipelines/*.yaml)." };

    public Option<string?> Source { get; } = new("--source") { Description = "Source connection (postgresql:// URI or Npgsql keywords); replaces the pipeline's source or source_backup." };

    public Option<string?> SourceBackup { get; } = new("--source-backup")
    {
        Description = "A pg_dump archive (custom, directory or tar format), or a glob whose newest match is read, restored into a scratch database "
            + "and read instead of a live source; replaces the pipeline's source or source_backup.",
        HelpName = "FILE",
    };

    public Option<string?> Target { get; } = new("--target") { Description = "Target connection naming the dev database to replace; overrides the pipeline's." };

    public Option<int?> Jobs { get; } = new Option<int?>("--jobs", "-j") { Description = "Tables copied (or, for verify, read) in parallel; overrides the pipeline's (default 4)." }
        .InRange(1, PipelineFile.MaxJobs);

    public Option<string?> Summary { get; } = new("--summary")
    {
        Description = "Write a JSON summary of the run here when it ends, whatever the outcome (atomically); overrides the pipeline's summary:.",
    };

    public Option<string?> Metrics { get; } = new("--metrics")
    {
        Description = "Write Prometheus metrics of the run here (node_exporter's textfile collector, atomically); overrides the pipeline's metrics:.",
    };

    public Option<string?> LogFormat { get; } = new("--log-format")
    {
        Description = "text (the default: plain lines, or the live display in a terminal) or json (one JSON object per line on stdout and stderr, for log collectors); overrides the pipeline's log_format:.",
    };

    /// <summary>The pipeline file's settings, with what the command line overrides.</summary>
    public PipelineOptions Options(ParseResult parse)
    {
        var file = parse.GetValue(Pipeline)!;
        var options = PipelineOptions.Load(file.ToString());
        var (source, backup) = (parse.GetValue(Source), parse.GetValue(SourceBackup));
        if (source is not null && backup is not null)
        {
            throw new ConfigurationException("--source and --source-backup name two sources: give one");
        }

        return options with
        {
            Source = source ?? (backup is null ? options.Source : string.Empty), // either replaces both of the file's
            SourceBackup = backup ?? (source is null ? options.SourceBackup : null),
            Target = parse.GetValue(Target) ?? options.Target,
            Jobs = parse.GetValue(Jobs) ?? options.Jobs,
            SummaryFile = parse.GetValue(Summary) ?? options.SummaryFile,
            MetricsFile = parse.GetValue(Metrics) ?? options.MetricsFile,
            LogFormat = LogFormatGiven(parse) ?? options.LogFormat,
        };
    }

    /// <summary>
    /// <see cref="Options(ParseResult)"/>, and <paramref name="log"/> switched to the log format they give; when they cannot
    /// be had, to the format the command line or, read leniently, the pipeline file asks for, so the error prints in it.
    /// </summary>
    public PipelineOptions Options(ParseResult parse, CommandLog log)
    {
        try
        {
            var options = Options(parse);
            log.Format = options.LogFormat;
            return options;
        }
        catch (ConfigurationException)
        {
            log.Format = Reporting(parse).LogFormat ?? log.Format;
            throw;
        }
    }

    /// <summary>
    /// How the run reports itself when its options cannot be had: what the command line gives, else what the pipeline file
    /// says, read leniently (<see cref="PipelineReporting.Read"/>).
    /// </summary>
    public PipelineReporting Reporting(ParseResult parse)
    {
        var file = PipelineReporting.Read(parse.GetValue(Pipeline)!.ToString());
        return file with
        {
            SummaryFile = Given(parse, Summary) ?? file.SummaryFile,
            MetricsFile = Given(parse, Metrics) ?? file.MetricsFile,
            LogFormat = LogFormatGiven(parse) ?? file.LogFormat,
        };
    }

    /// <summary>The option's value when the command has it (run has --summary, verify has not); null otherwise.</summary>
    private static string? Given(ParseResult parse, Option<string?> option) =>
        parse.CommandResult.Command.Options.Contains(option) ? parse.GetValue(option) : null;

    /// <summary>The command's log, in the format the command line gives until the pipeline file is read (its errors then print in that format).</summary>
    public CommandLog Log(ParseResult parse, TextWriter error) => new(error, LogFormatGiven(parse) ?? Configuration.LogFormat.Text);

    /// <summary>The log format given on the command line (it wins over the pipeline file's); null: none.</summary>
    public Configuration.LogFormat? LogFormatGiven(ParseResult parse) => parse.GetValue(LogFormat) is { } name ? LogFormats.Find(name) : null;
}
