using DevDbSeed.Catalog;

namespace DevDbSeed.Detection;

/// <summary>
/// Columns that do not name anyone but can single a person out in combination (a birth date with a postcode and a
/// gender is unique for most people): recognised by name as <c>rules init</c> does (birth dates, postcodes and cities
/// through <see cref="ColumnName.Hint"/>; gender, age, job, nationality, marital status, ethnicity, religion, country,
/// county and province here), and by content where the sampled values are city names. Kept apart from
/// <see cref="ColumnName"/> so that <c>rules init</c> goes on keeping a <c>gender</c> column: these are not personal
/// data alone, only a risk together, which the report measures.
/// </summary>
public static class QuasiIdentifiers
{
    /// <summary>Types that can be grouped by value: numbers, text, enums, booleans, dates and timestamps.</summary>
    private static readonly HashSet<TypeCategory> Groupable =
    [
        TypeCategory.Text, TypeCategory.FixedChar, TypeCategory.Integer, TypeCategory.Numeric, TypeCategory.Float, TypeCategory.Boolean,
        TypeCategory.Date, TypeCategory.Timestamp, TypeCategory.TimestampTz, TypeCategory.Enum,
    ];

    /// <summary>Words after <c>age</c> that keep it about a person's age (<c>age_group</c>), not a cache's (<c>max_age</c>).</summary>
    private static readonly HashSet<string> AgeWords = ["group", "range", "band", "bracket", "years", "bucket"];

    /// <summary>
    /// The quasi-identifier <paramref name="column"/> is, or null: by its name, or by its sampled values being city
    /// names. A key (<paramref name="isKey"/>: a uuid, a foreign key, a unique key, an id) never is one, nor a column
    /// whose type cannot be grouped by value (JSON, arrays, binary data).
    /// </summary>
    public static QuasiIdentifier? Of(ColumnInfo column, bool isKey, ContentProfile? content)
    {
        if (isKey || column.IsGenerated || !Groupable.Contains(column.Type.Category))
        {
            return null;
        }

        if (ByName(column.Name, column.Type) is { } kind)
        {
            return new QuasiIdentifier(column.Name, kind, ByContent: false);
        }

        return content?.PersonFinding() is { Shape: PersonShape.City } ? new QuasiIdentifier(column.Name, QuasiIdentifierKind.City, ByContent: true) : null;
    }

    /// <summary>The quasi-identifier a column name (of type <paramref name="type"/>) suggests; null when none.</summary>
    public static QuasiIdentifierKind? ByName(string name, ColumnType type)
    {
        var words = ColumnName.Words(name);
        if (words.Count == 0 || words[^1] == "id")
        {
            return null;
        }

        switch (ColumnName.Hint(name)?.Hint)
        {
            case NameHint.BirthDate:
                return QuasiIdentifierKind.BirthDate;
            case NameHint.PostCode:
                return QuasiIdentifierKind.PostCode;
            case NameHint.City:
                return QuasiIdentifierKind.City;
            case { }:
                return null; // personal data itself (an e-mail, a phone, a name): masked or warned about on its own
        }

        var joined = string.Concat(words);
        bool Has(params string[] any) => any.Any(words.Contains);
        bool Is(params string[] any) => any.Contains(joined, StringComparer.Ordinal);

        if (Has("gender", "sex") && !Has("offender", "sexual"))
        {
            return QuasiIdentifierKind.Gender;
        }

        // age, age_group, patient_age; never max_age, min_age or page (words, not letters)
        if ((words[0] == "age" && (words.Count == 1 || AgeWords.Contains(words[1]))) || (words.Count == 2 && words[1] == "age" && words[0] is not ("max" or "min")))
        {
            return QuasiIdentifierKind.Age;
        }

        // position alone is a sort order when it is a number; a job position when it is text
        var job = Has("occupation", "profession") || Is("jobtitle", "jobrole", "jobposition", "job", "positiontitle", "employment", "designation");
        if (job || (joined == "position" && type.IsTextual))
        {
            return QuasiIdentifierKind.Occupation;
        }

        if (Has("nationality", "citizenship", "nationalities"))
        {
            return QuasiIdentifierKind.Nationality;
        }

        if (Has("marital") || Is("civilstatus", "relationshipstatus", "familystatus"))
        {
            return QuasiIdentifierKind.MaritalStatus;
        }

        if (Has("ethnicity", "ethnic", "race") || Is("ethnicgroup", "ethnicorigin"))
        {
            return QuasiIdentifierKind.Ethnicity;
        }

        if (Has("religion", "religious", "faith"))
        {
            return QuasiIdentifierKind.Religion;
        }

        if (Has("country", "county", "province"))
        {
            return QuasiIdentifierKind.Region;
        }

        return null;
    }

    /// <summary>"a birth date", "a gender".</summary>
    public static string Describe(QuasiIdentifierKind kind) => kind switch
    {
        QuasiIdentifierKind.BirthDate => "a birth date",
        QuasiIdentifierKind.PostCode => "a postcode",
        QuasiIdentifierKind.City => "a city",
        QuasiIdentifierKind.Region => "a country or region",
        QuasiIdentifierKind.Gender => "a gender",
        QuasiIdentifierKind.Age => "an age",
        QuasiIdentifierKind.Occupation => "a job",
        QuasiIdentifierKind.Nationality => "a nationality",
        QuasiIdentifierKind.MaritalStatus => "a marital status",
        QuasiIdentifierKind.Ethnicity => "an ethnicity",
        _ => "a religion",
    };
}

/// <summary>A column recognised as a quasi-identifier, and whether its sampled values (city names) or its name said so.</summary>
public sealed record QuasiIdentifier(string Column, QuasiIdentifierKind Kind, bool ByContent);

/// <summary>Kinds of quasi-identifiers: attributes that are not personal data alone but single people out together.</summary>
public enum QuasiIdentifierKind
{
    BirthDate,
    PostCode,
    City,
    Region,
    Gender,
    Age,
    Occupation,
    Nationality,
    MaritalStatus,
    Ethnicity,
    Religion,
}
