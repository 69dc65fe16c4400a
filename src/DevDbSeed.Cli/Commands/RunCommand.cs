using System.CommandLine;
using DevDbSeed.Cli.Output;
using DevDbSeed.Postgres.Pipeline;

namespace DevDbSeed.Cli.Commands;

internal static class RunCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var options = new PipelineOptions();
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
            options.Pipeline, options.Source, options.Target, options.Jobs, plain,
        };
        command.SetAction((parse, _) => CommandRunner.RunAsync(error, async cancellationToken =>
        {
            using var display = RunDisplays.Create(output, error, parse.GetValue(plain), cancellationToken);
            var runOptions = options.Resolve(parse, needsTarget: true, display.Warning);
            var summary = await new PipelineRunner(runOptions, display).RunAsync(cancellationToken);
            display.Summary(summary);
            return 0;
        }));
        return command;
    }
}
