using System.Text.Json;
using DevDbSeed.Catalog;
using DevDbSeed.Detection;
using DevDbSeed.Discovery;
using DevDbSeed.Masking;
using DevDbSeed.Masking.Transformers;
using DevDbSeed.Planning;
using DevDbSeed.Verification;

namespace DevDbSeed.Reporting;

/// <summary>
/// Builds the reviewer's report from the plan and a content sample of each table. Every decision shown is read from the
/// plan's entries (table mode, estimated rows, partitions, column action, rule and uniqueness, JSON members its rule
/// masks, the rows <c>keep_rows</c> keeps unmasked) and from the run's verification plan; the samples add only what the plan cannot know: the warnings where kept
/// data looks personal, and the JSON members seen and left as they are.
/// </summary>
public static class ReviewReportBuilder
{
    /// <summary>The report of <paramref name="plan"/>.</summary>
    /// <param name="source">How the report names the source (user@host:port/database).</param>
    /// <param name="plan">The plan of the rules against the source.</param>
    /// <param name="samples">The content sample of each table the rules name, by name; emptied tables need none (one given is ignored).</param>
    /// <param name="groups">k over the kept quasi-identifiers of the tables measured (<see cref="ReidentificationCheck"/>), by name.</param>
    public static ReviewReport Build(string source, PipelinePlan plan, IReadOnlyDictionary<QualifiedName, TableSample> samples,
        IReadOnlyDictionary<QualifiedName, ReidentificationReview>? groups = null)
    {
        var verification = VerificationPlan.For(plan, VerifyScope.NewDatabase);
        var warnings = new List<Finding>();
        var tables = new List<TableReview>();
        foreach (var table in plan.RuleTables)
        {
            var sample = table.Mode == CopyMode.Emptied ? null : samples.GetValueOrDefault(table.Name);
            var columns = table.Columns.Select(c => Column(table, c, sample, verification.Of(table, c), warnings)).ToList();
            var group = table.Mode == CopyMode.Emptied ? null : groups?.GetValueOrDefault(table.Name);
            if (group is not null && ReidentificationCheck.Warning(table, ReidentificationCheck.KeptQuasiIdentifiers(table, sample), group) is { } risk)
            {
                warnings.Add(new Finding(risk, ByContent: true)); // measured on the source's rows
            }

            tables.Add(new TableReview(table.Name.ToString(), ActionOf(table.Mode), table.EstimatedRows, table.IsPartitioned ? table.Parts.Count : 0,
                sample?.Rows ?? 0, columns, group));
        }

        // the warnings backed by sampled content first: they are the ones most likely to show data reaching dev unmasked
        var ranked = warnings.OrderBy(w => w.ByContent ? 0 : 1).Select(w => w.Text).ToList();
        var counts = new ReviewCounts(tables.Count, plan.CountOf(CopyMode.Masked), plan.CountOf(CopyMode.Passthrough), plan.CountOf(CopyMode.Emptied),
            tables.Sum(t => t.Columns.Count), plan.MaskedColumnCount, ranked.Count, tables.Sum(t => t.SampledRows));
        return new ReviewReport(source, plan.Rules.Locale, [.. plan.Rules.Files.Select(f => new RulesFileReview(f.DisplayPath, f.Sha256))], counts, ranked, tables,
            [.. plan.Catalog.Views.Select(v => v.ToString())], [.. plan.Catalog.MaterializedViews.Select(v => v.ToString())],
            [.. plan.KeepingRows.Select(t => new KeptRowsReview(t.Name.ToString(), t.KeepRows!.Predicate, t.KeepRows.Location.ToString(), plan.KeptRows.GetValueOrDefault(t.Name)))]);
    }

    private static string ActionOf(CopyMode mode) => mode switch
    {
        CopyMode.Masked => "mask",
        CopyMode.Emptied => "empty",
        _ => "keep",
    };

    private static ColumnReview Column(RuleTablePlan table, ColumnPlan column, TableSample? sample, ColumnVerification verification, List<Finding> warnings)
    {
        var name = column.Column.Name;
        var checks = new VerificationReview(verification.Originals, verification.Parts, verification.ComparedByKey,
            JsonNamingPolicy.CamelCase.ConvertName(verification.Search.ToString()));
        var review = new ColumnReview(name, column.Column.Type.SqlName, "kept", null, false, null, null, [], [], [], checks);
        if (column.Action == ColumnAction.Generated)
        {
            return review with { Action = "generated" };
        }

        if (table.Mode == CopyMode.Emptied)
        {
            return review with { Action = "emptied" };
        }

        var notes = column.Action == ColumnAction.Keep ? KeptColumnNotes(column.Column, IsKey(table, column.Column), sample?.Text.GetValueOrDefault(name)) : [];
        var members = JsonMembers(column, sample?.Json.GetValueOrDefault(name), notes);
        warnings.AddRange(notes.Select(n => n with { Text = $"{table.Name}.{name}: {n.Text}" }));
        review = review with { JsonMasked = members.Masked, JsonUnmasked = members.Left, Warnings = [.. notes.Select(n => n.Text)] };
        return column.Action == ColumnAction.Keep ? review : review with
        {
            Action = column.Follows is null ? "masked" : "follows",
            Rule = column.Rule!.Describe(column.Unique),
            Unique = column.Unique,
            UniqueHow = column.Uniqueness?.Describe(column.Follows),
            Follows = column.Follows,
        };
    }

    /// <summary>
    /// Why a kept column deserves a second look: personal data in its sampled values, or its name, unless it is a key
    /// (a uuid or integer, or part of a foreign key): <c>organization_id</c> names whose row it points to, it holds no employer.
    /// </summary>
    private static List<Finding> KeptColumnNotes(ColumnInfo column, bool isKey, ContentProfile? content)
    {
        var notes = new List<Finding>();
        if (!isKey && ColumnName.Hint(column.Name) is { } hint && hint.Hint != NameHint.FreeText)
        {
            notes.Add(new Finding($"kept, but its name suggests {ColumnName.Describe(hint.Hint)}", ByContent: false));
        }

        if (content is { Contained: not PiiKind.None })
        {
            notes.Add(new Finding($"kept, but {content.DescribeContained()}", ByContent: true));
        }

        notes.AddRange(PersonNotes(content, "kept, but "));
        return notes;
    }

    /// <summary>People's names, cities or street addresses in the values, or names mentioned in free text.</summary>
    private static IEnumerable<Finding> PersonNotes(ContentProfile? content, string lead)
    {
        if (content?.PersonFinding() is { } person)
        {
            yield return new Finding(lead + person.Described, ByContent: true);
        }
        else if (content is not null && content.MentionShare >= ColumnClassifier.MentionsWorthAWarning)
        {
            yield return new Finding(lead + content.DescribeMentions(), ByContent: true);
        }
    }

    private static bool IsKey(RuleTablePlan table, ColumnInfo column) =>
        column.Type.Category is TypeCategory.Uuid or TypeCategory.Integer || table.Table.ForeignKeys.Any(fk => fk.Columns.Contains(column.Name));

    /// <summary>
    /// The JSON members the column's rule masks (its JSON member parts, with their rules) and the members seen in the
    /// sample that no part masks; a rule replacing the whole value leaves none. <paramref name="notes"/> gets why a
    /// member left as it is deserves a second look.
    /// </summary>
    private static (List<string> Masked, List<string> Left) JsonMembers(ColumnPlan column, JsonProfile? sample, List<Finding> notes)
    {
        var parts = column.Rule?.Parts ?? [];
        var masked = parts.Where(p => p.Kind == PartKind.JsonMember).Select(p => $"{p.Position} → {p.Rule.Describe(false)}").ToList();
        var left = new List<string>();
        if (sample is null || parts.Any(p => p.Kind == PartKind.Whole))
        {
            return (masked, left);
        }

        foreach (var (path, profile) in sample.Paths)
        {
            if (JsonPath.TryParse(path) is { } seen && parts.Any(p => p.Path?.Covers(seen) == true))
            {
                continue;
            }

            left.Add(path);
            if (profile.Contained != PiiKind.None)
            {
                notes.Add(new Finding($"JSON member {path} is left as it is, but {profile.DescribeContained()}", ByContent: true));
            }
            else if (PersonNotes(profile, $"JSON member {path} is left as it is, but ").ToList() is [_, ..] people)
            {
                notes.AddRange(people);
            }
            else if (ColumnName.Hint(JsonProfile.LastKey(path)) is { } hint && hint.Hint != NameHint.FreeText)
            {
                notes.Add(new Finding($"JSON member {path} is left as it is, but its name suggests {ColumnName.Describe(hint.Hint)}", ByContent: false));
            }
        }

        return (masked, left);
    }

    /// <summary>A warning, and whether sampled content backs it (those come first) or only a name.</summary>
    private sealed record Finding(string Text, bool ByContent);
}
