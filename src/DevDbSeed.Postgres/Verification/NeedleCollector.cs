using DevDbSeed.Catalog;
using DevDbSeed.Configuration;
using DevDbSeed.Detection;
using DevDbSeed.Masking;
using DevDbSeed.Masking.Transformers;
using DevDbSeed.Planning;
using Npgsql;

namespace DevDbSeed.Postgres.Verification;

/// <summary>
/// Collects, from the source snapshot, the distinct original values of every masked column (all of them, or up to
/// <see cref="VerifyOptions.SamplePerColumn"/> per column from a block sample of big tables): whole values, values at
/// each masked JSON path, array elements, and the e-mails, phones, cards, IBANs and IPs a scrub rule replaces. One
/// read per table. Values shorter than <see cref="VerifyOptions.MinLength"/> are too common to identify anyone.
/// </summary>
internal static class NeedleCollector
{
    public static async Task<Dictionary<string, List<Origin>>> CollectAsync(
        NpgsqlConnection source, PipelinePlan plan, VerifyOptions options, CancellationToken cancellationToken)
    {
        var needles = new Dictionary<string, List<Origin>>(StringComparer.Ordinal);
        foreach (var table in plan.RuleTables)
        {
            var columns = table.MaskedColumns.Where(c => c.Column.Type.Category != TypeCategory.Bytea).ToList();
            if (columns.Count == 0)
            {
                continue;
            }

            var places = columns.Select(c => Places(table.Name, c).ToList()).ToList();
            var seen = places.SelectMany(p => p).ToDictionary(p => p, _ => new HashSet<string>(StringComparer.Ordinal));
            var sql = table.Sample.Select(string.Join(", ", columns.Select(c => c.Column.Sql + "::text")), options.SamplePerColumn, options.SamplePerColumn * 4L);
            await using var command = new NpgsqlCommand(sql, source);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                for (var i = 0; i < columns.Count; i++)
                {
                    if (!reader.IsDBNull(i))
                    {
                        Extract(reader.GetString(i), columns[i], places[i], seen, options);
                    }
                }
            }

            foreach (var (origin, values) in seen)
            {
                foreach (var value in values)
                {
                    if (!needles.TryGetValue(value, out var origins))
                    {
                        needles[value] = origins = [];
                    }

                    origins.Add(origin);
                }
            }
        }

        return needles;
    }

    /// <summary>The places values of a masked column come from: the whole value, each JSON path, the array elements, the scrubbed items.</summary>
    private static IEnumerable<Origin> Places(QualifiedName table, ColumnPlan column) => column.Rule switch
    {
        JsonRule json => json.Members.Select(m => new Origin(table, column.Column.Name, m.Path.ToString(), m.Rule, column)),
        EachRule each => [new Origin(table, column.Column.Name, "[*]", each.Element, column)],
        ScrubRule scrub => [new Origin(table, column.Column.Name, "scrub:" + string.Join("+", ScrubRule.NamesOf(scrub.Kinds)), scrub, column)],
        _ => [new Origin(table, column.Column.Name, null, column.Rule!, column)],
    };

    private static void Extract(string value, ColumnPlan column, List<Origin> places, Dictionary<Origin, HashSet<string>> seen, VerifyOptions options)
    {
        void Add(Origin origin, string item)
        {
            var set = seen[origin];
            if (item.Length >= options.MinLength && set.Count < options.SamplePerColumn && !string.IsNullOrWhiteSpace(item))
            {
                set.Add(item);
            }
        }

        switch (column.Rule)
        {
            case JsonRule json:
                foreach (var (path, item) in JsonLeaves.All(value))
                {
                    for (var m = 0; m < json.Members.Count; m++)
                    {
                        if (json.Members[m].Path.Covers(path))
                        {
                            Add(places[m], item);
                        }
                    }
                }

                break;
            case EachRule:
                foreach (var element in PostgresArrayText.Elements(value))
                {
                    Add(places[0], element);
                }

                break;
            case ScrubRule scrub:
                foreach (var match in PiiDetector.Find(value, scrub.Kinds))
                {
                    Add(places[0], value.Substring(match.Start, match.Length));
                }

                break;
            default:
                Add(places[0], value);
                break;
        }
    }
}
