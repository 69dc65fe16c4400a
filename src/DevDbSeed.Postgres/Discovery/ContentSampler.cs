using DevDbSeed.Catalog;
using DevDbSeed.Detection;
using DevDbSeed.Discovery;
using DevDbSeed.Planning;
using Npgsql;

namespace DevDbSeed.Postgres.Discovery;

/// <summary>
/// Reads up to N rows of each table (a block sample on big tables, so it stays cheap on production) and profiles
/// the text, JSON and array columns: which hold e-mails, phones, cards, IBANs or IPs, wholly or inside text.
/// </summary>
internal static class ContentSampler
{
    public static async Task<TableSample> SampleAsync(NpgsqlConnection source, TableInfo table, RowSample rows, int limit, CancellationToken cancellationToken)
    {
        var columns = table.Columns.Where(Profiled).ToList();
        var text = columns.Where(c => c.Type.Category is not (TypeCategory.Json or TypeCategory.Jsonb)).ToDictionary(c => c.Name, _ => new ContentProfile(), StringComparer.Ordinal);
        var json = columns.Where(c => c.Type.Category is TypeCategory.Json or TypeCategory.Jsonb).ToDictionary(c => c.Name, _ => new JsonProfile(), StringComparer.Ordinal);
        if (columns.Count == 0 || limit <= 0)
        {
            return new TableSample(table, text, json, 0);
        }

        var sql = rows.Select(string.Join(", ", columns.Select(c => c.Sql + "::text")), limit, limit);
        var read = 0;
        await using var command = new NpgsqlCommand(sql, source);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            read++;
            for (var i = 0; i < columns.Count; i++)
            {
                if (reader.IsDBNull(i))
                {
                    continue;
                }

                var value = reader.GetString(i);
                if (json.TryGetValue(columns[i].Name, out var document))
                {
                    document.Add(value);
                }
                else
                {
                    text[columns[i].Name].Add(value);
                }
            }
        }

        return new TableSample(table, text, json, read);
    }

    /// <summary>Text, JSON and arrays are profiled; numbers, dates and booleans speak through their names only.</summary>
    private static bool Profiled(ColumnInfo column) => !column.IsGenerated
        && column.Type.HoldsText;
}
