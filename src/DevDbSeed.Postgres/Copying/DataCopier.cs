using System.Collections.Concurrent;
using System.Diagnostics;
using DevDbSeed.Planning;
using DevDbSeed.Postgres.Connections;
using DevDbSeed.Postgres.Pipeline;
using DevDbSeed.Postgres.Source;
using Npgsql;

namespace DevDbSeed.Postgres.Copying;

/// <summary>
/// Copies tables in parallel: <c>jobs</c> workers, each with a snapshot reader on the source and a session on
/// the new database, take slices heaviest first (big tables are cut into block ranges). The worker finishing
/// a table's last slice runs its ANALYZE. The first failure cancels the others.
/// </summary>
internal sealed class DataCopier(SourceSnapshot source, ConnectionSettings target, MaskingSetup masking, IRunObserver observer, int serverVersionNumber)
{
    /// <summary>Settings of the sessions that load the new database (nobody reads it until the swap).</summary>
    internal static readonly string[] LoadSettings = ["synchronous_commit=off"];

    public async Task<IReadOnlyList<TableCopyResult>> CopyAsync(IReadOnlyList<TablePlan> tables, int jobs, CancellationToken cancellationToken)
    {
        var slices = CopySlicer.Slice(tables, jobs, serverVersionNumber);
        var queue = new ConcurrentQueue<CopySlice>(slices);
        var progress = tables.ToDictionary(t => t, t => new TableProgress(slices.Count(s => s.Table == t)));
        var results = new ConcurrentBag<TableCopyResult>();
        using var failure = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var copier = new TableCopier(masking);
        var workers = Enumerable.Range(0, Math.Clamp(jobs, 1, Math.Max(1, slices.Count)))
            .Select(_ => Task.Run(() => WorkAsync(queue, progress, results, copier, failure), failure.Token))
            .ToList();
        try
        {
            await Task.WhenAll(workers);
        }
        catch when (workers.Any(w => w.IsFaulted))
        {
            // the first real failure, not the cancellations it caused in the other workers
            var first = workers.Where(w => w.IsFaulted).Select(w => w.Exception!.InnerException!)
                .FirstOrDefault(e => e is not OperationCanceledException);
            if (first is not null)
            {
                System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(first).Throw();
            }

            throw;
        }

        return [.. results];
    }

    private async Task WorkAsync(ConcurrentQueue<CopySlice> queue, Dictionary<TablePlan, TableProgress> progress, ConcurrentBag<TableCopyResult> results,
        TableCopier copier, CancellationTokenSource failure)
    {
        var cancellationToken = failure.Token;
        try
        {
            await using var reader = await source.OpenReaderAsync(cancellationToken);
            await using var writer = await Sessions.OpenAsync(target, "new database", cancellationToken, LoadSettings);
            while (queue.TryDequeue(out var slice))
            {
                var table = progress[slice.Table];
                if (table.Start())
                {
                    observer.TableStarted(slice.Table);
                }

                try
                {
                    var share = new SliceProgress(table, slice.Table, observer);
                    var (rows, bytes, masked) = await copier.CopyAsync(slice, reader, writer, share.Report, cancellationToken);
                    if (share.Finish(rows, bytes, masked))
                    {
                        if (slice.Table.Action != TableAction.Empty)
                        {
                            await using var analyze = new NpgsqlCommand($"ANALYZE {slice.Table.Table.Name.Sql}", writer);
                            await analyze.ExecuteNonQueryAsync(cancellationToken);
                        }

                        var result = table.Result(slice.Table);
                        results.Add(result);
                        observer.TableFinished(result);
                    }
                }
                catch (Exception e) when (e is NpgsqlException or InvalidDataException && !cancellationToken.IsCancellationRequested)
                {
                    throw new DevDbSeed.Errors.RunFailedException($"copying {slice} failed: {Sessions.Describe(e)}", e);
                }
            }
        }
        catch
        {
            await failure.CancelAsync();
            throw;
        }
    }

    /// <summary>
    /// A table's slices: how many are left, and what they moved. Slices copied at the same time all add to the same
    /// figures as they go, so the table's progress counts every slice under way, not only the one reporting.
    /// </summary>
    private sealed class TableProgress(int slices)
    {
        private readonly Stopwatch _clock = new();
        private int _started;
        private int _left = slices;
        private long _rows;
        private long _bytes;
        private long _masked;

        /// <summary>True for the first slice to start.</summary>
        public bool Start()
        {
            if (Interlocked.Exchange(ref _started, 1) == 0)
            {
                _clock.Start();
                return true;
            }

            return false;
        }

        /// <summary>Adds what a slice moved since its last report; returns the table's figures so far.</summary>
        public (long Rows, long Bytes) Add(long rows, long bytes) => (Interlocked.Add(ref _rows, rows), Interlocked.Add(ref _bytes, bytes));

        /// <summary>Adds the rest of what a slice moved; true for the last slice to finish.</summary>
        public bool Finish(long rows, long bytes, long masked)
        {
            Add(rows, bytes);
            Interlocked.Add(ref _masked, masked);
            return Interlocked.Decrement(ref _left) == 0;
        }

        public TableCopyResult Result(TablePlan table) => new(table, _rows, _bytes, _masked, _clock.Elapsed);
    }

    /// <summary>One slice's reports (from its one worker): each adds to the table's figures what the slice moved since the last.</summary>
    private sealed class SliceProgress(TableProgress table, TablePlan plan, IRunObserver observer)
    {
        private long _rows;
        private long _bytes;

        public void Report(long rows, long bytes)
        {
            var (tableRows, tableBytes) = table.Add(rows - _rows, bytes - _bytes);
            _rows = rows;
            _bytes = bytes;
            observer.TableProgress(plan, tableRows, tableBytes);
        }

        /// <summary>The slice is done; true for the last slice of its table.</summary>
        public bool Finish(long rows, long bytes, long masked) => table.Finish(rows - _rows, bytes - _bytes, masked);
    }
}
