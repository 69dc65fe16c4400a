using DevDbSeed.Catalog;
using DevDbSeed.Discovery;
using DevDbSeed.Errors;
using DevDbSeed.Planning;
using DevDbSeed.Postgres.Catalog;
using DevDbSeed.Postgres.Connections;
using DevDbSeed.Postgres.Source;
using DevDbSeed.Rules;
using DevDbSeed.Running;

namespace DevDbSeed.Postgres.Discovery;

/// <summary>Runs <c>rules init</c> against a source: read-only, one snapshot, a bounded sample per table.</summary>
internal static class RulesInit
{

    /// <summary>The new rules text, or (with <paramref name="updatePath"/>) the existing file's text with what was missing added.</summary>
    public static async Task<string> RunAsync(ConnectionSettings source, int sampleRows, string? updatePath, IRunObserver observer, CancellationToken cancellationToken)
    {
        string? existing = null;
        if (updatePath is not null)
        {
            existing = File.Exists(updatePath) ? await File.ReadAllTextAsync(updatePath, cancellationToken)
                : throw new ConfigurationException($"rules file {updatePath} does not exist");
        }

        await using var snapshot = await SourceSnapshot.OpenAsync(source, cancellationToken);
        var catalog = await CatalogReader.ReadAsync(snapshot.Holder, cancellationToken);
        var samples = new Dictionary<QualifiedName, TableSample>();
        foreach (var table in catalog.RuleTables)
        {
            samples[table.Name] = await ContentSampler.SampleAsync(snapshot.Holder, table, RowSample.Of(catalog, table), sampleRows, cancellationToken);
        }

        var suggestions = RulesInitializer.Suggest(catalog, samples).ToList();
        observer.OnEvent(new SourceClassified(source.ToString(), catalog.RuleTables.Count(), samples.Values.Sum(s => (long)s.Rows)));
        if (existing is null)
        {
            return RulesInitializer.Write(source.Database, catalog, suggestions);
        }

        var result = RulesUpdater.Update(existing, updatePath!, suggestions);
        observer.OnEvent(new RulesUpdated(result.Added));
        foreach (var warning in result.Warnings)
        {
            observer.OnEvent(new RulesNeedReview(warning));
        }

        return result.Text;
    }
}
