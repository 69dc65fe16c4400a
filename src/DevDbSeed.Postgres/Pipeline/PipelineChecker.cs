using DevDbSeed.Planning;
using DevDbSeed.Postgres.Source;

namespace DevDbSeed.Postgres.Pipeline;

/// <summary><c>devdbseed check</c>: reads the source schema in a read-only snapshot, plans, and reports. Writes nothing anywhere.</summary>
public static class PipelineChecker
{
    /// <summary>Plans the source against the rules (exit 3 when they do not fit) and returns the plan.</summary>
    public static async Task<PipelinePlan> CheckAsync(RunOptions options, IRunObserver observer, CancellationToken cancellationToken)
    {
        observer.Step($"source {options.Source}");
        await using var snapshot = await SourceSnapshot.OpenAsync(options.Source, cancellationToken);
        var plan = await PipelineRunner.PlanAsync(snapshot, options.Rules, observer, cancellationToken);
        observer.Step($"the rules cover the source schema: {plan.Tables.Select(t => t.RuleName).Distinct().Count()} tables, {plan.MaskedColumnCount} masked columns");
        return plan;
    }
}
