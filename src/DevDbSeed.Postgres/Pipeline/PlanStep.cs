using DevDbSeed.Configuration;
using DevDbSeed.Planning;
using DevDbSeed.Postgres.Catalog;
using DevDbSeed.Postgres.Source;
using DevDbSeed.Postgres.Subsetting;
using DevDbSeed.Running;
using Npgsql;

namespace DevDbSeed.Postgres.Pipeline;

/// <summary>
/// The plan every command that reads the source starts with (run, check, verify, report), read in the command's snapshot;
/// with a subset, the rows it takes (run and check).
/// </summary>
internal static class PlanStep
{
    /// <summary>
    /// Reads the catalog in the snapshot, plans, checks set constants against their column types, and counts the rows each
    /// <c>keep_rows</c> predicate keeps (a predicate the source cannot evaluate is exit 2).
    /// </summary>
    internal static Task<PipelinePlan> PlanAsync(SourceSnapshot snapshot, DevDbSeed.Rules.RuleSet rules, RunReporter report, CancellationToken cancellationToken) =>
        report.StepAsync(RunStep.Plan, async () =>
        {
            var catalog = await CatalogReader.ReadAsync(snapshot.Holder, cancellationToken);
            var plan = Planner.Plan(rules, catalog);
            await ConstantChecker.CheckAsync(snapshot.Holder, plan, cancellationToken);
            plan = plan with { KeptRows = await KeptRowsCounter.CountAsync(snapshot.Holder, plan, cancellationToken) };
            report.OnEvent(new PlanReady(plan));
            return plan;
        });

    /// <summary>The plan, with the subset's rows chosen in the same snapshot when the pipeline has one (<see cref="PipelinePlan.Subset"/>).</summary>
    /// <remarks><c>check</c>'s: the rows a subset finds by key are counted (a run estimates them, and counts them as it copies them).</remarks>
    internal static async Task<PipelinePlan> PlanWithSubsetAsync(SourceSnapshot snapshot, RunOptions options, RunReporter report, CancellationToken cancellationToken) =>
        await WithSubsetAsync(snapshot, await PlanAsync(snapshot, options.Rules, report, cancellationToken), options, report, cancellationToken, countByKey: true);

    /// <summary><paramref name="plan"/> with the subset's rows chosen when the pipeline has one.</summary>
    internal static async Task<PipelinePlan> WithSubsetAsync(SourceSnapshot snapshot, PipelinePlan plan, RunOptions options, RunReporter report,
        CancellationToken cancellationToken, bool countByKey = false) =>
        options.Subset is { } subset ? await SubsetAsync(snapshot, plan, subset, options.Jobs, report, countByKey, cancellationToken) : plan;

    /// <summary>Chooses the subset's rows (<see cref="SubsetSelector"/>) under locks that keep them where they are until the run ends.</summary>
    private static Task<PipelinePlan> SubsetAsync(SourceSnapshot snapshot, PipelinePlan plan, SubsetOptions subset, int jobs, RunReporter report,
        bool countByKey, CancellationToken cancellationToken) =>
        report.StepAsync(RunStep.Subset, async () =>
        {
            await snapshot.LockAsync(plan.Tables.Select(t => t.Table.Name), cancellationToken); // the rows are named by address from here on
            var readers = new List<NpgsqlConnection>();
            try
            {
                for (var i = 0; i < jobs; i++)
                {
                    readers.Add(await snapshot.OpenReaderAsync(cancellationToken));
                }

                var subsetted = plan with { Subset = await SubsetSelector.SelectAsync(readers, plan, subset, countByKey, cancellationToken) };
                report.OnEvent(new SubsetSelected(subsetted));
                return subsetted;
            }
            finally
            {
                foreach (var reader in readers)
                {
                    await reader.DisposeAsync();
                }
            }
        });
}
