using System.CommandLine;

namespace DevDbSeed.Cli.Commands;

/// <summary>A command with a one-line summary, listed in its parent's help, and a fuller description for its own help.</summary>
internal sealed class DescribedCommand(string name, string summary, string description) : Command(name, summary)
{
    /// <summary>What the command's own <c>--help</c> says it does.</summary>
    public string FullDescription { get; } = description;
}
