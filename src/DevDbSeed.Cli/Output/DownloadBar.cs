using System.Diagnostics;
using DevDbSeed.Running;
using Spectre.Console;

namespace DevDbSeed.Cli.Output;

/// <summary>
/// A download's live bar in an interactive terminal: the file's name, the bar, the percentage, megabytes against the
/// size, the speed and the time so far, drawn by Spectre.Console's progress display on its own thread from the numbers
/// the download reports. It is erased when the download ends, fails or is interrupted, so that the lines printed after
/// it read as in a log. Without a size (no Content-Length) the bar is indeterminate.
/// </summary>
internal sealed class DownloadBar : IDisposable
{
    private static readonly TimeSpan RefreshEvery = TimeSpan.FromMilliseconds(100);

    private readonly IAnsiConsole _console;
    private readonly CancellationTokenRegistration _interrupted;
    private readonly Lock _lock = new();
    private readonly Stopwatch _clock = new();
    private ManualResetEventSlim? _closing;
    private Thread? _thread;
    private bool _ended;
    private long _bytes;

    /// <param name="console">The terminal (standard output).</param>
    /// <param name="cancellationToken">The command's; when it is cancelled (Ctrl+C) the bar is erased at once.</param>
    public DownloadBar(IAnsiConsole console, CancellationToken cancellationToken)
    {
        _console = console;
        _interrupted = cancellationToken.Register(Close);
    }

    /// <summary>Shows the bar (once) for the download that began.</summary>
    public void Start(DownloadStarted started)
    {
        lock (_lock)
        {
            if (_ended || _thread is not null)
            {
                return;
            }

            _clock.Start();
            _closing = new ManualResetEventSlim();
            var name = Name(started.Url);
            var closing = _closing;
            _thread = new Thread(() => Show(name, started.Bytes ?? 0, closing)) { IsBackground = true, Name = "devdbseed download progress" };
            _thread.Start();
        }
    }

    /// <summary>Lock-free: the display thread reads the bytes on its next frame.</summary>
    public void Report(DownloadProgress progress) => Interlocked.Exchange(ref _bytes, progress.Bytes);

    /// <summary>Erases the bar and waits until it is gone; no bar is shown after it.</summary>
    public void Close()
    {
        Thread? thread;
        ManualResetEventSlim? closing;
        lock (_lock)
        {
            (thread, closing, _thread, _closing, _ended) = (_thread, _closing, null, null, true);
        }

        closing?.Set();
        thread?.Join();
        closing?.Dispose();
    }

    public void Dispose()
    {
        _interrupted.Dispose();
        Close();
    }

    /// <summary>The last segment of the URL's path (<c>vca.devdbseed</c>), or the URL when it has none.</summary>
    private static string Name(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && Path.GetFileName(uri.AbsolutePath) is { Length: > 0 } name ? name : url;

    private void Show(string name, long size, ManualResetEventSlim closing)
    {
        try
        {
            new Progress(_console) { AutoRefresh = false, AutoClear = true }
                .Columns(
                    new TurningColumn(),
                    new TaskDescriptionColumn { Alignment = Justify.Left },
                    new ProgressBarColumn { Width = 30 },
                    new PercentageColumn(),
                    new BytesColumn(),
                    new TransferSpeedColumn(),
                    new TimeColumn())
                .Start(context =>
                {
                    var task = context.AddTask(Markup.Escape(name), maxValue: Math.Max(1, size));
                    task.IsIndeterminate = size <= 0;
                    var figures = new Figures { Size = size };
                    task.Tag = figures;
                    do
                    {
                        var bytes = Interlocked.Read(ref _bytes);
                        figures.Bytes = bytes;
                        figures.Elapsed = _clock.Elapsed;
                        task.Value = size > 0 ? Math.Min(bytes, size) : 0;
                        context.Refresh();
                        _console.Profile.Out.Writer.Flush();
                    }
                    while (!closing.Wait(RefreshEvery));
                });
        }
        catch (Exception e) when (e is IOException or InvalidOperationException)
        {
            // a broken display must not break the download: its lines follow without it
        }
        finally
        {
            _console.Profile.Out.Writer.Flush(); // the erased bar and the cursor shown again
        }
    }
}
