using System.CommandLine;
using DevDbSeed.Cli.Output;
using DevDbSeed.Reporting;

namespace DevDbSeed.Cli.Commands;

internal static class ReportCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var arguments = new PipelineArguments();
        var format = new Option<string>("--format") { Description = "md, html or json.", DefaultValueFactory = _ => "md" };
        format.AcceptOnlyFromAmong([.. ReportRenderer.Formats]);
        var file = new Option<FileInfo?>("--output", "-o") { Description = "Write the report here instead of standard output." };
        var sample = new Option<int>("--sample") { Description = $"Rows sampled per table for the content scan (default {RulesInitOptions.DefaultSampleRows}).", DefaultValueFactory = _ => RulesInitOptions.DefaultSampleRows }
            .InRange(0, RulesInitOptions.MaxSampleRows);
        var command = new DescribedCommand("report", "The reviewer's view of the rules against the live source schema (md, html or json); reads only.",
            "The reviewer's view of the rules against the live source schema: per table and column what happens, how unique "
            + "columns stay unique, JSON members masked and left, and warnings where kept data looks personal (content scan of a sample). Reads only.")
        {
            arguments.Pipeline, arguments.Source, arguments.SourceBackup, format, file, sample,
        };
        command.SetAction((parse, _) => CommandRunner.RunAsync(error, async cancellationToken =>
        {
            var quiet = new ConsoleObserver(TextWriter.Null, error, verbosePlan: false);
            var report = await Seeder.ReportAsync(arguments.Options(parse), parse.GetValue(sample), quiet, cancellationToken);
            var text = ReportRenderer.Render(report, parse.GetValue(format)!);
            if (parse.GetValue(file) is { } destination)
            {
                await File.WriteAllTextAsync(destination.FullName, text, cancellationToken);
                await error.WriteLineAsync($"written: {destination} ({report.Counts.Warnings} warnings)");
            }
            else
            {
                await output.WriteAsync(text);
            }

            return 0;
        }));
        return command;
    }
}
