using DevDbSeed.Catalog;
using DevDbSeed.Discovery;
using DevDbSeed.Planning;
using DevDbSeed.Postgres.Discovery;
using DevDbSeed.Postgres.Pipeline;
using DevDbSeed.Postgres.Source;
using DevDbSeed.Reporting;
using DevDbSeed.Running;

namespace DevDbSeed.Postgres.Reporting;

/// <summary>
/// Builds the reviewer's report against a live source (read-only, one snapshot): the plan (rules against the live
/// schema, exit 3 if they do not fit), a bounded sample of each table the rules do not empty, read as the plan
/// samples it, and k over the quasi-identifiers each table keeps (<see cref="GroupSizeMeter"/>);
/// <see cref="ReviewReportBuilder"/> turns them into the report.
/// </summary>
internal static class ReportBuilder
{
    public static Task<ReviewReport> BuildAsync(RunOptions options, int sampleRows, IRunObserver observer, CancellationToken cancellationToken) =>
        BuildAsync(options, sampleRows, GroupSizeLimits.Default, observer, cancellationToken);

    /// <summary>The report, with the re-identification check's exact and sampled sizes set by <paramref name="limits"/> (tests force the sample).</summary>
    internal static async Task<ReviewReport> BuildAsync(RunOptions options, int sampleRows, GroupSizeLimits limits, IRunObserver observer, CancellationToken cancellationToken)
    {
        var report = new RunReporter(observer);
        options.Announce(report);
        await using var source = await SourceDatabase.OpenAsync(options, report, cancellationToken);
        await using var snapshot = await SourceSnapshot.OpenAsync(source.Settings, cancellationToken);
        var plan = await PlanStep.PlanAsync(snapshot, options.Rules, report, cancellationToken);
        report.OnEvent(new SamplingStarted(sampleRows));
        var (samples, groups) = await report.StepAsync(RunStep.Sample, async () =>
        {
            var samples = new Dictionary<QualifiedName, TableSample>();
            var groups = new Dictionary<QualifiedName, ReidentificationReview>();
            foreach (var table in plan.RuleTables.Where(t => t.Mode != CopyMode.Emptied))
            {
                var sample = await ContentSampler.SampleAsync(snapshot.Holder, table.Table, table.Sample, sampleRows, cancellationToken);
                samples[table.Name] = sample;
                var kept = ReidentificationCheck.KeptQuasiIdentifiers(table, sample);
                if (ReidentificationCheck.IsMeasured(kept))
                {
                    groups[table.Name] = await GroupSizeMeter.MeasureAsync(snapshot.Holder, table, [.. kept.Select(q => q.Column)], limits, cancellationToken);
                }
            }

            return (samples, groups);
        });

        return ReviewReportBuilder.Build(source.Description, plan, samples, groups);
    }
}
