using System.CommandLine;
using System.CommandLine.Parsing;
using DevDbSeed.Cli.Output;
using DevDbSeed.Errors;
using DevDbSeed.Journal;
using DevDbSeed.Running;

namespace DevDbSeed.Cli.Commands;

/// <summary>
/// The summary and metrics of a run that ended before it had its options (exit 2: a command line or pipeline file that
/// cannot be read), when the command line names the files: written by the library's code (<see cref="RunRecorder"/>,
/// <see cref="RunJournal"/>), as <see cref="Seeder.RunAsync"/> writes them for every later outcome.
/// </summary>
internal static class RunFiles
{
    /// <summary>The run's options; when they cannot be had, the files the command line names are written before the error goes on.</summary>
    public static PipelineOptions OptionsOrRecord(ParseResult parse, PipelineArguments arguments, CommandLog log)
    {
        try
        {
            return arguments.Options(parse, log);
        }
        catch (DevDbSeedException e)
        {
            Record(parse.GetValue(arguments.Pipeline)?.Name, parse.GetValue(arguments.Summary), parse.GetValue(arguments.Metrics), e, log);
            throw;
        }
    }

    /// <summary>
    /// <c>devdbseed run</c> given options that do not parse (<c>--jobs 0</c>): when <c>--summary</c> or <c>--metrics</c> could be
    /// read, they say so (exit 2). Reads the tokens the parser kept, as the values of other options may not convert.
    /// </summary>
    public static void RecordUsageError(ParseResult parse, CommandLog log)
    {
        if (parse.CommandResult is not { Command.Name: "run", Parent: CommandResult { Command: RootCommand } })
        {
            return;
        }

        string? Given(string name) => parse.CommandResult.Children.OfType<OptionResult>()
            .FirstOrDefault(o => o.Option.Name == name)?.Tokens.FirstOrDefault()?.Value;
        var pipeline = parse.CommandResult.Children.OfType<ArgumentResult>().FirstOrDefault()?.Tokens.FirstOrDefault()?.Value;
        var problems = parse.Errors.Select(e => e.Message).ToList();
        Record(pipeline, Given("--summary"), Given("--metrics"),
            new ConfigurationException(problems.Count == 1 ? problems[0] : $"the command line is not valid ({problems.Count} problems)"), log);
    }

    private static void Record(string? pipelineFile, string? summaryFile, string? metricsFile, Exception failure, CommandLog log)
    {
        if (summaryFile is null && metricsFile is null)
        {
            return;
        }

        var record = new RunRecorder(SilentObserver.Instance, Path.GetFileNameWithoutExtension(pipelineFile) ?? "devdbseed").Finish(failure);
        foreach (var problem in RunJournal.Write(record, summaryFile, metricsFile))
        {
            log.Warning(problem);
        }
    }
}
