using DevDbSeed.Detection;
using DevDbSeed.Discovery;
using DevDbSeed.Masking.Transformers;
using DevDbSeed.Planning;
using DevDbSeed.Postgres.Discovery;
using DevDbSeed.Postgres.Pipeline;
using DevDbSeed.Postgres.Source;
using DevDbSeed.Reporting;

namespace DevDbSeed.Postgres.Reporting;

/// <summary>
/// Builds the reviewer's report: the plan (rules against the live schema, exit 3 if they do not fit), plus a
/// content scan of a bounded sample of each table (read-only) that flags kept data looking personal.
/// </summary>
public static class ReportBuilder
{
    public static async Task<ReviewReport> BuildAsync(RunOptions options, int sampleRows, IRunObserver observer, CancellationToken cancellationToken)
    {
        await using var snapshot = await SourceSnapshot.OpenAsync(options.Source, cancellationToken);
        var plan = await PipelineRunner.PlanAsync(snapshot, options.Rules, observer, cancellationToken);
        observer.Step($"sampling up to {sampleRows} rows per table to look for personal data in what the rules keep");
        var tables = new List<TableReview>();
        var warnings = new List<string>();
        var sampled = 0;
        foreach (var table in plan.RuleTables)
        {
            var sample = table.Mode == CopyMode.Emptied ? null
                : await ContentSampler.SampleAsync(snapshot.Holder, table.Table, table.Sample, sampleRows, cancellationToken);
            sampled += sample?.Rows ?? 0;
            var columns = table.Columns.Select(c => Column(table, c, sample, warnings)).ToList();
            tables.Add(new TableReview(table.Name.ToString(), table.Mode switch { CopyMode.Masked => "mask", CopyMode.Emptied => "empty", _ => "keep" },
                table.EstimatedRows, table.IsPartitioned ? table.Parts.Count : 0, sample?.Rows ?? 0, columns));
        }

        var counts = new ReviewCounts(tables.Count, tables.Count(t => t.Action == "mask"), tables.Count(t => t.Action == "keep"), tables.Count(t => t.Action == "empty"),
            tables.Sum(t => t.Columns.Count), tables.Sum(t => t.Columns.Count(c => c.Action is "masked" or "follows")), warnings.Count, sampled);
        return new ReviewReport(options.Source.ToString(), options.Rules.Locale,
            [.. options.Rules.Files.Select(f => new RulesFileReview(f.DisplayPath, f.Sha256))], counts, warnings, tables,
            [.. plan.Catalog.Views.Select(v => v.ToString())], [.. plan.Catalog.MaterializedViews.Select(v => v.ToString())]);
    }

    private static ColumnReview Column(RuleTablePlan table, ColumnPlan column, TableSample? sample, List<string> warnings)
    {
        var name = $"{table.Name}.{column.Column.Name}";
        var type = column.Column.Type.SqlName;
        var content = sample?.Text.GetValueOrDefault(column.Column.Name);
        var json = sample?.Json.GetValueOrDefault(column.Column.Name);
        var notes = new List<string>();
        if (column.Action == ColumnAction.Generated)
        {
            return new ColumnReview(column.Column.Name, type, "generated", null, false, null, null, [], [], []);
        }

        if (table.Mode == CopyMode.Emptied)
        {
            return new ColumnReview(column.Column.Name, type, "emptied", null, false, null, null, [], [], []);
        }

        if (column.Action == ColumnAction.Keep)
        {
            if (ColumnName.Hint(column.Column.Name) is { } hint && hint.Hint != NameHint.FreeText)
            {
                notes.Add($"kept, but its name suggests {ColumnName.Describe(hint.Hint)}");
            }

            if (content is { Contained: not PiiKind.None })
            {
                notes.Add($"kept, but {content.DescribeContained()}");
            }
        }

        var masked = new List<string>();
        var unmasked = new List<string>();
        if (json is not null)
        {
            var members = column.Rule is JsonRule rule ? rule.Members : [];
            masked.AddRange(members.Select(m => $"{m.Path} → {m.Rule.Describe(false)}"));
            foreach (var (path, profile) in json.Paths)
            {
                if (JsonPath.TryParse(path) is { } seen && members.Any(m => m.Path.Covers(seen)))
                {
                    continue;
                }

                unmasked.Add(path);
                if (profile.Contained != PiiKind.None)
                {
                    notes.Add($"JSON member {path} is left as it is, but {profile.DescribeContained()}");
                }
                else if (ColumnName.Hint(JsonProfile.LastKey(path)) is { } hint && hint.Hint != NameHint.FreeText)
                {
                    notes.Add($"JSON member {path} is left as it is, but its name suggests {ColumnName.Describe(hint.Hint)}");
                }
            }
        }

        warnings.AddRange(notes.Select(n => $"{name}: {n}"));
        if (column.Action == ColumnAction.Keep)
        {
            return new ColumnReview(column.Column.Name, type, "kept", null, false, null, null, masked, unmasked, notes);
        }

        var ruleText = column.Rule!.Describe(column.Unique);
        return new ColumnReview(column.Column.Name, type, column.Follows is null ? "masked" : "follows", ruleText, column.Unique,
            column.Uniqueness?.Describe(column.Follows), column.Follows, masked, unmasked, notes);
    }
}
