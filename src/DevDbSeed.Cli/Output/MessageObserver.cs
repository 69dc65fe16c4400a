using DevDbSeed.Running;

namespace DevDbSeed.Cli.Output;

/// <summary>The lines of a command that is not a run (rules init, sample create): each event's line, warnings to the error stream; no timestamps.</summary>
internal sealed class MessageObserver(TextWriter lines, TextWriter warnings) : IRunObserver
{
    private readonly Lock _lock = new();

    public void OnEvent(RunEvent runEvent)
    {
        var (writer, line) = runEvent is RunWarning warning ? (warnings, "warning: " + RunText.Warning(warning)) : (lines, RunText.Line(runEvent));
        if (line is null)
        {
            return;
        }

        lock (_lock)
        {
            writer.WriteLine(line);
            writer.Flush();
        }
    }
}
