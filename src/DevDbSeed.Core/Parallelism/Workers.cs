using System.Collections.Concurrent;
using System.Runtime.ExceptionServices;

namespace DevDbSeed.Parallelism;

/// <summary>
/// Runs items on at most <c>jobs</c> workers, taking them in the order given (callers sort heaviest first). Each worker
/// opens what it needs once (its connections) and takes the next item until none is left. The first failure cancels
/// the other workers, and it is the exception thrown: not the cancellations it caused in the others.
/// </summary>
public static class Workers
{
    /// <summary>Runs <paramref name="work"/> for every item, each worker with the resources <paramref name="open"/> gives it.</summary>
    public static async Task RunAsync<TItem, TWorker>(IReadOnlyCollection<TItem> items, int jobs, Func<CancellationToken, Task<TWorker>> open,
        Func<TWorker, TItem, CancellationToken, Task> work, CancellationToken cancellationToken)
        where TWorker : IAsyncDisposable
    {
        if (items.Count == 0)
        {
            return;
        }

        var queue = new ConcurrentQueue<TItem>(items);
        var count = Math.Clamp(jobs, 1, items.Count);
        var options = new ParallelOptions { MaxDegreeOfParallelism = count, CancellationToken = cancellationToken };
        var loop = Parallel.ForEachAsync(Enumerable.Range(0, count), options, async (_, token) =>
        {
            var worker = await open(token);
            var failed = false;
            try
            {
                while (!token.IsCancellationRequested && queue.TryDequeue(out var item))
                {
                    await work(worker, item, token);
                }
            }
            catch
            {
                failed = true;
                throw;
            }
            finally
            {
                try
                {
                    await worker.DisposeAsync();
                }
                catch when (failed)
                {
                    // the work's failure is the one to report, not a connection that could not close after it
                }
            }
        });
        try
        {
            await loop;
        }
        catch when (!cancellationToken.IsCancellationRequested && FirstFailure(loop) is { } first)
        {
            ExceptionDispatchInfo.Capture(first).Throw();
        }
    }

    /// <summary>Runs <paramref name="work"/> for every item on workers that need no resources of their own.</summary>
    public static Task RunAsync<TItem>(IReadOnlyCollection<TItem> items, int jobs, Func<TItem, CancellationToken, Task> work, CancellationToken cancellationToken) =>
        RunAsync(items, jobs, _ => Task.FromResult(Nothing.Instance), (_, item, token) => work(item, token), cancellationToken);

    /// <summary>The first failure that is not a cancellation (a cancelled worker throws after the real failure).</summary>
    private static Exception? FirstFailure(Task loop) =>
        loop.Exception?.InnerExceptions.FirstOrDefault(e => e is not OperationCanceledException);

    private sealed class Nothing : IAsyncDisposable
    {
        public static readonly Nothing Instance = new();

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
