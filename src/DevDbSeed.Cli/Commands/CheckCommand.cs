using System.CommandLine;
using DevDbSeed.Cli.Output;

namespace DevDbSeed.Cli.Commands;

internal static class CheckCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var arguments = new PipelineArguments();
        var command = new DescribedCommand("check", "Validate the rules against the source schema and print what run would do per table; writes nothing.",
            "Read the source schema only, validate the rules against it (every table and column classified, no rule naming what the "
            + "source does not have, known generators, values that fit their column) and print what run would do per table. Writes nothing.")
        {
            arguments.Pipeline, arguments.Source,
        };
        command.SetAction((parse, _) => CommandRunner.RunAsync(error, async cancellationToken =>
        {
            var observer = new ConsoleObserver(output, error, verbosePlan: true);
            var plan = await Seeder.CheckAsync(arguments.Options(parse), observer, cancellationToken);
            observer.Step($"the rules cover the source schema: {plan.RuleTables.Count} tables, {plan.MaskedColumnCount} masked columns");
            return 0;
        }));
        return command;
    }
}
