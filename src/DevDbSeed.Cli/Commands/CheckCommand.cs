using System.CommandLine;
using DevDbSeed.Cli.Output;
using DevDbSeed.Postgres.Pipeline;

namespace DevDbSeed.Cli.Commands;

internal static class CheckCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var options = new PipelineOptions();
        var command = new DescribedCommand("check", "Validate the rules against the source schema and print what run would do per table; writes nothing.",
            "Read the source schema only, validate the rules against it (every table and column classified, no rule naming what the "
            + "source does not have, known generators, values that fit their column) and print what run would do per table. Writes nothing.")
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
