using System.CommandLine;
using System.CommandLine.Parsing;
using DevDbSeed.Cli.Output;
using DevDbSeed.Configuration;
using DevDbSeed.Errors;
using DevDbSeed.Journal;

namespace DevDbSeed.Cli.Commands;

/// <summary>
/// The summary and metrics of a run refused before it had its options (exit 2: a command line or pipeline file that
/// cannot be read), where the command line or, read leniently, the pipeline file names them: the command line's part
/// (which tokens name the files); the writing is the library's (<see cref="RunJournal.WriteRefusal"/>), as
/// <see cref="Seeder.RunAsync"/> writes them for every later outcome.
/// </summary>
internal static class RunFiles
{
    /// <summary>The run's options; when they cannot be had, the refusal is written where it should be before the error goes on.</summary>
    public static PipelineOptions OptionsOrRecord(ParseResult parse, PipelineArguments arguments, CommandLog log)
    {
        try
        {
            return arguments.Options(parse, log);
        }
        catch (DevDbSeedException e)
        {
            Write(arguments.Reporting(parse), e, log);
            throw;
        }
    }

    /// <summary>
    /// How <c>devdbseed run</c> given options that do not parse (<c>--jobs 0</c>) reports itself: the <c>--summary</c>,
    /// <c>--metrics</c> and <c>--log-format</c> it was given, else its pipeline file's; null for other commands. Reads the
    /// tokens the parser kept, as the values of other options may not convert.
    /// </summary>
    public static PipelineReporting? OfUsageError(ParseResult parse)
    {
        if (parse.CommandResult is not { Command.Name: "run", Parent: CommandResult { Command: RootCommand } } run)
        {
            return null;
        }

        string? Given(string name) => run.Children.OfType<OptionResult>().FirstOrDefault(o => o.Option.Name == name)?.Tokens.FirstOrDefault()?.Value;
        var pipeline = run.Children.OfType<ArgumentResult>().FirstOrDefault()?.Tokens.FirstOrDefault()?.Value;
        var file = pipeline is null ? new PipelineReporting(RunJournal.UnnamedPipeline, null, null, null) : PipelineReporting.Read(pipeline);
        return file with
        {
            SummaryFile = Given("--summary") ?? file.SummaryFile,
            MetricsFile = Given("--metrics") ?? file.MetricsFile,
            LogFormat = Given("--log-format") is { } format ? LogFormats.Find(format) ?? file.LogFormat : file.LogFormat,
        };
    }

    /// <summary>Writes the refusal to the files of <paramref name="reporting"/>; a file that cannot be written is a warning.</summary>
    public static void Write(PipelineReporting reporting, Exception failure, CommandLog log)
    {
        foreach (var problem in RunJournal.WriteRefusal(reporting.Pipeline, failure, reporting.SummaryFile, reporting.MetricsFile))
        {
            log.Warning(problem);
        }
    }

    /// <summary>The refusal of a command line that does not parse: its problems, as one error.</summary>
    public static ConfigurationException UsageError(IReadOnlyList<string> problems) =>
        new(problems.Count == 1 ? problems[0] : $"the command line is not valid ({problems.Count} problems)");
}
