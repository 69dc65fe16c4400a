using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Invocation;

namespace DevDbSeed.Cli.Commands;

/// <summary>
/// <c>--help</c>: the root's help lists each command with its one-line summary and shows the exit codes once, after
/// the commands; a command's own help shows its fuller description and points to the root for the exit codes.
/// </summary>
internal sealed class CommandHelp(HelpAction help) : SynchronousCommandLineAction
{
    public const string ExitCodesPointer = "Exit codes: see devdbseed --help.";

    public override bool ClearsParseErrors => help.ClearsParseErrors;

    /// <summary>Wraps the help option's action of <paramref name="root"/> (its subcommands share the option).</summary>
    public static void Install(RootCommand root)
    {
        foreach (var option in root.Options.OfType<HelpOption>())
        {
            if (option.Action is HelpAction standard)
            {
                option.Action = new CommandHelp(standard);
            }
        }
    }

    public override int Invoke(ParseResult parseResult)
    {
        var command = parseResult.CommandResult.Command;
        if (command is RootCommand)
        {
            var exit = help.Invoke(parseResult);
            parseResult.InvocationConfiguration.Output.WriteLine(Cli.ExitCodes);
            return exit;
        }

        var summary = command.Description;
        command.Description = (command is DescribedCommand described ? described.FullDescription : summary) + "\n\n" + ExitCodesPointer;
        try
        {
            return help.Invoke(parseResult);
        }
        finally
        {
            command.Description = summary;
        }
    }
}
