using System.Collections.Concurrent;
using DevDbSeed.Planning;
using DevDbSeed.Postgres.Connections;
using DevDbSeed.Postgres.Pipeline;
using DevDbSeed.Postgres.Source;
using Npgsql;

namespace DevDbSeed.Postgres.Copying;

/// <summary>
/// Copies tables in parallel: <c>jobs</c> workers, each with a snapshot reader on the source and a session on
/// the new database, take tables largest first. The first failure cancels the others.
/// </summary>
internal sealed class DataCopier(SourceSnapshot source, ConnectionSettings target, MaskingSetup masking, IRunObserver observer)
{
    /// <summary>Settings of the sessions that load the new database (nobody reads it until the swap).</summary>
    internal static readonly string[] LoadSettings = ["synchronous_commit=off"];

    public async Task<IReadOnlyList<TableCopyResult>> CopyAsync(IReadOnlyList<TablePlan> tables, int jobs, CancellationToken cancellationToken)
    {
        var queue = new ConcurrentQueue<TablePlan>(tables.OrderByDescending(t => t.Table.SizeBytes).ThenBy(t => t.Table.Name));
        var results = new ConcurrentBag<TableCopyResult>();
        using var failure = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var copier = new TableCopier(masking, observer.TableProgress);
        var workers = Enumerable.Range(0, Math.Clamp(jobs, 1, Math.Max(1, tables.Count)))
            .Select(_ => Task.Run(() => WorkAsync(queue, results, copier, failure), failure.Token))
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

    private async Task WorkAsync(ConcurrentQueue<TablePlan> queue, ConcurrentBag<TableCopyResult> results, TableCopier copier, CancellationTokenSource failure)
    {
        var cancellationToken = failure.Token;
        try
        {
            await using var reader = await source.OpenReaderAsync(cancellationToken);
            await using var writer = await Sessions.OpenAsync(target, "new database", cancellationToken, LoadSettings);
            while (queue.TryDequeue(out var table))
            {
                observer.TableStarted(table);
                TableCopyResult result;
                try
                {
                    result = await copier.CopyAsync(table, reader, writer, cancellationToken);
                }
                catch (Exception e) when (e is NpgsqlException or InvalidDataException && !cancellationToken.IsCancellationRequested)
                {
                    throw new DevDbSeed.Errors.RunFailedException($"copying {table.Table.Name} failed: {Sessions.Describe(e)}", e);
                }

                results.Add(result);
                observer.TableFinished(result);
            }
        }
        catch
        {
            await failure.CancelAsync();
            throw;
        }
    }
}
