using System.CommandLine;
using DevDbSeed.Configuration;
using DevDbSeed.Errors;

namespace DevDbSeed.Cli.Commands;

/// <summary>The pipeline argument and the options that override the file's settings, shared by the pipeline commands.</summary>
internal sealed class PipelineArguments
{
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
        };
    }
}
