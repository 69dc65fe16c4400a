using System.Text;
using System.Text.RegularExpressions;
using DevDbSeed.Cli.Output;
using DevDbSeed.Planning;
using DevDbSeed.Running;
using DevDbSeed.Tests.Support;
using Spectre.Console;

namespace DevDbSeed.Tests.Cli;

/// <summary>The live display, rendered to a string as Spectre.Console would render it to an ANSI terminal.</summary>
public sealed partial class LiveObserverTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    private readonly TerminalText _terminal = new();
    private readonly StringWriter _error = new();

    [Fact]
    public void Steps_finished_tables_and_the_summary_read_as_the_plain_lines()
    {
        var plan = Runs.Plan();
        var users = Runs.Table(plan, "public.users");
        var results = new[]
        {
            Runs.Copied(users, 10_000, 1_048_576, 1.26),
            Runs.Copied(Runs.Table(plan, "public.orders"), 50_000, 3_000_000, 0.5),
            Runs.Copied(Runs.Table(plan, "public.countries"), 20, 100, 0.04),
            Runs.Copied(Runs.Table(plan, "public.audit_log"), 0, 0, 0),
        };

        using (var observer = Observer())
        {
            observer.Step("source prod, target dev");
            observer.PlanReady(plan);
            observer.TableStarted(users);
            observer.TableProgress(users, 100, 4096);
            foreach (var result in results)
            {
                observer.TableFinished(result);
            }

            observer.Verified(Runs.Verified());
            observer.Summary(Runs.Summary(results, randomKey: true));
        }

        var lines = Lines(_terminal.Text).Where(l => l.StartsWith("[mm:ss]", StringComparison.Ordinal) || l.StartsWith("summary:", StringComparison.Ordinal)
            || l.StartsWith("steps:", StringComparison.Ordinal));
        Assert.Equal(
            [
                "[mm:ss] source prod, target dev",
                "[mm:ss] plan: 4 tables (2 masked, 1 copied as they are, 1 emptied), 3 masked columns",
                "[mm:ss]   public.users                                   10,000 rows  masked 2 columns      1.3 s",
                "[mm:ss]   public.orders                                  50,000 rows  masked 1 column       0.5 s",
                "[mm:ss]   public.countries                                   20 rows  copied                0.0 s",
                "[mm:ss]   public.audit_log                                    0 rows  emptied               0.0 s",
                "[mm:ss] verify: 60,000 rows of 2 tables compared by key with the same source rows",
                "[mm:ss] verify: 12,345 original values of 3 masked columns searched in 7 columns (60,000 rows): none found (1.5 s)",
                "[mm:ss] done: postgres@localhost:5432/dev replaced from postgres@db.example:5432/prod",
                "summary: 4 tables, 60,020 rows, 3 masked columns (70,000 values), 2 sequences, 12.3 s, 4,863 rows/s, 3.9 MB read",
                "steps: plan 0.2 s, rows 9.9 s",
            ],
            lines);
        Assert.Equal("warning: this run masked with a random key: its fakes differ from every other run's\n", _error.ToString());
    }

    [Fact]
    public void A_table_being_copied_has_a_bar_with_its_name_rows_and_bytes_so_far()
    {
        var plan = Runs.Plan();
        var orders = Runs.Table(plan, "public.orders");
        using var observer = Observer();
        observer.PlanReady(plan);

        observer.TableStarted(orders);
        observer.TableProgress(orders, 1_234, 3 << 20);

        var frame = WaitFor(line => line.Contains("public.orders", StringComparison.Ordinal) && line.Contains("1,234 rows", StringComparison.Ordinal));
        Assert.Matches(@"public\.orders +1,234 rows .*\d+% +3\.0/\d+\.\d MB +\d\d:\d\d$", frame);
        WaitFor(line => Regex.IsMatch(line, @"0/4 tables +1,234 rows"));
    }

    [Fact]
    public void A_bar_never_moves_back_when_slices_of_a_table_report_out_of_order()
    {
        var plan = Runs.Plan();
        var orders = Runs.Table(plan, "public.orders");
        using var observer = Observer();
        observer.PlanReady(plan);
        observer.TableStarted(orders);

        observer.TableProgress(orders, 2_000, 2_000_000);
        observer.TableProgress(orders, 1_500, 1_500_000);
        WaitFor(line => line.Contains("2,000 rows", StringComparison.Ordinal));
        Thread.Sleep(300); // a few more frames

        Assert.DoesNotContain(Lines(_terminal.Text), line => line.Contains("1,500 rows", StringComparison.Ordinal));
    }

    [Fact]
    public void A_copied_table_leaves_the_live_area_and_the_count_of_copied_tables_grows()
    {
        var plan = Runs.Plan();
        var orders = Runs.Table(plan, "public.orders");
        using var observer = Observer();
        observer.PlanReady(plan);
        observer.TableStarted(orders);
        WaitFor(line => line.Contains("public.orders", StringComparison.Ordinal) && line.Contains('%', StringComparison.Ordinal));

        observer.TableFinished(Runs.Copied(orders, 50_000, 3_000_000, 0.5));

        WaitFor(line => Regex.IsMatch(line, @"1/4 tables +50,000 rows"));
        var after = _terminal.Text[_terminal.Text.LastIndexOf("1/4 tables", StringComparison.Ordinal)..];
        Assert.DoesNotContain(Lines(after), line => line.Contains("public.orders", StringComparison.Ordinal) && line.Contains('%', StringComparison.Ordinal));
    }

    [Fact]
    public void The_live_area_is_erased_and_the_cursor_shown_when_the_run_ends()
    {
        var observer = Observer();
        observer.Step("source prod, target dev");
        WaitFor(line => line.Contains("preparing", StringComparison.Ordinal));

        observer.Dispose();

        var ended = _terminal.Text;
        Assert.EndsWith("\u001b[?25h", ended, StringComparison.Ordinal);
        Thread.Sleep(300);
        Assert.Equal(ended, _terminal.Text); // no frame after the end
    }

    [Fact]
    public void Cancelling_the_run_ends_the_live_area_at_once_and_later_lines_are_plain()
    {
        using var interrupt = new CancellationTokenSource();
        using var observer = Observer(interrupt.Token);
        observer.Step("source prod, target dev");
        WaitFor(line => line.Contains("preparing", StringComparison.Ordinal));

        interrupt.Cancel();

        Assert.EndsWith("\u001b[?25h", _terminal.Text, StringComparison.Ordinal);
        var ended = _terminal.Text.Length;
        observer.Step("cleaning up");
        Thread.Sleep(300);
        Assert.Equal(["[mm:ss] cleaning up"], Lines(_terminal.Text[ended..]));
    }

    [Fact]
    public void A_warning_goes_to_stderr_and_the_live_area_steps_aside_for_it_when_both_share_the_terminal()
    {
        using var observer = Observer(errorSharesTerminal: true);
        observer.Step("source prod, target dev");
        WaitFor(line => line.Contains("preparing", StringComparison.Ordinal));

        var before = _terminal.Text.Length;

        observer.Warning("the disk is nearly full");

        Assert.Equal("warning: the disk is nearly full\n", _error.ToString());
        var ended = _terminal.Text.IndexOf("\u001b[?25h", before, StringComparison.Ordinal); // erased while the warning was printed
        Assert.True(ended > 0, "the live area did not end for the warning");
        WaitFor(line => line.Contains("preparing", StringComparison.Ordinal), from: ended); // and came back
    }

    [Fact]
    public async Task Many_workers_reporting_at_once_get_every_line_printed_whole()
    {
        var plan = Runs.Plan();
        var tables = plan.Tables.Where(t => t.Mode != CopyMode.Emptied).ToList();
        using (var observer = Observer(errorSharesTerminal: true))
        {
            observer.PlanReady(plan);
            var workers = Enumerable.Range(0, 8).Select(worker => Task.Run(() =>
            {
                for (var copy = 0; copy < 25; copy++)
                {
                    var table = tables[(worker + copy) % tables.Count];
                    observer.TableStarted(table);
                    for (var report = 1; report <= 2_000; report++)
                    {
                        observer.TableProgress(table, report, report * 100L);
                    }

                    observer.TableFinished(new TableCopyResult(table, worker * 1_000 + copy, 200_000, 0, TimeSpan.FromSeconds(1)));
                    if (copy % 10 == 0)
                    {
                        observer.Warning($"worker {worker} copy {copy}");
                    }
                }
            }));
            await Task.WhenAll(workers);
        }

        var finished = Lines(_terminal.Text).Where(l => FinishedLine().IsMatch(l)).ToList();
        Assert.Equal(8 * 25, finished.Count);
        Assert.Equal(8 * 25, finished.Distinct().Count());
        Assert.Equal(8 * 3, _error.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        Assert.EndsWith("\u001b[?25h", _terminal.Text, StringComparison.Ordinal);
    }

    private LiveObserver Observer(CancellationToken cancellationToken = default, bool errorSharesTerminal = false)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(_terminal),
            Ansi = AnsiSupport.Yes,
            ColorSystem = ColorSystemSupport.TrueColor,
            Interactive = InteractionSupport.Yes,
        });
        console.Profile.Width = 140;
        console.Profile.Height = 40;
        return new LiveObserver(console, _error, errorSharesTerminal, cancellationToken);
    }

    /// <summary>Waits until the display has drawn a line that <paramref name="match"/> accepts, and returns it.</summary>
    private string WaitFor(Func<string, bool> match, int from = 0)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (DateTime.UtcNow < deadline)
        {
            var line = Lines(_terminal.Text[from..]).LastOrDefault(match);
            if (line is not null)
            {
                return line;
            }

            Thread.Sleep(20);
        }

        throw new TimeoutException("the display never drew the expected line:\n" + string.Join("\n", Lines(_terminal.Text[from..])));
    }

    /// <summary>What a person would read: escape sequences dropped, one entry per written line, stamps as <c>[mm:ss]</c>.</summary>
    private static List<string> Lines(string text) =>
        [.. Escapes().Replace(text, string.Empty).Split(['\r', '\n']).Select(l => Stamps().Replace(l.TrimEnd(), "[mm:ss]")).Where(l => l.Length > 0)];

    [GeneratedRegex(@"\u001b\[[0-9;?]*[A-Za-z]")]
    private static partial Regex Escapes();

    [GeneratedRegex(@"\[\d\d:\d\d\]")]
    private static partial Regex Stamps();

    [GeneratedRegex(@"^\[mm:ss\]   public\.\w+ +[\d,]+ rows  (masked \d columns?|copied) +1\.0 s$")]
    private static partial Regex FinishedLine();

    /// <summary>A terminal's worth of text that tests may read while the display thread writes to it.</summary>
    private sealed class TerminalText : TextWriter
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
