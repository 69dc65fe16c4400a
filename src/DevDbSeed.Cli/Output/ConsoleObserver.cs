using System.Collections.Concurrent;
using System.Diagnostics;
using DevDbSeed.Planning;
using DevDbSeed.Running;

namespace DevDbSeed.Cli.Output;

/// <summary>
/// Prints a run as plain, timestamped lines that read well both in a terminal and in a nightly job's log:
/// steps, one line per table as it finishes, progress of long tables every few seconds, and a summary.
/// </summary>
internal sealed class ConsoleObserver(TextWriter output, TextWriter error, bool verbosePlan) : EventDisplay
{
    private static readonly TimeSpan ProgressEvery = TimeSpan.FromSeconds(10);
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly ConcurrentDictionary<TablePlan, TimeSpan> _lastProgress = new();
    private readonly Lock _lock = new();

    public override void Step(string message) => Write(output, $"{Elapsed} {message}");

    public override void Warning(string message) => Write(error, $"warning: {message}");

    public override void PlanReady(PipelinePlan plan)
    {
        Step(RunText.Plan(plan));
        if (verbosePlan)
        {
            lock (_lock)
            {
                PlanPrinter.Print(plan, output);
            }
        }
    }

    public override void SubsetSelected(PipelinePlan plan)
    {
        base.SubsetSelected(plan);
        if (verbosePlan)
        {
            lock (_lock)
            {
                foreach (var table in plan.Subset!.Tables(plan))
                {
                    output.WriteLine(RunText.SubsetTable(table));
                }
            }
        }
    }

    public override void TableStarted(TablePlan table) => _lastProgress[table] = _clock.Elapsed;

    public override void TableProgress(TablePlan table, long rows, long bytes)
    {
        var now = _clock.Elapsed;
        if (_lastProgress.TryGetValue(table, out var last) && now - last >= ProgressEvery)
        {
            _lastProgress[table] = now;
            Step(RunText.TableProgress(table, rows, bytes));
        }
    }

    public override void TableFinished(TableCopyResult result)
    {
        _lastProgress.TryRemove(result.Table, out _);
        Step(RunText.TableFinished(result));
    }

    protected override void ShowSummary(string done, IEnumerable<string> totals)
    {
        Step(done);
        foreach (var line in totals)
        {
            Write(output, line);
        }
    }

    /// <summary>Nothing to let go of: every line is written when it happens.</summary>
    public override void Dispose()
    {
    }

    private string Elapsed => RunText.Stamp(_clock.Elapsed);

    private void Write(TextWriter writer, string line)
    {
        lock (_lock)
        {
            writer.WriteLine(line);
            writer.Flush();
        }
    }
}
