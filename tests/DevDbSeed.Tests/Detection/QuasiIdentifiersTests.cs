using DevDbSeed.Catalog;
using DevDbSeed.Detection;

namespace DevDbSeed.Tests.Detection;

public sealed class QuasiIdentifiersTests
{
    private static readonly ColumnType Text = ColumnType.Text;
    private static readonly ColumnType Int2 = new("smallint", TypeCategory.Integer, Precision: 2);
    private static readonly ColumnType Date = new("date", TypeCategory.Date);
    private static readonly ColumnType Uuid = new("uuid", TypeCategory.Uuid);
    private static readonly ColumnType Jsonb = new("jsonb", TypeCategory.Jsonb);

    [Theory]
    [InlineData("birth_date", QuasiIdentifierKind.BirthDate)]
    [InlineData("dateOfBirth", QuasiIdentifierKind.BirthDate)]
    [InlineData("dob", QuasiIdentifierKind.BirthDate)]
    [InlineData("postcode", QuasiIdentifierKind.PostCode)]
    [InlineData("zip_code", QuasiIdentifierKind.PostCode)]
    [InlineData("city", QuasiIdentifierKind.City)]
    [InlineData("gender", QuasiIdentifierKind.Gender)]
    [InlineData("sex", QuasiIdentifierKind.Gender)]
    [InlineData("job_title", QuasiIdentifierKind.Occupation)]
    [InlineData("occupation", QuasiIdentifierKind.Occupation)]
    [InlineData("position", QuasiIdentifierKind.Occupation)]
    [InlineData("nationality", QuasiIdentifierKind.Nationality)]
    [InlineData("marital_status", QuasiIdentifierKind.MaritalStatus)]
    [InlineData("ethnicity", QuasiIdentifierKind.Ethnicity)]
    [InlineData("race", QuasiIdentifierKind.Ethnicity)]
    [InlineData("religion", QuasiIdentifierKind.Religion)]
    [InlineData("age", QuasiIdentifierKind.Age)]
    [InlineData("age_group", QuasiIdentifierKind.Age)]
    [InlineData("patient_age", QuasiIdentifierKind.Age)]
    [InlineData("country_code", QuasiIdentifierKind.Region)]
    [InlineData("county", QuasiIdentifierKind.Region)]
    public void Names_of_attributes_that_single_people_out_together_are_quasi_identifiers(string name, QuasiIdentifierKind kind)
    {
        Assert.Equal(kind, QuasiIdentifiers.ByName(name, Text));
    }

    [Theory]
    [InlineData("max_age")]
    [InlineData("page")]
    [InlineData("message")]
    [InlineData("usage")]
    [InlineData("email")]
    [InlineData("first_name")]
    [InlineData("status")]
    [InlineData("title")]
    [InlineData("currency")]
    [InlineData("country_id")]
    [InlineData("zip_file")]
    [InlineData("created_at")]
    public void Other_names_are_not(string name)
    {
        Assert.Null(QuasiIdentifiers.ByName(name, Text));
    }

    [Fact]
    public void A_numeric_position_is_a_sort_order_not_a_job()
    {
        Assert.Null(QuasiIdentifiers.ByName("position", Int2));
        Assert.Equal(QuasiIdentifierKind.Age, QuasiIdentifiers.ByName("age", Int2));
    }

    [Fact]
    public void A_birth_date_typed_as_a_date_is_one()
    {
        Assert.Equal(QuasiIdentifierKind.BirthDate, QuasiIdentifiers.Of(new ColumnInfo("birthday", Date, false, false), isKey: false, null)?.Kind);
    }

    [Fact]
    public void Keys_generated_columns_and_types_that_cannot_be_grouped_are_never_quasi_identifiers()
    {
        Assert.Null(QuasiIdentifiers.Of(new ColumnInfo("postcode", Text, false, false), isKey: true, null));
        Assert.Null(QuasiIdentifiers.Of(new ColumnInfo("gender", Uuid, false, false), isKey: false, null));
        Assert.Null(QuasiIdentifiers.Of(new ColumnInfo("city", Text, false, IsGenerated: true), isKey: false, null));
        Assert.Null(QuasiIdentifiers.Of(new ColumnInfo("city", Jsonb, false, false), isKey: false, null));
    }

    [Fact]
    public void A_column_whose_sampled_values_are_city_names_is_one_by_content()
    {
        var content = new ContentProfile();
        foreach (var city in PeopleDictionary.Instance.Cities.Order(StringComparer.Ordinal).Take(8))
        {
            content.Add(city);
        }

        var found = QuasiIdentifiers.Of(new ColumnInfo("label", Text, false, false), isKey: false, content);

        Assert.Equal(new QuasiIdentifier("label", QuasiIdentifierKind.City, ByContent: true), found);
    }
}
