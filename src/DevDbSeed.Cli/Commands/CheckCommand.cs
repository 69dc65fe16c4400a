using System.CommandLine;
using DevDbSeed.Cli.Output;
using DevDbSeed.Postgres.Pipeline;

namespace DevDbSeed.Cli.Commands;

internal static class CheckCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var options = new PipelineOptions();
        var command = new Command("check", "Read the source schema only, validate the rules against it and print what run would do per table. Writes nothing.\n\n" + Cli.ExitCodes)
        {
            options.Pipeline, options.Source,
        };
        command.SetAction((parse, _) => CommandRunner.RunAsync(error, async cancellationToken =>
        {
            var observer = new ConsoleObserver(output, error, verbosePlan: true);
            var runOptions = options.Resolve(parse, needsTarget: false, observer.Warning);
            await PipelineChecker.CheckAsync(runOptions, observer, cancellationToken);
            return 0;
        }));
        return command;
    }
}
