using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using DevDbSeed.Planning;
using DevDbSeed.Postgres.Copying;
using DevDbSeed.Postgres.Pipeline;

namespace DevDbSeed.Cli.Output;

/// <summary>
/// Prints a run as plain, timestamped lines that read well both in a terminal and in a nightly job's log:
/// steps, one line per table as it finishes, progress of long tables every few seconds, and a summary.
/// </summary>
internal sealed class ConsoleObserver(TextWriter output, TextWriter error, bool verbosePlan) : IRunObserver
{
    private static readonly TimeSpan ProgressEvery = TimeSpan.FromSeconds(10);
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly ConcurrentDictionary<TablePlan, TimeSpan> _lastProgress = new();
    private readonly Lock _lock = new();

    public void Step(string message) => Write(output, $"[{Elapsed}] {message}");

    public void Warning(string message) => Write(error, $"warning: {message}");

    public void PlanReady(PipelinePlan plan)
    {
        var tables = plan.Tables.GroupBy(t => t.RuleName).ToList();
        Step($"plan: {tables.Count} tables ({Count(tables, TableAction.Mask)} masked, {Count(tables, TableAction.Copy)} copied as they are, "
            + $"{Count(tables, TableAction.Empty)} emptied), {plan.MaskedColumnCount} masked columns");
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
            Write(output, $"[{Elapsed}]   {table.Table.Name}: {Number(rows)} rows, {Megabytes(bytes)} so far");
        }
    }

    public void TableFinished(TableCopyResult result)
    {
        _lastProgress.TryRemove(result.Table, out _);
        var how = result.Table.Action switch
        {
            TableAction.Mask => $"masked {result.Table.MaskedColumns.Count()} column{(result.Table.MaskedColumns.Count() == 1 ? string.Empty : "s")}",
            TableAction.Empty => "emptied",
            _ => "copied",
        };
        Write(output, $"[{Elapsed}]   {result.Table.Table.Name,-40} {Number(result.Rows),12} rows  {how,-18} {Seconds(result.Elapsed),8}");
    }

    public void Verified(DevDbSeed.Postgres.Verification.VerifyResult result)
    {
        if (result.ComparedTables > 0)
        {
            Step($"verify: {Number(result.ComparedRows)} rows of {result.ComparedTables} tables compared by key with the same source rows");
        }

        Step($"verify: {result.Values.ToString("N0", CultureInfo.InvariantCulture)} original values of {result.MaskedColumns} masked columns searched in "
            + $"{result.SearchedColumns} columns ({Number(result.SearchedRows)} rows): "
            + (result.Clean ? "none found" : $"{result.Hits.Sum(h => h.Count)} found") + $" ({Seconds(result.Elapsed)})");
    }

    public void Summary(RunSummary summary)
    {
        var steps = string.Join(", ", summary.Steps.Select(s => $"{s.Key} {Seconds(s.Value)}"));
        Write(output, $"[{Elapsed}] done: {summary.Target} replaced from {summary.Source}");
        Write(output, $"summary: {summary.Tables.Count} tables, {Number(summary.Rows)} rows, {summary.MaskedColumns} masked columns "
            + $"({Number(summary.MaskedValues)} values), {summary.Sequences} sequences, {Seconds(summary.Elapsed)}, "
            + $"{Number((long)summary.RowsPerSecond)} rows/s, {Megabytes(summary.Bytes)} read");
        Write(output, $"steps: {steps}");
        if (summary.RandomKey)
        {
            Warning("this run masked with a random key: its fakes differ from every other run's");
        }
    }

    private static int Count(IEnumerable<IGrouping<DevDbSeed.Catalog.QualifiedName, TablePlan>> tables, TableAction action) =>
        tables.Count(g => g.First().Action == action);

    private string Elapsed => _clock.Elapsed.ToString(@"mm\:ss", CultureInfo.InvariantCulture);

    private static string Number(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    private static string Seconds(TimeSpan time) => time.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture) + " s";

    private static string Megabytes(long bytes) => (bytes / 1048576.0).ToString("0.0", CultureInfo.InvariantCulture) + " MB";

    private void Write(TextWriter writer, string line)
    {
        lock (_lock)
        {
            writer.WriteLine(line);
            writer.Flush();
        }
    }
}
