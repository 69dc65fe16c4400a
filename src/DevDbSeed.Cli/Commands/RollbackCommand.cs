using System.CommandLine;
using DevDbSeed.Cli.Output;

namespace DevDbSeed.Cli.Commands;

internal static class RollbackCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var arguments = new PipelineArguments();
        var command = new DescribedCommand("rollback", "Swap <target>_previous back in for the target; a second rollback undoes the first.",
            "Swap <target>_previous, the copy the last run replaced, back in for the target, in one transaction: the current target "
            + "becomes <target>_previous, so a second rollback undoes the first. Takes the lock a run takes (a run under way fails it, "
            + "and it fails a run), and refuses clients connected to either database unless the pipeline sets terminate_connections. "
            + "Needs only the target: the pipeline's source, rules and secret are not read. Without a previous copy it fails and changes nothing.")
        {
            arguments.Pipeline, arguments.Target, arguments.LogFormat,
        };
        command.SetAction((parse, _) =>
        {
            var log = arguments.Log(parse, error);
            return CommandRunner.RunAsync(log, async cancellationToken =>
            {
                var options = arguments.Options(parse, log);
                await Seeder.RollbackAsync(options, RunDisplays.Lines(output, error, options.LogFormat), cancellationToken);
                return 0;
            });
        });
        return command;
    }
}
