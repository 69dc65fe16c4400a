using System.CommandLine;
using DevDbSeed.Configuration;

namespace DevDbSeed.Cli.Commands;

/// <summary>The pipeline argument and the options that override the file's settings, shared by the pipeline commands.</summary>
internal sealed class PipelineArguments
{
    public Argument<FileInfo> Pipeline { get; } = new("PIPELINE") { Description = "The pipeline file (pipelines/*.yaml)." };

    public Option<string?> Source { get; } = new("--source") { Description = "Source connection (postgresql:// URI or Npgsql keywords); overrides the pipeline's." };

    public Option<string?> Target { get; } = new("--target") { Description = "Target connection naming the dev database to replace; overrides the pipeline's." };

    public Option<int?> Jobs { get; } = new Option<int?>("--jobs", "-j") { Description = "Tables copied (or, for verify, read) in parallel; overrides the pipeline's (default 4)." }
        .InRange(1, PipelineFile.MaxJobs);

    /// <summary>The pipeline file's settings, with what the command line overrides.</summary>
    public PipelineOptions Options(ParseResult parse)
    {
        var file = parse.GetValue(Pipeline)!;
        var options = PipelineOptions.Load(file.ToString());
        return options with
        {
            Source = parse.GetValue(Source) ?? options.Source,
            Target = parse.GetValue(Target) ?? options.Target,
            Jobs = parse.GetValue(Jobs) ?? options.Jobs,
        };
    }
}
