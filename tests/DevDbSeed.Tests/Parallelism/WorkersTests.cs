using System.Collections.Concurrent;
using DevDbSeed.Parallelism;

namespace DevDbSeed.Tests.Parallelism;

public sealed class WorkersTests
{
    [Fact]
    public async Task Every_item_is_worked_once_on_at_most_jobs_workers_each_opened_once()
    {
        var done = new ConcurrentBag<int>();
        var opened = 0;
        var running = 0;
        var most = 0;

        await Workers.RunAsync(Enumerable.Range(0, 50).ToList(), 3, _ =>
        {
            Interlocked.Increment(ref opened);
            return Task.FromResult(new Resource());
        }, async (_, item, token) =>
        {
            var now = Interlocked.Increment(ref running);
            InterlockedMax(ref most, now);
            await Task.Delay(1, token);
            done.Add(item);
            Interlocked.Decrement(ref running);
        }, CancellationToken.None);

        Assert.Equal(Enumerable.Range(0, 50), done.Order());
        Assert.Equal(3, opened);
        Assert.InRange(most, 1, 3);
    }

    [Fact]
    public async Task No_worker_is_opened_for_no_items()
    {
        var opened = 0;

        await Workers.RunAsync(Array.Empty<int>(), 4, _ =>
        {
            opened++;
            return Task.FromResult(new Resource());
        }, (_, _, _) => Task.CompletedTask, CancellationToken.None);

        Assert.Equal(0, opened);
    }

    [Fact]
    public async Task The_first_failure_cancels_the_other_workers_and_is_what_is_thrown()
    {
        var cancelled = 0;

        var thrown = await Assert.ThrowsAsync<InvalidOperationException>(() => Workers.RunAsync(Enumerable.Range(0, 4).ToList(), 4, async (item, token) =>
        {
            if (item == 2)
            {
                await Task.Delay(50, CancellationToken.None);
                throw new InvalidOperationException("the real failure");
            }

            try
            {
                await Task.Delay(Timeout.Infinite, token);
            }
            catch (OperationCanceledException)
            {
                Interlocked.Increment(ref cancelled);
                throw;
            }
        }, CancellationToken.None));

        Assert.Equal("the real failure", thrown.Message);
        Assert.Equal(3, cancelled);
    }

    [Fact]
    public async Task Items_not_started_when_a_worker_fails_are_never_started()
    {
        var started = new ConcurrentBag<int>();

        await Assert.ThrowsAsync<InvalidOperationException>(() => Workers.RunAsync(Enumerable.Range(0, 100).ToList(), 1, (item, _) =>
        {
            started.Add(item);
            return item == 3 ? Task.FromException(new InvalidOperationException("stop")) : Task.CompletedTask;
        }, CancellationToken.None));

        Assert.Equal([0, 1, 2, 3], started.Order());
    }

    [Fact]
    public async Task The_callers_cancellation_ends_the_work_as_a_cancellation()
    {
        using var interrupt = new CancellationTokenSource();

        var work = Workers.RunAsync(Enumerable.Range(0, 4).ToList(), 2, (_, token) => Task.Delay(Timeout.Infinite, token), interrupt.Token);
        await interrupt.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => work);
    }

    [Fact]
    public async Task Each_worker_is_disposed_even_when_its_work_fails()
    {
        var resources = new ConcurrentBag<Resource>();

        await Assert.ThrowsAsync<InvalidOperationException>(() => Workers.RunAsync(Enumerable.Range(0, 6).ToList(), 2, _ =>
        {
            var resource = new Resource();
            resources.Add(resource);
            return Task.FromResult(resource);
        }, (_, item, _) => item == 1 ? Task.FromException(new InvalidOperationException("stop")) : Task.CompletedTask, CancellationToken.None));

        Assert.NotEmpty(resources);
        Assert.All(resources, r => Assert.True(r.Disposed));
    }

    [Fact]
    public async Task A_worker_that_cannot_close_after_its_work_failed_does_not_hide_that_failure()
    {
        var thrown = await Assert.ThrowsAsync<InvalidOperationException>(() => Workers.RunAsync([1], 1,
            _ => Task.FromResult(new Resource(failOnDispose: true)),
            (_, _, _) => Task.FromException(new InvalidOperationException("the work failed")), CancellationToken.None));

        Assert.Equal("the work failed", thrown.Message);
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int current;
        while (value > (current = Volatile.Read(ref target)) && Interlocked.CompareExchange(ref target, value, current) != current)
        {
        }
    }

    private sealed class Resource(bool failOnDispose = false) : IAsyncDisposable
    {
        public bool Disposed { get; private set; }

        public ValueTask DisposeAsync()
        {
            Disposed = true;
            return failOnDispose ? ValueTask.FromException(new IOException("the connection broke")) : ValueTask.CompletedTask;
        }
    }
}
