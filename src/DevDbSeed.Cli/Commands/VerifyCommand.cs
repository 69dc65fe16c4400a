using System.CommandLine;
using DevDbSeed.Cli.Output;

namespace DevDbSeed.Cli.Commands;

internal static class VerifyCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var arguments = new PipelineArguments();
        var command = new DescribedCommand("verify", "Prove that no original value of a masked column is in the target; writes nothing.",
            "Prove that no original value of a masked column is in the target: mask the source's originals again, compare "
            + "sampled rows by key with the same source rows, and search the target's masked and kept text, JSON and array columns for "
            + "them (exit 3 on any hit, counts only, never the values). Writes nothing.")
        {
            arguments.Pipeline, arguments.Source, arguments.SourceBackup, arguments.Target, arguments.Jobs, arguments.LogFormat,
        };
        command.SetAction((parse, _) =>
        {
            var log = arguments.Log(parse, error);
            return CommandRunner.RunAsync(log, async cancellationToken =>
            {
                var options = arguments.Options(parse, log);
                var result = await Seeder.VerifyAsync(options, RunDisplays.Lines(output, error, options.LogFormat), cancellationToken);
                result.ThrowIfLeaking("the target holds original values", "the target");
                return 0;
            });
        });
        return command;
    }
}
