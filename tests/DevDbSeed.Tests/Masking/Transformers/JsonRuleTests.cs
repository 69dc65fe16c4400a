using System.Globalization;
using System.Text.Json;
using DevDbSeed.Catalog;
using DevDbSeed.Masking;
using DevDbSeed.Tests.Support;

namespace DevDbSeed.Tests.Masking.Transformers;

public sealed class JsonRuleTests
{
    private static readonly ColumnType Json = new("json", TypeCategory.Json);
    private static readonly ColumnType Jsonb = new("jsonb", TypeCategory.Jsonb);

    [Fact]
    public void Masks_the_listed_path_and_copies_everything_else_byte_for_byte()
    {
        const string document = "{ \"contact\" : {\"email\":\"jane@corp.example\" ,  \"phone\": \"555-1234\"},\n\t\"name\":\"Jane\",  \"tags\":[ \"a\" , \"b\" ],\"z\":1, \"a\":null }";
        var fake = Fake("internet.email", "jane@corp.example");

        var masked = Masks.Transformer("{ json: { contact.email: internet.email } }", type: Json).Apply(document);

        Assert.Equal(document.Replace("\"jane@corp.example\"", Quoted(fake), StringComparison.Ordinal), masked);
    }

    [Fact]
    public void Keeps_the_whitespace_and_key_order_of_pretty_printed_json()
    {
        const string document = """
            {
                "z_last_key_first": true,
                "profile": {
                    "first_name": "Jane",
                    "last_name":   "Doe"
                },
                "a": [1, 2,   3]
            }
            """;

        var masked = Masks.Transformer("{ json: { profile.first_name: name.firstName, profile.last_name: name.lastName } }", type: Json).Apply(document)!;

        var expected = document
            .Replace("\"Jane\"", Quoted(Fake("name.firstName", "Jane")), StringComparison.Ordinal)
            .Replace("\"Doe\"", Quoted(Fake("name.lastName", "Doe")), StringComparison.Ordinal);
        Assert.Equal(expected, masked);
    }

    [Fact]
    public void A_star_index_masks_every_element_of_an_array()
    {
        const string document = "{\"addresses\": [{\"line1\": \"1 Main St\", \"city\": \"Springfield\"}, {\"line1\": \"2 Elm St\"}, {\"city\": \"X\"}, {\"line1\": null}]}";

        var masked = Masks.Transformer("{ json: { \"addresses[*].line1\": address.streetAddress } }", type: Jsonb).Apply(document);

        var expected = document
            .Replace("\"1 Main St\"", Quoted(Fake("address.streetAddress", "1 Main St")), StringComparison.Ordinal)
            .Replace("\"2 Elm St\"", Quoted(Fake("address.streetAddress", "2 Elm St")), StringComparison.Ordinal);
        Assert.Equal(expected, masked);
    }

    [Fact]
    public void A_numbered_index_masks_only_that_element()
    {
        const string document = "{\"phones\": [\"111-1111\", \"222-2222\", \"333-3333\"]}";

        var masked = Masks.Transformer("{ json: { \"phones[1]\": { mask: {} } } }", type: Jsonb).Apply(document);

        Assert.Equal("{\"phones\": [\"111-1111\", \"***-****\", \"333-3333\"]}", masked);
    }

    [Fact]
    public void A_star_key_masks_that_member_under_any_key()
    {
        const string document = "{\"github\": {\"token\": \"abc\", \"user\": \"u\"}, \"gitlab\": {\"token\": \"def\"}, \"token\": \"top\"}";

        var masked = Masks.Transformer("{ json: { \"*.token\": { set: redacted } } }", type: Jsonb).Apply(document);

        Assert.Equal("{\"github\": {\"token\": \"redacted\", \"user\": \"u\"}, \"gitlab\": {\"token\": \"redacted\"}, \"token\": \"top\"}", masked);
    }

    [Fact]
    public void Paths_reach_into_top_level_arrays_and_nested_arrays()
    {
        const string document = "[{\"email\": \"a@x.io\", \"grid\": [[\"p\", \"q\"], [\"r\", \"s\"]]}, {\"email\": \"b@x.io\"}]";

        var masked = Masks.Transformer("{ json: { \"[*].email\": { set: e }, \"$.[0].grid[1][0]\": { set: R } } }", type: Jsonb).Apply(document);

        Assert.Equal("[{\"email\": \"e\", \"grid\": [[\"p\", \"q\"], [\"R\", \"s\"]]}, {\"email\": \"e\"}]", masked);
    }

    [Fact]
    public void A_rule_on_an_object_masks_every_value_inside_it_and_keeps_its_keys()
    {
        const string document = "{\"contact\": {\"email\": \"a@x.io\", \"phones\": [\"555\", \"666\"], \"none\": null}, \"id\": 7}";

        var masked = Masks.Transformer("{ json: { contact: { mask: {} } } }", type: Jsonb).Apply(document);

        Assert.Equal("{\"contact\": {\"email\": \"*@*.**\", \"phones\": [\"***\", \"***\"], \"none\": null}, \"id\": 7}", masked);
    }

    [Fact]
    public void Null_on_an_object_replaces_it_whole()
    {
        const string document = "{\"contact\": {\"email\": \"a@x.io\", \"n\": [1, {\"x\": 2}]}, \"id\": 7}";

        var masked = Masks.Transformer("{ json: { contact: null } }", type: Jsonb).Apply(document);

        Assert.Equal("{\"contact\": null, \"id\": 7}", masked);
    }

    [Fact]
    public void Set_on_an_array_replaces_it_whole()
    {
        const string document = "{\"history\": [{\"ip\": \"1.2.3.4\"}, {\"ip\": \"5.6.7.8\"}], \"id\": 7}";

        var masked = Masks.Transformer("{ json: { history: { set: removed } } }", type: Jsonb).Apply(document);

        Assert.Equal("{\"history\": \"removed\", \"id\": 7}", masked);
    }

    [Fact]
    public void Null_on_a_scalar_writes_json_null()
    {
        Assert.Equal("{\"ssn\": null, \"k\": 1}", Masks.Transformer("{ json: { ssn: null } }", type: Jsonb).Apply("{\"ssn\": \"123-45-6789\", \"k\": 1}"));
    }

    [Fact]
    public void Escaped_strings_are_masked_by_their_value_not_their_spelling()
    {
        var transformer = Masks.Transformer("{ json: { name: { hash: {} } } }", type: Json);

        var escaped = transformer.Apply("{\"name\": \"Zo\\u00eb \\\"Z\\\" \\\\ x\\n\"}");
        var plain = transformer.Apply("{\"name\": \"Zoë \\\"Z\\\" \\\\ x\\n\"}");

        Assert.Equal(plain, escaped);
        Assert.Equal($"{{\"name\": {Quoted(Fake("{ hash: {} }", "Zoë \"Z\" \\ x\n"))}}}", plain);
    }

    [Fact]
    public void Masked_strings_are_escaped_into_valid_json()
    {
        const string constant = "quote \" backslash \\ newline \n tab \t control \u0001 unicode Zoë 🎉";
        var transformer = Masks.Transformer($"{{ json: {{ a: {{ set: {JsonSerializer.Serialize(constant)} }} }} }}", type: Jsonb);

        var masked = transformer.Apply("{\"a\": \"x\", \"b\": \"y\"}")!;

        using var parsed = JsonDocument.Parse(masked);
        Assert.Equal(constant, parsed.RootElement.GetProperty("a").GetString());
        Assert.Equal("y", parsed.RootElement.GetProperty("b").GetString());
    }

    [Fact]
    public void Unicode_values_are_masked_by_character()
    {
        var masked = Masks.Transformer("{ json: { name: { mask: { keep_first: 1 } } } }", type: Jsonb).Apply("{\"name\": \"Łukasz 🎉 Ωmega\"}")!;

        using var parsed = JsonDocument.Parse(masked);
        Assert.Equal("Ł***** 🎉 *****", parsed.RootElement.GetProperty("name").GetString());
    }

    [Fact]
    public void Numbers_stay_numbers_under_noise()
    {
        const string document = "{\"salary\": 1000, \"bonus\": 12.5, \"history\": [100, 200.25, -3e2]}";

        var masked = Masks.Transformer("{ json: { salary: { noise: { ratio: 0.1 } }, bonus: { noise: { ratio: 0.1 } }, \"history[*]\": { noise: { ratio: 0.1 } } } }", type: Jsonb).Apply(document)!;

        using var parsed = JsonDocument.Parse(masked);
        var root = parsed.RootElement;
        Assert.Equal(JsonValueKind.Number, root.GetProperty("salary").ValueKind);
        Assert.InRange(root.GetProperty("salary").GetDouble(), 900, 1100);
        Assert.Equal(JsonValueKind.Number, root.GetProperty("bonus").ValueKind);
        Assert.InRange(root.GetProperty("bonus").GetDouble(), 11.25, 13.75);
        Assert.All(root.GetProperty("history").EnumerateArray(), e => Assert.Equal(JsonValueKind.Number, e.ValueKind));
        Assert.InRange(root.GetProperty("history")[2].GetDouble(), -330, -270);
        Assert.NotEqual(document, masked);
    }

    [Fact]
    public void A_number_masked_by_a_text_generator_becomes_a_json_string()
    {
        var masked = Masks.Transformer("{ json: { phone: phone.phoneNumber } }", type: Jsonb).Apply("{\"phone\": 5551234}")!;

        using var parsed = JsonDocument.Parse(masked);
        Assert.Equal(JsonValueKind.String, parsed.RootElement.GetProperty("phone").ValueKind);
    }

    [Fact]
    public void Json_nulls_stay_null_under_any_rule()
    {
        const string document = "{\"email\": null, \"list\": [null, \"a@b.c\"]}";

        var masked = Masks.Transformer("{ json: { email: internet.email, \"list[*]\": { set: x } } }", type: Jsonb).Apply(document);

        Assert.Equal("{\"email\": null, \"list\": [null, \"x\"]}", masked);
    }

    [Fact]
    public void Documents_without_the_paths_are_unchanged()
    {
        const string document = "{\"other\": {\"email\": \"a@b.c\"}, \"n\": [1,2,3]}";

        Assert.Equal(document, Masks.Transformer("{ json: { contact.email: internet.email } }", type: Jsonb).Apply(document));
    }

    [Theory]
    [InlineData("\"just a string\"")]
    [InlineData("42")]
    [InlineData("null")]
    [InlineData("[]")]
    [InlineData("{}")]
    public void Scalars_and_empty_documents_are_unchanged(string document)
    {
        Assert.Equal(document, Masks.Transformer("{ json: { email: internet.email } }", type: Jsonb).Apply(document));
    }

    [Fact]
    public void The_same_value_gets_the_same_fake_in_every_document()
    {
        var transformer = Masks.Transformer("{ json: { \"*.email\": internet.email } }", type: Jsonb);

        var a = transformer.Apply("{\"home\": {\"email\": \"jane@corp.example\"}}")!;
        var b = Masks.Transformer("{ json: { \"*.email\": internet.email } }", type: Jsonb).Apply("{\"work\": {\"email\": \"jane@corp.example\", \"x\": 1}}")!;

        using var first = JsonDocument.Parse(a);
        using var second = JsonDocument.Parse(b);
        Assert.Equal(first.RootElement.GetProperty("home").GetProperty("email").GetString(), second.RootElement.GetProperty("work").GetProperty("email").GetString());
        Assert.Equal(Fake("internet.email", "jane@corp.example"), first.RootElement.GetProperty("home").GetProperty("email").GetString());
    }

    [Fact]
    public void A_value_that_is_not_json_is_invalid_data()
    {
        var transformer = Masks.Transformer("{ json: { a: internet.email } }", type: Jsonb);

        Assert.Throws<InvalidDataException>(() => transformer.Apply("{\"a\": \"x\""));
        Assert.Throws<InvalidDataException>(() => transformer.Apply("not json"));
    }

    [Fact]
    public void Large_documents_with_many_members_are_masked_completely()
    {
        var items = Enumerable.Range(0, 2000).Select(i => $"{{\"id\": {i}, \"email\": \"user{i}@corp.example\", \"note\": \"keep {i}\"}}");
        var document = "{\"users\": [" + string.Join(", ", items) + "]}";

        var masked = Masks.Transformer("{ json: { \"users[*].email\": internet.email } }", type: Jsonb).Apply(document)!;

        using var parsed = JsonDocument.Parse(masked);
        var users = parsed.RootElement.GetProperty("users").EnumerateArray().ToList();
        Assert.Equal(2000, users.Count);
        Assert.All(users, u => Assert.EndsWith("@example.", u.GetProperty("email").GetString()![..^3], StringComparison.Ordinal));
        Assert.Equal(Enumerable.Range(0, 2000).Select(i => $"keep {i}"), users.Select(u => u.GetProperty("note").GetString()));
    }

    [Theory]
    [InlineData(TypeCategory.Integer)]
    [InlineData(TypeCategory.Array)]
    public void Fit_check_rejects_columns_that_cannot_hold_json(TypeCategory category)
    {
        var problems = new List<string>();

        Masks.Rule("{ json: { a: internet.email } }").CheckFits(new ColumnFit("t.c", new ColumnType("x", category), null, false, false, 1), problems);

        Assert.Single(problems);
    }

    [Theory]
    [InlineData(TypeCategory.Json)]
    [InlineData(TypeCategory.Jsonb)]
    [InlineData(TypeCategory.Text)]
    public void Fit_check_accepts_json_jsonb_and_text(TypeCategory category)
    {
        var problems = new List<string>();

        Masks.Rule("{ json: { a: internet.email, b: null, c: { hash: {} } } }").CheckFits(new ColumnFit("t.c", new ColumnType("x", category), null, true, true, 1), problems);

        Assert.Empty(problems);
    }

    [Theory]
    [InlineData("{ json: { salary: { noise: { ratio: 0.1 } } } }")]
    [InlineData("{ json: { birth_date: { shift: { days: 30 } } } }")]
    public void Fit_check_accepts_noise_and_shift_on_json_members(string rule)
    {
        var problems = new List<string>();

        Masks.Rule(rule).CheckFits(new ColumnFit("public.users.profile", Jsonb, null, false, false, 1), problems);

        Assert.Empty(problems);
    }

    [Fact]
    public void Shift_moves_iso_dates_inside_json()
    {
        var masked = Masks.Transformer("{ json: { birth_date: { shift: { days: 30 } } } }", type: Jsonb).Apply("{\"birth_date\": \"1990-05-17\"}")!;

        using var parsed = JsonDocument.Parse(masked);
        var date = DateOnly.ParseExact(parsed.RootElement.GetProperty("birth_date").GetString()!, "yyyy-MM-dd", CultureInfo.InvariantCulture);
        Assert.InRange(Math.Abs(date.DayNumber - new DateOnly(1990, 5, 17).DayNumber), 1, 30);
    }

    private static string Fake(string rule, string original) => Masks.Transformer(rule).Apply(original)!;

    private static string Quoted(string value) => JsonSerializer.Serialize(value, new JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
}
