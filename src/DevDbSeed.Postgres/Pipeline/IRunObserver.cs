using DevDbSeed.Planning;
using DevDbSeed.Postgres.Copying;
using DevDbSeed.Verification;

namespace DevDbSeed.Postgres.Pipeline;

/// <summary>What a run reports as it goes: steps, warnings, per-table progress. The CLI renders it.</summary>
public interface IRunObserver
{
    /// <summary>A step of the run begins ("restoring the schema").</summary>
    void Step(string message);

    /// <summary>Something the user should know that does not stop the run.</summary>
    void Warning(string message);

    /// <summary>The plan is ready (check prints it; run shows a short summary).</summary>
    void PlanReady(PipelinePlan plan);

    void TableStarted(TablePlan table);

    /// <summary>Rows and source bytes so far; called often, keep it cheap.</summary>
    void TableProgress(TablePlan table, long rows, long bytes);

    void TableFinished(TableCopyResult result);

    /// <summary>The verification of the new database finished (it may have found leaks).</summary>
    void Verified(VerifyResult result);
}
