using DevDbSeed.Planning;
using DevDbSeed.Running;
using DevDbSeed.Verification;

namespace DevDbSeed.Cli.Output;

/// <summary>
/// Turns a command's events into what a display shows: a step's line, a warning, the plan, a table's progress, a
/// verification. The plain lines and the live display say the same things; each shows them its own way.
/// </summary>
internal abstract class EventDisplay : IRunDisplay
{
    /// <summary>Set once a run's post-data began: whether its line already says that the new database is being verified.</summary>
    private volatile PostDataStarted? _postData;

    public void OnEvent(RunEvent runEvent)
    {
        switch (runEvent)
        {
            case RunWarning warning:
                Warning(RunText.Warning(warning));
                break;
            case PlanReady ready:
                PlanReady(ready.Plan);
                break;
            case SubsetSelected selected:
                SubsetSelected(selected.Plan);
                break;
            case TableStarted started:
                TableStarted(started.Table);
                break;
            case TableProgress progress:
                TableProgress(progress.Table, progress.Rows, progress.Bytes);
                break;
            case TableFinished finished:
                TableFinished(finished.Result);
                break;
            case Verified verified:
                Verified(verified.Result);
                break;
            case StepStarted { Step: RunStep.Verify } when _postData is { Verifying: true }:
                break;
            case StepStarted { Step: RunStep.Verify } when _postData is not null:
                Step(RunText.VerifyingAfterScripts); // after post-data and the after scripts: a run's own verification
                break;
            default:
                _postData = runEvent as PostDataStarted ?? _postData;
                if (RunText.Line(runEvent) is { } line)
                {
                    Step(line);
                }

                break;
        }
    }

    /// <summary>A step's line.</summary>
    public abstract void Step(string message);

    /// <summary>Something the user should know that does not stop the command.</summary>
    public abstract void Warning(string message);

    /// <summary>The plan is ready: its one line, and for a live display the scale of its bars.</summary>
    public abstract void PlanReady(PipelinePlan plan);

    /// <summary>A subset's rows were chosen: its line (<c>check</c> lists its tables too).</summary>
    public virtual void SubsetSelected(PipelinePlan plan) => Step(RunText.Subset(plan));

    public abstract void TableStarted(TablePlan table);

    /// <summary>Rows and source bytes so far; called very often, kept cheap.</summary>
    public abstract void TableProgress(TablePlan table, long rows, long bytes);

    public abstract void TableFinished(TableCopyResult result);

    public void Verified(VerifyResult result)
    {
        foreach (var line in RunText.Verified(result))
        {
            Step(line);
        }
    }

    /// <summary>The run succeeded: its last step, the totals, and again the warning that fakes came from a random key.</summary>
    public void Summary(RunSummary summary)
    {
        ShowSummary(RunText.Done(summary), RunText.Summary(summary));
        if (summary.RandomKey)
        {
            Warning(RunText.RandomKeyWarning);
        }
    }

    /// <summary>Shows the line that ends a run and the totals under it.</summary>
    protected abstract void ShowSummary(string done, IEnumerable<string> totals);

    public abstract void Dispose();
}
