using DevDbSeed.Planning;
using DevDbSeed.Postgres.Copying;
using DevDbSeed.Postgres.Pipeline;
using DevDbSeed.Verification;

namespace DevDbSeed;

/// <summary>The observer of a <see cref="Seeder"/> call given none: everything it hears is dropped.</summary>
internal sealed class SilentObserver : IRunObserver
{
    public static SilentObserver Instance { get; } = new();

    public void Step(string message)
    {
    }

    public void Warning(string message)
    {
    }

    public void PlanReady(PipelinePlan plan)
    {
    }

    public void TableStarted(TablePlan table)
    {
    }

    public void TableProgress(TablePlan table, long rows, long bytes)
    {
    }

    public void TableFinished(TableCopyResult result)
    {
    }

    public void Verified(VerifyResult result)
    {
    }
}
