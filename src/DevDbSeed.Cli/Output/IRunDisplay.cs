using DevDbSeed.Running;

namespace DevDbSeed.Cli.Output;

/// <summary>
/// How <c>run</c> shows a run: an observer of the pipeline that also prints the summary at the end. Disposing it
/// gives the terminal back (a live display ends) so that whatever is printed next, an error included, reads well.
/// </summary>
internal interface IRunDisplay : IRunObserver, IDisposable
{
    /// <summary>The run succeeded: the last step and the totals.</summary>
    void Summary(RunSummary summary);
}
