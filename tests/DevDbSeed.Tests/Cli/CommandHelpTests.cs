using DevDbSeed.Cli.Commands;
using CommandLine = DevDbSeed.Cli.Commands.Cli;

namespace DevDbSeed.Tests.Cli;

public sealed class CommandHelpTests
{
    private const string ExitCodeRow = "130  interrupted";

    [Fact]
    public async Task The_root_help_lists_each_command_on_one_line_and_shows_the_exit_codes_once()
    {
        var help = await HelpAsync("--help");

        Assert.Equal(1, Count(help, "Exit codes:"));
        Assert.Equal(1, Count(help, ExitCodeRow));
        Assert.Equal(CommandLine.ExitCodes, help.TrimEnd()[^CommandLine.ExitCodes.Length..]);
        var commands = help.Split('\n').SkipWhile(l => l != "Commands:").Skip(1).TakeWhile(l => l.Length > 0).ToList();
        Assert.Equal(["run", "rollback", "check", "verify", "rules", "report", "sample", "snapshot"], commands.Select(l => l.TrimStart().Split(' ')[0]));
        Assert.Contains("  run <PIPELINE>       Copy the source into a new dev database, masking on the way, and swap it in for the target.", commands);
    }

    [Theory]
    [InlineData("run", "searched for original values of masked columns")]
    [InlineData("rollback", "so a second rollback undoes the first")]
    [InlineData("check", "every table and column classified")]
    [InlineData("verify", "compare sampled rows by key")]
    [InlineData("rules", "Rules files: write them from a database; print their JSON Schema; compare two versions of them.")]
    [InlineData("rules init", "With --update, add to an existing rules file")]
    [InlineData("rules schema", "JSON Schema of rules files")]
    [InlineData("rules diff", "a change it cannot judge counts as weakened")]
    [InlineData("report", "warnings where kept data looks personal")]
    [InlineData("sample", "The Vibe Code Academy sample database.")]
    [InlineData("sample create", "partitioned payments")]
    [InlineData("snapshot create", "production can never be packaged by mistake")]
    [InlineData("snapshot create", "with --sign manifest.sig (ECDSA P-256")]
    [InlineData("snapshot restore", "a tampered, truncated or unsigned-when-a-key-is-given file is refused (exit 2)")]
    [InlineData("snapshot restore", "Download the file first when given an http(s) URL")]
    [InlineData("snapshot key", "Make the key pair that signs snapshots")]
    [InlineData("snapshot key create", "Existing files are never replaced (exit 2)")]
    public async Task A_commands_own_help_gives_its_full_description_and_points_to_the_exit_codes_without_repeating_them(string command, string description)
    {
        var help = await HelpAsync([.. command.Split(' '), "--help"]);

        Assert.Contains(description, help, StringComparison.Ordinal);
        Assert.Equal(1, Count(help, CommandHelp.ExitCodesPointer));
        Assert.Equal(0, Count(help, ExitCodeRow));
    }

    [Fact]
    public async Task The_root_help_lists_the_summary_of_a_command_not_its_full_description()
    {
        var help = await HelpAsync("--help");

        Assert.DoesNotContain("searched for original values of masked columns", help, StringComparison.Ordinal);
        Assert.DoesNotContain(CommandHelp.ExitCodesPointer, help, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_help_of_a_command_leaves_its_description_as_it_was_for_the_next_help()
    {
        var first = await HelpAsync("run", "--help");

        Assert.Equal(first, await HelpAsync("run", "--help"));
        Assert.Equal(1, Count(first, CommandHelp.ExitCodesPointer));
    }

    private static async Task<string> HelpAsync(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();

        Assert.Equal(0, await CommandLine.RunAsync(args, output, error));

        Assert.Equal(string.Empty, error.ToString());
        return output.ToString().ReplaceLineEndings("\n");
    }

    private static int Count(string text, string part) => (text.Length - text.Replace(part, string.Empty, StringComparison.Ordinal).Length) / part.Length;
}
