using System.Text;
using System.Text.RegularExpressions;
using DevDbSeed.Cli.Output;
using DevDbSeed.Running;
using Spectre.Console;

namespace DevDbSeed.Tests.Cli;

/// <summary>A download's live bar, rendered as Spectre.Console renders it to an ANSI terminal.</summary>
public sealed partial class DownloadBarTests
{
    private const string Url = "https://***@cdn.example.com/nightly/vca.devdbseed?***";
    private readonly Terminal _terminal = new();

    [Fact]
    public void The_bar_shows_the_files_name_and_megabytes_against_its_size_and_is_erased_when_the_download_ends()
    {
        using var bar = new DownloadBar(Console(), CancellationToken.None);

        bar.Start(new DownloadStarted(Url, 4_194_304));
        bar.Report(new DownloadProgress(Url, 1_048_576, 4_194_304));
        var frame = WaitFor("1.0/4.0 MB");
        bar.Close();

        Assert.Contains("vca.devdbseed", frame, StringComparison.Ordinal);
        Assert.Contains("25%", frame, StringComparison.Ordinal);
        Assert.DoesNotContain("***", _terminal.Text, StringComparison.Ordinal);
        Assert.EndsWith("\u001b[?25h", _terminal.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void After_ctrl_c_no_bar_is_shown()
    {
        using var interrupt = new CancellationTokenSource();
        using var bar = new DownloadBar(Console(), interrupt.Token);

        interrupt.Cancel();
        bar.Start(new DownloadStarted(Url, null));
        Thread.Sleep(300);

        Assert.Empty(_terminal.Text);
    }

    private IAnsiConsole Console()
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(_terminal),
            Ansi = AnsiSupport.Yes,
            ColorSystem = ColorSystemSupport.TrueColor,
            Interactive = InteractionSupport.Yes,
        });
        console.Profile.Width = 140;
        return console;
    }

    /// <summary>Waits until the bar has drawn a line holding <paramref name="text"/>, and returns it without escape sequences.</summary>
    private string WaitFor(string text)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (DateTime.UtcNow < deadline)
        {
            var line = Escapes().Replace(_terminal.Text, string.Empty).Split(['\r', '\n']).LastOrDefault(l => l.Contains(text, StringComparison.Ordinal));
            if (line is not null)
            {
                return line;
            }

            Thread.Sleep(20);
        }

        throw new TimeoutException($"the bar never showed {text}:\n{_terminal.Text}");
    }

    [GeneratedRegex(@"\u001b\[[0-9;?]*[A-Za-z]")]
    private static partial Regex Escapes();

    /// <summary>A terminal's worth of text that the test reads while the display thread writes to it.</summary>
    private sealed class Terminal : TextWriter
    {
        private readonly StringBuilder _text = new();
        private readonly Lock _lock = new();

        public override Encoding Encoding => Encoding.UTF8;

        public string Text
        {
            get
            {
                lock (_lock)
                {
                    return _text.ToString();
                }
            }
        }

        public override void Write(char value)
        {
            lock (_lock)
            {
                _text.Append(value);
            }
        }

        public override void Write(string? value)
        {
            lock (_lock)
            {
                _text.Append(value);
            }
        }
    }
}
