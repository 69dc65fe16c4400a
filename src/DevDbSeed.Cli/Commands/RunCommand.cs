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
            + "target exactly as it was.")
        {
            arguments.Pipeline, arguments.Source, arguments.SourceBackup, arguments.Target, arguments.Jobs, plain,
        };
        command.SetAction((parse, _) => CommandRunner.RunAsync(error, async cancellationToken =>
        {
            using var display = RunDisplays.Create(output, error, parse.GetValue(plain), cancellationToken);
            var summary = await Seeder.RunAsync(arguments.Options(parse), display, cancellationToken);
            display.Summary(summary);
            return 0;
        }));
        return command;
    }
}
