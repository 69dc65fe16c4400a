using DevDbSeed.Configuration;
using DevDbSeed.Running;
using Spectre.Console;

namespace DevDbSeed.Cli.Output;

/// <summary>
/// Chooses how <c>run</c> shows a run: a live display when a person watches a capable terminal, plain timestamped
/// lines otherwise (redirected output such as a nightly job's log or CI, <c>--plain</c>, <c>NO_COLOR</c>,
/// <c>TERM=dumb</c>, a terminal without ANSI support, a CI system that Spectre.Console recognises).
/// </summary>
internal static class RunDisplays
{
    public static IRunDisplay Create(TextWriter output, TextWriter error, bool plain, CancellationToken cancellationToken) =>
        Create(output, error, plain, LogFormat.Text, cancellationToken);

    /// <summary>The display of a run; with <see cref="LogFormat.Json"/> JSON lines, never the live display.</summary>
    public static IRunDisplay Create(TextWriter output, TextWriter error, bool plain, LogFormat format, CancellationToken cancellationToken)
    {
        if (format == LogFormat.Json)
        {
            return new JsonLogObserver(output, error);
        }

        if (LiveConsole(output, plain) is { } console)
        {
            var errorIsTerminal = ReferenceEquals(error, Console.Error) && !Console.IsErrorRedirected;
            return new LiveObserver(console, error, errorIsTerminal, cancellationToken);
        }

        return new ConsoleObserver(output, error, verbosePlan: false);
    }

    /// <summary>The terminal a live display draws on when <paramref name="output"/> is one that may show it (<see cref="UsesLiveDisplay"/>); null: plain lines.</summary>
    public static IAnsiConsole? LiveConsole(TextWriter output, bool plain)
    {
        var outputIsTerminal = ReferenceEquals(output, Console.Out) && !Console.IsOutputRedirected;
        if (plain || !outputIsTerminal)
        {
            return null;
        }

        // Buffered (the live display flushes each frame whole) and Interactive: the display is on stdout, while
        // Spectre's own test also asks that stdin and stderr be terminals.
        var terminal = TextWriter.Synchronized(new StreamWriter(Console.OpenStandardOutput(), Console.OutputEncoding, 1 << 16) { AutoFlush = false });
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(terminal), Interactive = InteractionSupport.Yes });
        return UsesLiveDisplay(plain, outputIsTerminal, Environment.GetEnvironmentVariable, console.Profile.Capabilities) ? console : null;
    }

    /// <summary>How a command that is not a run shows its events: plain lines (warnings to <paramref name="error"/>), or JSON lines.</summary>
    public static IRunObserver Lines(TextWriter output, TextWriter error, LogFormat format) =>
        format == LogFormat.Json ? new JsonLogObserver(output, error) : new ConsoleObserver(output, error, verbosePlan: false);

    /// <summary>Whether a run gets the live display rather than plain lines.</summary>
    /// <param name="plain"><c>--plain</c> was given.</param>
    /// <param name="outputIsTerminal">Standard output is a terminal (not redirected to a file or a pipe).</param>
    /// <param name="environment">Reads an environment variable.</param>
    /// <param name="capabilities">What Spectre.Console found the terminal can do (CI systems are not interactive).</param>
    public static bool UsesLiveDisplay(bool plain, bool outputIsTerminal, Func<string, string?> environment, IReadOnlyCapabilities capabilities) =>
        !plain
        && outputIsTerminal
        && string.IsNullOrEmpty(environment("NO_COLOR"))
        && !string.Equals(environment("TERM"), "dumb", StringComparison.Ordinal)
        && capabilities.Ansi
        && capabilities.Interactive;
}
