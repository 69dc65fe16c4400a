using DevDbSeed.Catalog;
using DevDbSeed.Discovery;
using DevDbSeed.Planning;
using DevDbSeed.Postgres.Discovery;
using DevDbSeed.Postgres.Pipeline;
using DevDbSeed.Postgres.Source;
using DevDbSeed.Reporting;

namespace DevDbSeed.Postgres.Reporting;

/// <summary>
/// Builds the reviewer's report against a live source (read-only, one snapshot): the plan (rules against the live
/// schema, exit 3 if they do not fit) and a bounded sample of each table the rules do not empty, read as the plan
/// samples it; <see cref="ReviewReportBuilder"/> turns them into the report.
/// </summary>
public static class ReportBuilder
{
    public static async Task<ReviewReport> BuildAsync(RunOptions options, int sampleRows, IRunObserver observer, CancellationToken cancellationToken)
    {
        await using var snapshot = await SourceSnapshot.OpenAsync(options.Source, cancellationToken);
        var plan = await PipelineRunner.PlanAsync(snapshot, options.Rules, observer, cancellationToken);
        observer.Step($"sampling up to {sampleRows} rows per table to look for personal data in what the rules keep");
        var samples = new Dictionary<QualifiedName, TableSample>();
        foreach (var table in plan.RuleTables.Where(t => t.Mode != CopyMode.Emptied))
        {
            samples[table.Name] = await ContentSampler.SampleAsync(snapshot.Holder, table.Table, table.Sample, sampleRows, cancellationToken);
        }

        return ReviewReportBuilder.Build(options.Source.ToString(), plan, samples);
    }
}
