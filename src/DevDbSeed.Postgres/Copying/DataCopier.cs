using System.Collections.Concurrent;
using System.Diagnostics;
using DevDbSeed.Copying;
using DevDbSeed.Errors;
using DevDbSeed.Parallelism;
using DevDbSeed.Planning;
using DevDbSeed.Postgres.Connections;
using DevDbSeed.Postgres.Source;
using DevDbSeed.Running;
using DevDbSeed.Subsetting;
using DevDbSeed.Verification;
using Npgsql;

namespace DevDbSeed.Postgres.Copying;

/// <summary>
/// Copies tables in parallel: <c>jobs</c> workers, each with a snapshot reader on the source and a session on
/// the new database, take slices heaviest first (big tables are cut into block ranges). The worker finishing
/// a table's last slice runs its ANALYZE. The first failure cancels the others. With <paramref name="fingerprints"/>, the
/// maskers of the columns it collects for fingerprint the values they write (the check after the load reads them); with
/// <paramref name="search"/>, what they write is searched for originals (the verification after the load takes its findings).
/// </summary>
internal sealed class DataCopier(SourceSnapshot source, ConnectionSettings target, MaskingSetup masking, IRunObserver observer, int serverVersionNumber,
    SubsetSelection? subset, CopiedFingerprints? fingerprints = null, CopySearch? search = null)
{
    /// <summary>Settings of the sessions that load the new database (nobody reads it until the swap).</summary>
    internal static readonly string[] LoadSettings = ["synchronous_commit=off"];

    public async Task<IReadOnlyList<TableCopyResult>> CopyAsync(IReadOnlyList<TablePlan> tables, int jobs, CancellationToken cancellationToken)
    {
        var slices = CopySlicer.Slice(tables, jobs, serverVersionNumber, subset);
        var progress = tables.ToDictionary(t => t, t => new TableTally(slices.Count(s => s.Table == t)));
        var results = new ConcurrentBag<TableCopyResult>();
        var copier = new TableCopier(masking, fingerprints, search);
        await Workers.RunAsync(slices, jobs,
            token => ConnectionPair.OpenAsync(source.OpenReaderAsync, ct => Sessions.OpenAsync(target, "new database", ct, LoadSettings), token),
            (connections, slice, token) => CopyAsync(slice, connections, progress[slice.Table], copier, results, token),
            cancellationToken);
        return [.. results];
    }

    /// <summary>Empties <paramref name="tables"/> in the new database and copies them again.</summary>
    public async Task<IReadOnlyList<TableCopyResult>> RecopyAsync(IReadOnlyList<TablePlan> tables, int jobs, CancellationToken cancellationToken)
    {
        search?.Forget(tables);
        await using (var writer = await Sessions.OpenAsync(target, "new database", cancellationToken))
        {
            foreach (var table in tables)
            {
                await using var truncate = new NpgsqlCommand($"TRUNCATE {table.Table.Name.Sql}", writer);
                await truncate.ExecuteNonQueryAsync(cancellationToken);
            }
        }

        return await CopyAsync(tables, jobs, cancellationToken);
    }

    private async Task CopyAsync(CopySlice slice, ConnectionPair connections, TableTally table, TableCopier copier, ConcurrentBag<TableCopyResult> results,
        CancellationToken cancellationToken)
    {
        if (table.Start())
        {
            observer.OnEvent(new TableStarted(slice.Table));
        }

        try
        {
            var share = new SliceProgress(table, slice.Table, observer);
            await connections.AllowSourceScansAsync(slice.Rows?.Chosen != true, cancellationToken); // a subset's rows are read by address or key
            var (rows, bytes, masked) = await copier.CopyAsync(slice, connections.Source, connections.Target, share.Report, cancellationToken);

            if (share.Finish(rows, bytes, masked, slice.Kept ? rows : 0))
            {
                if (slice.Table.Mode != CopyMode.Emptied)
                {
                    await using var analyze = new NpgsqlCommand($"ANALYZE {slice.Table.Table.Name.Sql}", connections.Target);
                    await analyze.ExecuteNonQueryAsync(cancellationToken);
                }

                var result = table.Result(slice.Table);
                results.Add(result);
                observer.OnEvent(new TableFinished(result));
            }
        }
        catch (Exception e) when (e is NpgsqlException or InvalidDataException && !cancellationToken.IsCancellationRequested)
        {
            throw new RunFailedException($"copying {slice} failed: {Sessions.Describe(e)}", e);
        }
    }

    /// <summary>
    /// A table's slices: how many are left, and what they moved. Slices copied at the same time all add to the same
    /// figures as they go, so the table's progress counts every slice under way, not only the one reporting.
    /// </summary>
    private sealed class TableTally(int slices)
    {
        private readonly Stopwatch _clock = new();
        private int _started;
        private int _left = slices;
        private long _rows;
        private long _bytes;
        private long _masked;
        private long _kept;

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
        public bool Finish(long rows, long bytes, long masked, long kept)
        {
            Add(rows, bytes);
            Interlocked.Add(ref _masked, masked);
            Interlocked.Add(ref _kept, kept);
            return Interlocked.Decrement(ref _left) == 0;
        }

        public TableCopyResult Result(TablePlan table) => new(table, _rows, _bytes, _masked, _clock.Elapsed, _kept);
    }

    /// <summary>One slice's reports (from its one worker): each adds to the table's figures what the slice moved since the last.</summary>
    private sealed class SliceProgress(TableTally table, TablePlan plan, IRunObserver observer)
    {
        private long _rows;
        private long _bytes;

        public void Report(long rows, long bytes)
        {
            var (tableRows, tableBytes) = table.Add(rows - _rows, bytes - _bytes);
            _rows = rows;
            _bytes = bytes;
            observer.OnEvent(new TableProgress(plan, tableRows, tableBytes));
        }

        /// <summary>The slice is done (<paramref name="kept"/>: the rows it copied unmasked by <c>keep_rows</c>); true for the last slice of its table.</summary>
        public bool Finish(long rows, long bytes, long masked, long kept) => table.Finish(rows - _rows, bytes - _bytes, masked, kept);
    }
}
