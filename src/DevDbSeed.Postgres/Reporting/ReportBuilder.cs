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
/// schema, exit 3 if they do not fit) and a bounded sample of each table the rules do not empty, read as the plan
/// samples it; <see cref="ReviewReportBuilder"/> turns them into the report.
/// </summary>
internal static class ReportBuilder
{
    public static async Task<ReviewReport> BuildAsync(RunOptions options, int sampleRows, IRunObserver observer, CancellationToken cancellationToken)
    {
        var report = new RunReporter(observer);
        options.Announce(report);
        await using var source = await SourceDatabase.OpenAsync(options, report, cancellationToken);
        await using var snapshot = await SourceSnapshot.OpenAsync(source.Settings, cancellationToken);
        var plan = await PlanStep.PlanAsync(snapshot, options.Rules, report, cancellationToken);
        report.OnEvent(new SamplingStarted(sampleRows));
        var samples = await report.StepAsync(RunStep.Sample, async () =>
        {
            var samples = new Dictionary<QualifiedName, TableSample>();
            foreach (var table in plan.RuleTables.Where(t => t.Mode != CopyMode.Emptied))
            {
                samples[table.Name] = await ContentSampler.SampleAsync(snapshot.Holder, table.Table, table.Sample, sampleRows, cancellationToken);
            }

            return samples;
        });

        return ReviewReportBuilder.Build(source.Description, plan, samples);
    }
}
