using Spectre.Console;
using Spectre.Console.Rendering;

namespace DevDbSeed.Cli.Output;

/// <summary>What a bar's own columns show (kept on the task; set and read on the display thread).</summary>
internal sealed class Figures
{
    public long Bytes { get; set; }

    public long Size { get; set; }

    public TimeSpan Elapsed { get; set; }
}

/// <summary>
/// A line printed above the live area (Spectre moves the cursor to the area's top first, and draws the area again
/// after it). It erases the old frame first: a line longer than the terminal is wide wraps onto rows of the frame
/// and would leave pieces of it behind. Spectre does not wrap it, so the terminal does, as for any plain line.
/// </summary>
internal sealed class LogLine(string? stamp, string text) : IRenderable
{
    private static readonly Segment EraseBelow = Segment.Control("\u001b[J");
    private static readonly Style Dim = new(Color.Grey);

    public Measurement Measure(RenderOptions options, int maxWidth) => new(1, maxWidth);

    public IEnumerable<Segment> Render(RenderOptions options, int maxWidth)
    {
        yield return EraseBelow;
        if (stamp is not null)
        {
            yield return new Segment(stamp, Dim);
            yield return new Segment(" ");
        }

        yield return new Segment(text);
        yield return Segment.LineBreak;
    }
}

/// <summary>A spinner that turns as long as its bar is shown (Spectre's stops at 100%, though the run goes on).</summary>
internal sealed class TurningColumn : ProgressColumn
{
    protected override bool NoWrap => true;

    public override IRenderable Render(RenderOptions options, ProgressTask task, TimeSpan deltaTime)
    {
        var spinner = options.Unicode ? Spinner.Known.Dots : Spinner.Known.Line;
        var elapsed = task.Tag is Figures figures ? figures.Elapsed : TimeSpan.Zero;
        var frame = (int)(elapsed / spinner.Interval) % spinner.Frames.Count;
        return new Text(spinner.Frames[frame], new Style(Color.Yellow));
    }

    public override int? GetColumnWidth(RenderOptions options) => 1;
}

/// <summary><c>142.3/476.4 MB</c>: source bytes read and the size on disk they are measured against.</summary>
internal sealed class BytesColumn : ProgressColumn
{
    protected override bool NoWrap => true;

    public override IRenderable Render(RenderOptions options, ProgressTask task, TimeSpan deltaTime) =>
        task.Tag is Figures { Size: > 0 } figures
            ? new Text($"{RunText.MegabyteCount(figures.Bytes)}/{RunText.Megabytes(figures.Size)}", new Style(Color.Grey)).RightJustified()
            : Text.Empty;
}

/// <summary><c>01:23</c>: the table's copy time, or the whole run's for the overall bar.</summary>
internal sealed class TimeColumn : ProgressColumn
{
    protected override bool NoWrap => true;

    public override IRenderable Render(RenderOptions options, ProgressTask task, TimeSpan deltaTime) =>
        task.Tag is Figures figures ? new Text(RunText.Stamp(figures.Elapsed)[1..^1], new Style(Color.Blue)) : Text.Empty;
}
