using System.Text.Json;
using DevDbSeed.Catalog;
using DevDbSeed.Masking;
using DevDbSeed.Running;
using DevDbSeed.Serialization;
using DevDbSeed.Subsetting;
using DevDbSeed.Verification;

namespace DevDbSeed.Planning;

/// <summary>
/// The plan as a stable JSON document for tools (what <c>check --format json</c> prints): every table the rules name,
/// how its rows travel and what happens to each column, read from the plan's entries, with what the run's verification
/// (<see cref="VerifyScope.NewDatabase"/>) does with each column. Two writes of the same plan give the same text.
/// </summary>
/// <remarks>
/// <para>
/// Format version 1. Property order is part of the format; a later version may add properties, never rename or remove
/// one, and raises <c>formatVersion</c> only when a property changes meaning. camelCase, indented by two spaces, <c>\n</c>
/// line ends, a final <c>\n</c>, no escaping beyond what JSON requires. Tables are in ordinal order of their names,
/// partitions and views too; columns in table order. Names are <c>schema.table</c> and <c>schema.table.column</c>.
/// </para>
/// <code>
/// {
///   "formatVersion": 1,
///   "source": { "database": "shop", "serverVersion": 170000 },            // server_version_num
///   "locale": "en",                                                        // the Bogus locale of the fakes
///   "rulesFiles": [ { "path": "rules.yaml", "sha256": "5c3f…b909" } ],
///   "counts": { "tables": 4, "masked": 3, "passthrough": 1, "emptied": 0, "maskedColumns": 6 },
///   "tables": [ {
///     "name": "public.events",
///     "mode": "masked",                           // masked | passthrough | emptied
///     "estimatedRows": 700,                       // partitions included
///     "partitions": [ "public.events_2024", "public.events_2025" ],  // leaf partitions; [] for a plain table
///     "rowFilter": null,                          // reserved, always null: a subset chooses rows by walking keys (subset)
///     "subset": {                                 // null unless the pipeline copies a subset
///       "role": "start",                          // start | reached | whole | emptied
///       "rows": 50,                               // rows it takes: counted (exact) for start and reached tables, else estimated
///       "exact": true,
///       "selection": "where created_at >= '2025-01-01'"  // a start table's selection as the pipeline gives it; else null
///     },
///     "sample": { "blockSampled": false },        // whether a bounded sample of it is read as a block sample
///     "comparedByKey": null,                      // the kept unique key its rows are compared by, e.g. [ "id" ]; null: none
///     "columns": [ {
///       "name": "email",
///       "type": "text",
///       "action": "mask",                         // keep | mask | generated
///       "rule": "fake internet.email (unique)",   // what is done to the values; null unless masked
///       "kind": "fake",                           // the rule's kind; null unless masked
///       "follows": null,                          // the masked column a foreign key makes it follow (schema.table.column)
///       "fitLength": null,                        // the length every masked value fits; null: no limit
///       "unique": {                               // null when distinct originals need not stay distinct
///         "method": "keyedDigits",                // keyedDigits | keyedHash | keyedValue | checkedAfterLoad
///         "digits": 5,                            // keyedDigits: the keyed digits its fakes carry; null otherwise
///         "bits": 38.31,                          // distinctness bits of its digits and fake, hash or value, two decimals; 0: none
///         "checked": true,                        // the new database is checked for collisions in it after the load
///         "how": "keyed 5-digit suffix (38 bits with the fake's own variety); checked after the load, collisions repaired"
///       },
///       "verification": {                         // what the run's verification does with it
///         "originals": true,                      // its originals are read from the source and looked for
///         "parts": [],                            // where in its values they sit (JSON paths, [*], scrub:…); []: whole
///         "comparedByKey": false,                 // compared with the source's same row, found by the table's kept key
///         "search": "wholeValue"                  // none | wholeValue | words | keptMembers
///       }
///     } ],
///     "keepRows": null                            // with keep_rows: { "predicate": "customer_id &lt;= 3", "location": "rules.yaml:28:16",
///                                                 //   "rows": 3 }: the rows copied unmasked, counted on the source in the snapshot
///   } ],
///   "views": [],
///   "materializedViews": [],
///   "afterScripts": [ { "file": "pipelines/after/dev-accounts.sql", "statements": 3 } ]  // after:, in the order they run
/// }
/// </code>
/// </remarks>
public static partial class PlanDocument
{
    /// <summary>The format version written in <c>formatVersion</c>.</summary>
    public const int FormatVersion = 1;

    private static JsonSerializerOptions Json => DocumentJson.Options;

    /// <summary>The JSON document of <paramref name="plan"/>, with the pipeline's <paramref name="afterScripts"/> (none when null).</summary>
    public static string Write(PipelinePlan plan, IReadOnlyList<AfterScriptInfo>? afterScripts = null) =>
        JsonSerializer.Serialize(Document(plan, afterScripts ?? []), Json) + "\n";

    private static DocumentModel Document(PipelinePlan plan, IReadOnlyList<AfterScriptInfo> afterScripts)
    {
        var subset = plan.Subset?.Tables(plan).ToDictionary(t => t.Table);
        var verification = VerificationPlan.For(plan, VerifyScope.NewDatabase);
        var catalog = plan.Catalog;
        return new DocumentModel(
            FormatVersion,
            new SourceModel(catalog.DatabaseName, catalog.ServerVersionNumber),
            plan.Rules.Locale,
            [.. plan.Rules.Files.Select(f => new RulesFileModel(f.DisplayPath, f.Sha256))],
            new CountsModel(plan.RuleTables.Count, plan.CountOf(CopyMode.Masked), plan.CountOf(CopyMode.Passthrough), plan.CountOf(CopyMode.Emptied),
                plan.MaskedColumnCount),
            [.. plan.RuleTables.OrderBy(t => t.Name.ToString(), StringComparer.Ordinal).Select(t => Table(t, verification, subset?[t.Name], plan.KeptRows))],
            Names(catalog.Views),
            Names(catalog.MaterializedViews),
            [.. afterScripts.Select(a => new AfterScriptModel(a.Path, a.Statements))]);
    }

    private static TableModel Table(RuleTablePlan table, VerificationPlan verification, SubsetTableRows? subset, IReadOnlyDictionary<QualifiedName, long> kept) => new(
        table.Name.ToString(),
        Camel(table.Mode),
        table.EstimatedRows,
        table.IsPartitioned ? Names(table.Parts.Select(p => p.Table.Name)) : [],
        null,
        subset is null ? null : new SubsetModel(Camel(subset.Role), subset.Rows, subset.Exact, subset.Selection),
        new SampleModel(table.Sample.BlockSampled),
        table.ComparableKey?.Columns,
        [.. table.Columns.Select(c => Column(c, verification.Of(table, c)))],
        table.KeepRows is { } keep ? new KeepRowsModel(keep.Predicate, keep.Location.ToString(), kept.TryGetValue(table.Name, out var rows) ? rows : null) : null);

    private static ColumnModel Column(ColumnPlan column, ColumnVerification verification) => new(
        column.Column.Name,
        column.Column.Type.SqlName,
        Camel(column.Action),
        column.Rule?.Describe(column.Unique),
        column.Rule?.Kind,
        column.Follows,
        column.FitLength,
        column.Uniqueness is { } unique
            ? new UniqueModel(Camel(unique.Method), unique.Method == UniqueMethod.KeyedDigits ? unique.Digits : null, Math.Round(unique.Bits, 2),
                unique.Checked, unique.Describe(column.Follows))
            : null,
        new VerificationModel(verification.Originals, verification.Parts, verification.ComparedByKey, Camel(verification.Search)));

    private static List<string> Names<T>(IEnumerable<T> names) where T : notnull =>
        [.. names.Select(n => n.ToString()!).Order(StringComparer.Ordinal)];

    private static string Camel<T>(T value) where T : struct, Enum => JsonNamingPolicy.CamelCase.ConvertName(value.ToString());
}
