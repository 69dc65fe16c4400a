using DevDbSeed.Catalog;
using DevDbSeed.Detection;
using DevDbSeed.Errors;
using DevDbSeed.Planning;
using DevDbSeed.Rules;

namespace DevDbSeed.Discovery;

/// <summary>
/// <c>devdbseed rules init</c>, without the database: from the source schema and a sample of its content (each table
/// sampled as the plan samples it, <see cref="RowSample.Of"/>) it writes a complete rules file, every table and column classified, that passes the coverage check unedited. It plans its
/// own output against the schema and, where a suggestion cannot fit its column, falls back to a rule that can.
/// </summary>
public static class RulesInitializer
{
    private const int MaxRepairs = 5;

    /// <summary>Suggestions for the tables of <paramref name="catalog"/>, from their samples.</summary>
    public static IReadOnlyList<TableSuggestion> Suggest(DatabaseCatalog catalog, IReadOnlyDictionary<QualifiedName, TableSample> samples)
    {
        var raw = new Dictionary<(QualifiedName, string), Suggestion>();
        foreach (var table in catalog.RuleTables)
        {
            var sample = samples.GetValueOrDefault(table.Name);
            foreach (var column in table.Columns.Where(c => !c.IsGenerated))
            {
                raw[(table.Name, column.Name)] = ColumnClassifier.Suggest(column, sample?.Text.GetValueOrDefault(column.Name), sample?.Json.GetValueOrDefault(column.Name));
            }
        }

        var suggestions = new List<TableSuggestion>();
        foreach (var table in catalog.RuleTables)
        {
            if (FrameworkTables.Of(table) is { } framework)
            {
                var why = FrameworkTables.Reason(framework);
                suggestions.Add(new TableSuggestion(table.Name, [.. table.Columns.Select(c => new ColumnSuggestion(c.Name, new Suggestion(null, why)))], why));
                continue;
            }

            var columns = new List<ColumnSuggestion>();
            foreach (var column in table.Columns)
            {
                if (column.IsGenerated)
                {
                    columns.Add(new ColumnSuggestion(column.Name, null, "generated: recomputed from the masked columns, no rule"));
                    continue;
                }

                var reference = table.ForeignKeys.SelectMany(fk => fk.Columns.Select((c, i) => (c, Target: (fk.ReferencedTable, fk.ReferencedColumns[i]))))
                    .Where(r => r.c == column.Name).Select(r => r.Target).Cast<(QualifiedName, string)?>().FirstOrDefault();
                if (reference is { } target && Resolve(raw, catalog, target) is { } referenced)
                {
                    columns.Add(referenced.IsKeep
                        ? new ColumnSuggestion(column.Name, new Suggestion(null, $"references {target.Item1}.{target.Item2}, which is kept"))
                        : new ColumnSuggestion(column.Name, null, $"follows {target.Item1}.{target.Item2} (foreign key): masked the same way, no rule"));
                    continue;
                }

                columns.Add(new ColumnSuggestion(column.Name, raw[(table.Name, column.Name)]));
            }

            var rows = samples.GetValueOrDefault(table.Name)?.Rows ?? 0;
            var keepWhole = columns.All(c => c.Suggestion is { IsKeep: true } || (c.Suggestion is null && table.Column(c.Column)!.IsGenerated))
                && columns.Any(c => c.Suggestion is not null);
            var looked = rows == 0 ? "names and types" : $"names, types and {rows} sampled rows";
            suggestions.Add(new TableSuggestion(table.Name, columns, keepWhole
                ? $"reviewed by devdbseed rules init (a tool, not a person): no personal data found in the {looked} of its {table.Columns.Count} columns"
                : null));
        }

        return suggestions;
    }

    /// <summary>
    /// Writes the suggestions as rules YAML, planning the result against the catalog; a column whose rule cannot fit
    /// falls back to a hash, then NULL, then keep marked REVIEW.
    /// </summary>
    public static string Write(string source, DatabaseCatalog catalog, List<TableSuggestion> tables)
    {
        for (var attempt = 0; ; attempt++)
        {
            var text = RulesWriter.Write(source, tables);
            try
            {
                Planner.Plan(RulesLoader.Parse(text, "rules init output"), catalog);
                return text;
            }
            catch (RulesMismatchException e) when (attempt < MaxRepairs)
            {
                var columns = e.Problems.Select(p => (Problem: p, Column: ColumnOf(catalog, p))).ToList();
                if (columns.Any(c => c.Column is null))
                {
                    throw;
                }

                foreach (var (problem, column) in columns)
                {
                    Downgrade(tables, catalog, column!.Value.Table, column.Value.Column, problem);
                }
            }
        }
    }

    private static Suggestion? Resolve(Dictionary<(QualifiedName, string), Suggestion> raw, DatabaseCatalog catalog, (QualifiedName Table, string Column) target, int depth = 0)
    {
        var table = catalog.Table(target.Table);
        if (table is null || depth > 10)
        {
            return null;
        }

        var next = table.ForeignKeys.SelectMany(fk => fk.Columns.Select((c, i) => (c, Target: (fk.ReferencedTable, fk.ReferencedColumns[i]))))
            .Where(r => r.c == target.Column).Select(r => r.Target).Cast<(QualifiedName, string)?>().FirstOrDefault();
        return next is { } further ? Resolve(raw, catalog, further, depth + 1) : raw.GetValueOrDefault(target);
    }

    private static void Downgrade(List<TableSuggestion> tables, DatabaseCatalog catalog, QualifiedName tableName, string columnName, string problem)
    {
        var index = tables.FindIndex(t => t.Table == tableName);
        var table = tables[index];
        var column = catalog.Table(tableName)!.Column(columnName)!;
        var columns = table.Columns.Select(c =>
        {
            if (c.Column != columnName || c.Suggestion is not { } current)
            {
                return c;
            }

            var why = problem[(problem.IndexOf("): ", StringComparison.Ordinal) + 3)..];
            var fallback = current.Rule != "{ hash: {} }" && column.Type.IsTextual && current.Rule is not "null"
                ? new Suggestion("{ hash: {} }", $"{current.Reason}; {current.Rule} cannot fit ({why}): hashed instead")
                : !column.NotNull && current.Rule is not "null"
                    ? new Suggestion("null", $"{current.Reason}; no rule fits ({why}): set to NULL")
                    : new Suggestion(null, $"REVIEW: {current.Reason}, but no rule fits the column ({why})");
            return c with { Suggestion = fallback };
        }).ToList();
        tables[index] = table with { Columns = columns, KeepReason = null };
    }

    /// <summary>The column a problem starts with (<c>schema.table.column (file:line:col): ...</c>), resolved against the catalog.</summary>
    private static (QualifiedName Table, string Column)? ColumnOf(DatabaseCatalog catalog, string problem)
    {
        var end = problem.IndexOf(" (", StringComparison.Ordinal);
        var name = end < 0 ? string.Empty : problem[..end];
        foreach (var table in catalog.RuleTables)
        {
            var prefix = table.Name + ".";
            if (name.StartsWith(prefix, StringComparison.Ordinal) && table.Column(name[prefix.Length..].Split(' ')[0]) is { } column)
            {
                return (table.Name, column.Name);
            }
        }

        return null;
    }
}
