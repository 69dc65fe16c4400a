using System.CommandLine;
using DevDbSeed.Cli.Output;
using DevDbSeed.Postgres.Pipeline;

namespace DevDbSeed.Cli.Commands;

internal static class VerifyCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var options = new PipelineOptions();
        var command = new DescribedCommand("verify", "Prove that no original value of a masked column is in the target; writes nothing.",
            "Prove that no original value of a masked column is in the target: mask the source's originals again, compare "
            + "sampled rows by key with the same source rows, and search the target's masked and kept text, JSON and array columns for "
            + "them (exit 3 on any hit, counts only, never the values). Writes nothing.")
        {
            options.Pipeline, options.Source, options.Target, options.Jobs,
        };
        command.SetAction((parse, _) => CommandRunner.RunAsync(error, async cancellationToken =>
        {
            var observer = new ConsoleObserver(output, error, verbosePlan: false);
            var runOptions = options.Resolve(parse, needsTarget: true, observer.Warning);
            var result = await PipelineVerifier.VerifyAsync(runOptions, observer, cancellationToken);
            result.ThrowIfLeaking("the target holds original values");
            return 0;
        }));
        return command;
    }
}
