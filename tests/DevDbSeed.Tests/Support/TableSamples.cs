using DevDbSeed.Catalog;
using DevDbSeed.Detection;
using DevDbSeed.Discovery;

namespace DevDbSeed.Tests.Support;

/// <summary>Content samples of a table built by hand, the way the content sampler profiles what it reads.</summary>
internal static class TableSamples
{
    /// <summary>A sample of <paramref name="rows"/> rows of <paramref name="table"/> whose text columns held <paramref name="columns"/>; its JSON columns empty.</summary>
    public static TableSample Of(DatabaseCatalog catalog, string table, int rows, params (string Column, string[] Values)[] columns)
    {
        var info = catalog.Table(Catalogs.Name(table))!;
        var text = new Dictionary<string, ContentProfile>(StringComparer.Ordinal);
        foreach (var (column, values) in columns)
        {
            var profile = text[column] = new ContentProfile();
            foreach (var value in values)
            {
                profile.Add(value);
            }
        }

        var json = info.Columns.Where(c => c.Type.Category == TypeCategory.Jsonb).ToDictionary(c => c.Name, _ => new JsonProfile(), StringComparer.Ordinal);
        return new TableSample(info, text, json, rows);
    }
}
