using System.Globalization;
using DevDbSeed.Catalog;
using DevDbSeed.Detection;
using DevDbSeed.Discovery;
using DevDbSeed.Planning;

namespace DevDbSeed.Reporting;

/// <summary>
/// Which columns of a table the re-identification check groups by (the quasi-identifiers the rules keep), and what the
/// report says when they single people out: the figures, and rules that generalise or perturb each column.
/// </summary>
public static class ReidentificationCheck
{
    /// <summary>
    /// Tables are measured from two kept quasi-identifiers on: the risk is in combinations (birth date and postcode are
    /// unique for most people, either alone rarely is), and a single coarse column (a country code) would warn about
    /// every rare value.
    /// </summary>
    public const int MinColumns = 2;

    /// <summary>The quasi-identifiers among the columns the rules keep in <paramref name="table"/> (none when it is emptied).</summary>
    /// <param name="table">The table's plan.</param>
    /// <param name="sample">Its content sample (city names are recognised by content), if any.</param>
    public static IReadOnlyList<QuasiIdentifier> KeptQuasiIdentifiers(RuleTablePlan table, TableSample? sample)
    {
        if (table.Mode == CopyMode.Emptied)
        {
            return [];
        }

        return [.. table.Columns.Where(c => c.Action == ColumnAction.Keep)
            .Select(c => QuasiIdentifiers.Of(c.Column, IsKey(table.Table, c.Column), sample?.Text.GetValueOrDefault(c.Column.Name)))
            .OfType<QuasiIdentifier>()];
    }

    /// <summary>Whether a table keeping <paramref name="kept"/> is measured: at least <see cref="MinColumns"/> quasi-identifiers.</summary>
    public static bool IsMeasured(IReadOnlyList<QuasiIdentifier> kept) => kept.Count >= MinColumns;

    /// <summary>
    /// The warning when <paramref name="review"/> singles people out, null otherwise: the table and columns, k and the
    /// rows in small groups (exact, or estimated and how), and a rule for each column that would blur it.
    /// </summary>
    public static string? Warning(RuleTablePlan table, IReadOnlyList<QuasiIdentifier> kept, ReidentificationReview review)
    {
        if (!review.SinglesPeopleOut())
        {
            return null;
        }

        var columns = string.Join(", ", review.Columns);
        var figures = review.Exact
            ? $"k = {review.K} (the fewest rows sharing one combination of their values), {N(review.RowsInGroupsBelow5)} of {N(review.RowsMeasured)} rows "
                + $"in groups smaller than {ReidentificationReview.Threshold} (exact: every row grouped)"
            : $"k ≤ {review.K}, about {N(review.RowsInGroupsBelow5)} of ~{N(table.EstimatedRows)} rows in groups smaller than {ReidentificationReview.Threshold} "
                + $"(estimated: the combinations of {N(review.RowsMeasured)} rows of a {review.SamplePercent?.ToString("0.####", CultureInfo.InvariantCulture)} % "
                + "block sample, each counted in the whole table)";
        var fixes = kept.Select(q => Fix(q, table.Column(q.Column).Column.Type)).OfType<string>().ToList();
        var advice = fixes.Count == 0 ? "mask one of them" : $"generalise or perturb them ({string.Join("; ", fixes)}), or mask one of them";
        return $"{table.Name}: kept quasi-identifiers {columns} single people out even with names masked: {figures}; {advice}";
    }

    /// <summary>A rule of the product that blurs the column while keeping it useful, or null when only masking it helps.</summary>
    private static string? Fix(QuasiIdentifier column, ColumnType type)
    {
        var date = type.Category is TypeCategory.Date or TypeCategory.Timestamp or TypeCategory.TimestampTz;
        var number = type.Category is TypeCategory.Integer or TypeCategory.Numeric or TypeCategory.Float;
        var rule = column.Kind switch
        {
            QuasiIdentifierKind.BirthDate when date => "{ shift: { days: 180 } }",
            QuasiIdentifierKind.BirthDate when type.IsTextual => "{ mask: { keep_first: 4 } } keeps the year",
            QuasiIdentifierKind.PostCode when type.IsTextual => "{ mask: { keep_first: 2 } } keeps the area",
            QuasiIdentifierKind.City when type.IsTextual => "address.city",
            _ when number => "{ noise: { ratio: 0.1 } }",
            _ when date => "{ shift: { days: 180 } }",
            _ => null,
        };
        return rule is null ? null : $"{column.Column}: {rule}";
    }

    /// <summary>
    /// A key is never a quasi-identifier: a uuid, a column of a unique key, or a foreign key column that is not text. A
    /// text foreign key into a lookup table (<c>country_code</c> referencing <c>countries</c>) is a value like any other:
    /// its name decides.
    /// </summary>
    private static bool IsKey(TableInfo table, ColumnInfo column) =>
        column.Type.Category == TypeCategory.Uuid
        || table.UniqueKeys.Any(k => k.Columns.Contains(column.Name))
        || (!column.Type.IsTextual && table.ForeignKeys.Any(fk => fk.Columns.Contains(column.Name)));

    private static string N(long value) => value.ToString("N0", CultureInfo.InvariantCulture);
}
