using DevDbSeed.Planning;
using DevDbSeed.Postgres.Source;
using DevDbSeed.Running;

namespace DevDbSeed.Postgres.Pipeline;

/// <summary>
/// <c>devdbseed check</c>: reads the source schema in a read-only snapshot and plans (with a subset, chooses its rows:
/// check reports them), and lists the after scripts a run would execute (read and split when the options were resolved).
/// Writes nothing but a backup's scratch restore, dropped at the end.
/// </summary>
internal static class PipelineChecker
{
    /// <summary>Plans the source against the rules (exit 3 when they do not fit) and returns the plan.</summary>
    public static async Task<PipelinePlan> CheckAsync(RunOptions options, IRunObserver observer, CancellationToken cancellationToken)
    {
        var report = new RunReporter(observer);
        options.Announce(report);
        await using var source = await SourceDatabase.OpenAsync(options, report, cancellationToken);
        await using var snapshot = await SourceSnapshot.OpenAsync(source.Settings, cancellationToken);
        var plan = await PlanStep.PlanWithSubsetAsync(snapshot, options, report, cancellationToken);
        if (options.AfterScripts is { Count: > 0 } scripts)
        {
            report.OnEvent(new AfterScriptsReady([.. scripts.Select(s => new AfterScriptInfo(s.DisplayPath, s.Statements.Count))]));
        }

        return plan;
    }
}
