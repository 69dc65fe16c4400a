using System.Collections.Concurrent;
using System.Diagnostics;
using DevDbSeed.Planning;
using DevDbSeed.Running;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace DevDbSeed.Cli.Output;

/// <summary>
/// Shows a run in an interactive terminal: a live area at the bottom with the overall progress and one bar per table
/// being copied (source bytes read against the table's size, rows so far, time), and above it the same steps and
/// finished tables as the plain lines, then the same summary. The copy workers only store numbers (TableProgress is
/// called very often); a display thread turns them into bars ten times a second. Warnings go to stderr; when stderr
/// is the same terminal, the live area steps aside while one is printed.
/// </summary>
internal sealed class LiveObserver : EventDisplay
{
    private const int MaxNameWidth = 40;
    private static readonly TimeSpan RefreshEvery = TimeSpan.FromMilliseconds(100);

    private readonly IAnsiConsole _console;
    private readonly TextWriter _error;
    private readonly bool _errorSharesTerminal;
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly ConcurrentDictionary<TablePlan, TableRow> _tables = new(ReferenceEqualityComparer.Instance);

    /// <summary>Held to write to the terminal and to show or end the live area: lines never cut into a frame.</summary>
    private readonly Lock _terminal = new();

    private readonly CancellationTokenRegistration _interrupted;
    private PlanTotals? _totals;
    private LiveArea? _area;
    private bool _ended;

    /// <param name="console">The terminal (standard output).</param>
    /// <param name="error">Where warnings go.</param>
    /// <param name="errorSharesTerminal">Standard error is a terminal too: writing to it moves the cursor under the live area.</param>
    /// <param name="cancellationToken">The run's; when it is cancelled (Ctrl+C) the live area ends at once.</param>
    public LiveObserver(IAnsiConsole console, TextWriter error, bool errorSharesTerminal, CancellationToken cancellationToken)
    {
        _console = console;
        _error = error;
        _errorSharesTerminal = errorSharesTerminal;
        _interrupted = cancellationToken.Register(End);
    }

    public override void Step(string message)
    {
        lock (_terminal)
        {
            Line(message);
            if (!_ended && _area is null)
            {
                _area = new LiveArea(this);
            }
        }
    }

    public override void Warning(string message)
    {
        lock (_terminal)
        {
            var aside = _errorSharesTerminal ? _area : null;
            aside?.Close();
            _error.WriteLine($"warning: {message}");
            _error.Flush();
            if (aside is not null)
            {
                _area = new LiveArea(this);
            }
        }
    }

    public override void PlanReady(PipelinePlan plan)
    {
        Volatile.Write(ref _totals, new PlanTotals(
            plan.Tables.Count,
            plan.Tables.Sum(t => TableRow.SizeOf(t)),
            Math.Min(MaxNameWidth, plan.Tables.Select(t => t.Table.Name.ToString().Length).DefaultIfEmpty(0).Max())));
        Step(RunText.Plan(plan));
    }

    public override void TableStarted(TablePlan table) => _tables[table] = new TableRow(table, _clock.Elapsed);

    public override void TableProgress(TablePlan table, long rows, long bytes)
    {
        if (_tables.TryGetValue(table, out var row))
        {
            row.Report(rows, bytes);
        }
    }

    public override void TableFinished(TableCopyResult result)
    {
        _tables.GetOrAdd(result.Table, table => new TableRow(table, _clock.Elapsed)).Finish(result);
        Step(RunText.TableFinished(result));
    }

    protected override void ShowSummary(string done, IEnumerable<string> totals)
    {
        End();
        lock (_terminal)
        {
            Line(done);
            foreach (var line in totals)
            {
                Write(new LogLine(null, line));
            }
        }
    }

    /// <summary>Ends the live area for good (erasing it); lines printed later simply follow the ones above it.</summary>
    public void End()
    {
        Exception? failure;
        lock (_terminal)
        {
            if (_ended)
            {
                return;
            }

            _ended = true;
            failure = _area?.Close();
            _area = null;
        }

        if (failure is not null)
        {
            // the run went on without the live area; what it printed above is all there is
            Warning($"the live progress display stopped: {failure.Message}");
        }
    }

    public override void Dispose()
    {
        _interrupted.Dispose();
        End();
    }

    /// <summary>One timestamped line above the live area, worded as the plain line.</summary>
    private void Line(string message) => Write(new LogLine(RunText.Stamp(_clock.Elapsed), message));

    private void Write(IRenderable renderable)
    {
        _console.Write(renderable);
        Flush(_console);
    }

    /// <summary>Sends what Spectre wrote, a frame or a line in many small pieces, to the terminal in one go (no flicker).</summary>
    private static void Flush(IAnsiConsole console) => console.Profile.Out.Writer.Flush();

    /// <summary>Brings the bars up to date with what the workers reported (on the display thread only).</summary>
    private void Refresh(ProgressContext context, ProgressTask overall, Dictionary<TableRow, ProgressTask> shown)
    {
        var now = _clock.Elapsed;
        var totals = Volatile.Read(ref _totals);
        var nameWidth = totals?.NameWidth ?? 0;
        long done = 0, read = 0, rows = 0;
        var finished = 0;
        foreach (var row in _tables.Values.OrderBy(r => r.Started))
        {
            var copied = row.Result is not null;
            var bytes = row.Bytes;
            read += bytes;
            rows += row.Rows;
            done += copied ? row.Size : Math.Min(bytes, row.Size);
            finished += copied ? 1 : 0;
            if (!copied && !shown.ContainsKey(row))
            {
                shown[row] = context.AddTask(Describe(row.Table.Table.Name.ToString(), nameWidth, 0), maxValue: row.Size);
            }
        }

        foreach (var (row, task) in shown.ToList())
        {
            if (row.Result is not null || !ReferenceEquals(_tables.GetValueOrDefault(row.Table), row))
            {
                context.RemoveTask(task); // copied, or started again (a table copied anew after the uniqueness check)
                shown.Remove(row);
                continue;
            }

            Show(task, Describe(row.Table.Table.Name.ToString(), nameWidth, row.Rows), Running(row.Bytes, row.Size), row.Bytes, row.Size, now - row.Started);
        }

        if (totals is null)
        {
            overall.IsIndeterminate = true;
            Show(overall, "[bold]preparing[/]", 0, 0, 0, now);
            return;
        }

        overall.IsIndeterminate = false;
        overall.MaxValue = totals.Bytes;
        Show(overall, "[bold]" + Describe($"{finished}/{totals.Tables} tables", nameWidth, rows) + "[/]",
            finished == totals.Tables ? totals.Bytes : Running(done, totals.Bytes), read, totals.Bytes, now);
    }

    /// <summary>A bar stays below 100% until its copy is done, whatever the size estimate said (COPY bytes are not heap bytes).</summary>
    private static double Running(long bytes, long size) => Math.Min(bytes, size * 0.999);

    private static void Show(ProgressTask task, string description, double value, long bytes, long size, TimeSpan elapsed)
    {
        task.Description = description;
        task.Value = value;
        var figures = (Figures)(task.Tag ??= new Figures());
        figures.Bytes = bytes;
        figures.Size = size;
        figures.Elapsed = elapsed;
    }

    /// <summary><c>public.users             412,345 rows</c>, as markup; names and row counts line up from bar to bar.</summary>
    private static string Describe(string name, int nameWidth, long rows) =>
        $"{Markup.Escape(name.PadRight(nameWidth))} {RunText.Number(rows),13} rows";

    /// <summary>What the plan says the copy will move: the overall bar's scale.</summary>
    private sealed record PlanTotals(int Tables, long Bytes, int NameWidth);

    /// <summary>What the workers reported for one table copy; written by them, read by the display thread.</summary>
    private sealed class TableRow(TablePlan table, TimeSpan started)
    {
        private long _rows;
        private long _bytes;
        private TableCopyResult? _result;

        public TablePlan Table => table;

        public TimeSpan Started => started;

        /// <summary>The table's size on disk, the scale of its bar (at least 1, an empty table has none).</summary>
        public long Size { get; } = SizeOf(table);

        public TableCopyResult? Result => Volatile.Read(ref _result);

        public long Rows => Result?.Rows ?? Interlocked.Read(ref _rows);

        public long Bytes => Result?.Bytes ?? Interlocked.Read(ref _bytes);

        public static long SizeOf(TablePlan table) => Math.Max(1, table.Table.SizeBytes);

        /// <summary>Lock-free and allocation-free; slices of one table may report out of order, so figures only grow.</summary>
        public void Report(long rows, long bytes)
        {
            Raise(ref _rows, rows);
            Raise(ref _bytes, bytes);
        }

        public void Finish(TableCopyResult result) => Volatile.Write(ref _result, result);

        private static void Raise(ref long field, long value)
        {
            var current = Interlocked.Read(ref field);
            while (value > current)
            {
                var seen = Interlocked.CompareExchange(ref field, value, current);
                if (seen == current)
                {
                    return;
                }

                current = seen;
            }
        }
    }

    /// <summary>
    /// The live area: a Spectre.Console progress display run by its own thread until closed. Everything written to the
    /// console meanwhile is printed above it (Spectre's render hook); closing erases it, leaving only those lines.
    /// </summary>
    private sealed class LiveArea
    {
        private readonly ManualResetEventSlim _closing = new();
        private readonly Thread _thread;
        private Exception? _failure;

        public LiveArea(LiveObserver observer)
        {
            _thread = new Thread(() => Show(observer)) { IsBackground = true, Name = "devdbseed live progress" };
            _thread.Start();
        }

        /// <summary>Ends the display and waits until it is erased; returns what broke it, if anything did.</summary>
        public Exception? Close()
        {
            _closing.Set();
            _thread.Join();
            _closing.Dispose();
            return _failure;
        }

        private void Show(LiveObserver observer)
        {
            try
            {
                new Progress(observer._console) { AutoRefresh = false, AutoClear = true }
                    .Columns(
                        new TurningColumn(),
                        new TaskDescriptionColumn { Alignment = Justify.Left },
                        new ProgressBarColumn { Width = 30 },
                        new PercentageColumn(),
                        new BytesColumn(),
                        new TimeColumn())
                    .Start(context =>
                    {
                        var overall = context.AddTask("preparing", maxValue: 1);
                        var shown = new Dictionary<TableRow, ProgressTask>();
                        do
                        {
                            observer.Refresh(context, overall, shown);
                            context.Refresh();
                            Flush(observer._console);
                        }
                        while (!_closing.Wait(RefreshEvery));
                    });
            }
            catch (Exception e)
            {
                // a broken display must not break the run: it goes on with the lines above
                _failure = e;
            }
            finally
            {
                Flush(observer._console); // the erased area and the cursor shown again
            }
        }
    }
}
