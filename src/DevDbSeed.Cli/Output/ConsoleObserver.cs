using System.Collections.Concurrent;
using System.Diagnostics;
using DevDbSeed.Planning;
using DevDbSeed.Postgres.Copying;
using DevDbSeed.Postgres.Pipeline;

namespace DevDbSeed.Cli.Output;

/// <summary>
/// Prints a run as plain, timestamped lines that read well both in a terminal and in a nightly job's log:
/// steps, one line per table as it finishes, progress of long tables every few seconds, and a summary.
/// </summary>
internal sealed class ConsoleObserver(TextWriter output, TextWriter error, bool verbosePlan) : IRunDisplay
{
    private static readonly TimeSpan ProgressEvery = TimeSpan.FromSeconds(10);
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly ConcurrentDictionary<TablePlan, TimeSpan> _lastProgress = new();
    private readonly Lock _lock = new();

    public void Step(string message) => Write(output, $"{Elapsed} {message}");

    public void Warning(string message) => Write(error, $"warning: {message}");

    public void PlanReady(PipelinePlan plan)
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

    public void TableStarted(TablePlan table) => _lastProgress[table] = _clock.Elapsed;

    public void TableProgress(TablePlan table, long rows, long bytes)
    {
        var now = _clock.Elapsed;
        if (_lastProgress.TryGetValue(table, out var last) && now - last >= ProgressEvery)
        {
            _lastProgress[table] = now;
            Step(RunText.TableProgress(table, rows, bytes));
        }
    }

    public void TableFinished(TableCopyResult result)
    {
        _lastProgress.TryRemove(result.Table, out _);
        Step(RunText.TableFinished(result));
    }

    public void Verified(DevDbSeed.Verification.VerifyResult result)
    {
        foreach (var line in RunText.Verified(result))
        {
            Step(line);
        }
    }

    public void Summary(RunSummary summary)
    {
        Step(RunText.Done(summary));
        foreach (var line in RunText.Summary(summary))
        {
            Write(output, line);
        }

        if (summary.RandomKey)
        {
            Warning(RunText.RandomKeyWarning);
        }
    }

    /// <summary>Nothing to let go of: every line is written when it happens.</summary>
    public void Dispose()
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
