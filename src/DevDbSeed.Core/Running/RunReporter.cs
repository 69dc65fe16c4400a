using System.Diagnostics;

namespace DevDbSeed.Running;

/// <summary>
/// Passes a command's events on to its observer, keeping what the end of a run reports: each step's time and the
/// warnings. Thread-safe (post-data and verification report at the same time).
/// </summary>
public sealed class RunReporter(IRunObserver observer) : IRunObserver
{
    private readonly Lock _lock = new();
    private readonly List<StepFinished> _steps = [];
    private readonly List<RunWarning> _warnings = [];

    public IReadOnlyList<StepFinished> Steps
    {
        get
        {
            lock (_lock)
            {
                return [.. _steps];
            }
        }
    }

    public IReadOnlyList<RunWarning> Warnings
    {
        get
        {
            lock (_lock)
            {
                return [.. _warnings];
            }
        }
    }

    public void OnEvent(RunEvent runEvent)
    {
        if (runEvent is StepFinished or RunWarning)
        {
            lock (_lock)
            {
                if (runEvent is StepFinished step)
                {
                    _steps.Add(step);
                }
                else
                {
                    _warnings.Add((RunWarning)runEvent);
                }
            }
        }

        observer.OnEvent(runEvent); // progress events are frequent: they take no lock here
    }

    /// <summary>Runs one step between its <see cref="StepStarted"/> and <see cref="StepFinished"/> (also when it fails, after a <see cref="StepFailed"/>).</summary>
    public async Task<T> StepAsync<T>(RunStep step, Func<Task<T>> action)
    {
        OnEvent(new StepStarted(step));
        var clock = Stopwatch.StartNew();
        try
        {
            return await action();
        }
        catch (Exception e)
        {
            OnEvent(new StepFailed(step, e is OperationCanceledException));
            throw;
        }
        finally
        {
            OnEvent(new StepFinished(step, clock.Elapsed));
        }
    }

    /// <inheritdoc cref="StepAsync{T}"/>
    public Task StepAsync(RunStep step, Func<Task> action) => StepAsync(step, async () =>
    {
        await action();
        return true;
    });
}
