using System.Text.Json.Serialization;

namespace DevDbSeed.Reporting;

/// <summary>
/// The security reviewer's view of the rules against the live source schema: per table and column what happens,
/// which masked columns are unique and how, JSON members masked and left as they are, and warnings where kept
/// data looks personal. Property order is the JSON format's order: stable for tooling.
/// </summary>
public sealed record ReviewReport(
    string Source,
    string Locale,
    IReadOnlyList<RulesFileReview> RulesFiles,
    ReviewCounts Counts,
    IReadOnlyList<string> Warnings,
    IReadOnlyList<TableReview> Tables,
    IReadOnlyList<string> Views,
    IReadOnlyList<string> MaterializedViews,
    IReadOnlyList<KeptRowsReview> KeptRows);

/// <summary>A <c>keep_rows</c> predicate: the rows of its table copied unmasked.</summary>
/// <param name="Table">schema.table.</param>
/// <param name="Predicate">The SQL predicate, as the rules file writes it.</param>
/// <param name="Location">Where the rules file writes it (file:line:column).</param>
/// <param name="Rows">The source rows it matches, counted in the report's snapshot.</param>
public sealed record KeptRowsReview(string Table, string Predicate, string Location, long Rows);

/// <summary>A rules file and the SHA-256 of its content: what exactly was reviewed.</summary>
public sealed record RulesFileReview(string Path, string Sha256);

public sealed record ReviewCounts(int Tables, int MaskedTables, int KeptTables, int EmptiedTables, int Columns, int MaskedColumns, int Warnings, int SampledRows);

/// <summary>One table (partitions folded into their root).</summary>
/// <param name="Name">schema.table.</param>
/// <param name="Action">mask, keep or empty.</param>
/// <param name="EstimatedRows">Rows by the catalog's estimate, partitions included.</param>
/// <param name="Partitions">How many partitions hold its rows (0 for a plain table).</param>
/// <param name="SampledRows">Rows read for the content scan.</param>
/// <param name="Columns">Every column, in table order.</param>
/// <param name="Reidentification">
/// k over the quasi-identifiers the rules keep, when it keeps at least <see cref="ReidentificationCheck.MinColumns"/>;
/// absent from the JSON otherwise.
/// </param>
public sealed record TableReview(string Name, string Action, long EstimatedRows, int Partitions, int SampledRows, IReadOnlyList<ColumnReview> Columns,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] ReidentificationReview? Reidentification = null);

/// <summary>One column.</summary>
/// <param name="Name">The column's name.</param>
/// <param name="Type">Its SQL type.</param>
/// <param name="Action">masked, kept, emptied, generated, or follows (a foreign key to a masked column).</param>
/// <param name="Rule">What is done to the values (masked and follows).</param>
/// <param name="Unique">Distinct originals get distinct masked values.</param>
/// <param name="UniqueHow">How uniqueness is kept, when unique.</param>
/// <param name="Follows">The masked column a foreign key makes this one follow.</param>
/// <param name="JsonMasked">JSON members masked, with their rules.</param>
/// <param name="JsonUnmasked">JSON members seen in the sample and left as they are.</param>
/// <param name="Warnings">Why this column deserves a second look.</param>
/// <param name="Verification">What the run's verification does with it.</param>
public sealed record ColumnReview(
    string Name,
    string Type,
    string Action,
    string? Rule,
    bool Unique,
    string? UniqueHow,
    string? Follows,
    IReadOnlyList<string> JsonMasked,
    IReadOnlyList<string> JsonUnmasked,
    IReadOnlyList<string> Warnings,
    VerificationReview Verification);

/// <summary>What the verification of the new database a run writes does with a column (the run's own verification).</summary>
/// <param name="Originals">Its originals are read from the source and looked for.</param>
/// <param name="Parts">Where in its values those originals sit (JSON paths, <c>[*]</c>, <c>scrub:email+phone</c>); empty for the whole value.</param>
/// <param name="ComparedByKey">Rows are read again by the table's kept unique key and this column compared with the source's.</param>
/// <param name="Search">How the new database's column is searched for originals: none, wholeValue, words or keptMembers.</param>
public sealed record VerificationReview(bool Originals, IReadOnlyList<string> Parts, bool ComparedByKey, string Search)
{
    /// <summary>Nothing: neither read, compared nor searched.</summary>
    public static VerificationReview None { get; } = new(false, [], false, "none");

    /// <summary>One line for the Markdown and HTML reports.</summary>
    public string Describe()
    {
        var originals = !Originals ? null : "originals looked for" + (Parts.Count == 0 ? string.Empty : $" ({string.Join(", ", Parts)})");
        var compared = ComparedByKey ? "compared with the source row by row" : null;
        var search = Search switch
        {
            "wholeValue" => "searched: whole values",
            "words" => "searched: words",
            "keptMembers" => "searched: kept JSON members",
            _ => null,
        };
        var text = string.Join("; ", new[] { originals, compared, search }.OfType<string>());
        return text.Length == 0 ? "not checked" : text;
    }
}
