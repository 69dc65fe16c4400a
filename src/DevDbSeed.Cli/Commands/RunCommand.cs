using System.CommandLine;
using DevDbSeed.Cli.Output;

namespace DevDbSeed.Cli.Commands;

internal static class RunCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var arguments = new PipelineArguments();
        var plain = new Option<bool>("--plain")
        {
            Description = "Print plain timestamped lines, as when the output is redirected, instead of the live progress display of a terminal.",
        };
        var command = new DescribedCommand("run", "Copy the source into a new dev database, masking on the way, and swap it in for the target.",
            "Copy the source into a new dev database, masking on the way, and swap it in for the target. The rows come from one snapshot "
            + "of the source; the new database is built beside the target, searched for original values of masked columns (as verify does, "
            + "unless the pipeline turns verify off) and only then renamed over the target: a run that fails or is interrupted leaves the "
            + "target exactly as it was. With --summary and --metrics, says how it went in a JSON document and in Prometheus metrics, "
            + "whatever the outcome.")
        {
            arguments.Pipeline, arguments.Source, arguments.SourceBackup, arguments.Target, arguments.Jobs, plain, arguments.Summary, arguments.Metrics,
            arguments.LogFormat,
        };
        command.SetAction((parse, _) =>
        {
            var log = arguments.Log(parse, error);
            return CommandRunner.RunAsync(log, async cancellationToken =>
            {
                var options = RunFiles.OptionsOrRecord(parse, arguments, log);
                using var display = RunDisplays.Create(output, error, parse.GetValue(plain), options.LogFormat, cancellationToken);
                var summary = await Seeder.RunAsync(options, display, cancellationToken);
                display.Summary(summary);
                return 0;
            });
        });
        return command;
    }
}
