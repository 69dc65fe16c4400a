using System.CommandLine;
using DevDbSeed.Configuration;
using DevDbSeed.Postgres.Pipeline;

namespace DevDbSeed.Cli.Commands;

/// <summary>The pipeline argument and the options that override it, shared by run and check.</summary>
internal sealed class PipelineOptions
{
    public Argument<FileInfo> Pipeline { get; } = new("PIPELINE") { Description = "The pipeline file (pipelines/*.yaml)." };

    public Option<string?> Source { get; } = new("--source") { Description = "Source connection (postgresql:// URI or Npgsql keywords); overrides the pipeline's." };

    public Option<string?> Target { get; } = new("--target") { Description = "Target connection naming the dev database to replace; overrides the pipeline's." };

    public Option<int?> Jobs { get; } = new Option<int?>("--jobs", "-j") { Description = "Tables copied (or, for verify, read) in parallel; overrides the pipeline's (default 4)." }
        .InRange(1, PipelineFile.MaxJobs);

    public RunOptions Resolve(ParseResult parse, bool needsTarget, Action<string> warn)
    {
        var file = parse.GetValue(Pipeline)!;
        if (!file.Exists)
        {
            throw new DevDbSeed.Errors.ConfigurationException($"pipeline file {file} does not exist");
        }

        var pipeline = PipelineFile.Load(file.ToString());
        return RunOptions.Resolve(pipeline, parse.GetValue(Source), needsTarget ? parse.GetValue(Target) : null, parse.GetValue(Jobs), needsTarget,
            Environment.GetEnvironmentVariable, warn);
    }
}
