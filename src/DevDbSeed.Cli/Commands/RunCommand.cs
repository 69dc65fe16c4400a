using System.CommandLine;
using DevDbSeed.Cli.Output;
using DevDbSeed.Postgres.Pipeline;

namespace DevDbSeed.Cli.Commands;

internal static class RunCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var options = new PipelineOptions();
        var command = new Command("run", "Copy the source into a new dev database, masking on the way, and swap it in for the target.\n\n" + Cli.ExitCodes)
        {
            options.Pipeline, options.Source, options.Target, options.Jobs,
        };
        command.SetAction((parse, _) => CommandRunner.RunAsync(error, async cancellationToken =>
        {
            var observer = new ConsoleObserver(output, error, verbosePlan: false);
            var runOptions = options.Resolve(parse, needsTarget: true, observer.Warning);
            var summary = await new PipelineRunner(runOptions, observer).RunAsync(cancellationToken);
            observer.Summary(summary);
            return 0;
        }));
        return command;
    }
}
