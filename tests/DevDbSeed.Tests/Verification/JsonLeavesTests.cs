using System.Text;
using DevDbSeed.Catalog;
using DevDbSeed.Copying;
using DevDbSeed.Masking;
using DevDbSeed.Masking.Transformers;
using DevDbSeed.Planning;
using DevDbSeed.Tests.Support;
using DevDbSeed.Verification;

namespace DevDbSeed.Tests.Verification;

/// <summary>The members of JSON documents as verification reads them: the leaves a rule's paths reach, and what a json rule keeps searched.</summary>
public sealed class JsonLeavesTests
{
    private const string Document = """{"contact": {"email": "jane@example.com", "phone": "+1 555 0100"}, "tags": ["Jane Doe", 12345678], "n\u00e4me": "Ann\tLee", "ok": true, "none": null}""";

    [Fact]
    public void Every_string_and_number_a_path_reaches_comes_with_the_paths_index_unescaped_and_numbers_as_written()
    {
        var found = Matching(Document, "contact.email", "tags[*]", "*");

        Assert.Equal([(0, "jane@example.com"), (1, "Jane Doe"), (1, "12345678"), (2, "Ann\tLee")], found);
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("""{"a": "b" """)]
    [InlineData("""{"a": "b"} {"c": "d"}""")]
    public void A_value_that_is_not_one_json_document_has_no_members(string text) => Assert.Empty(Matching(text, "a", "*"));

    [Fact]
    public void The_values_at_a_rule_path_are_those_its_wildcards_and_array_steps_reach()
    {
        var found = Matching("""{"addresses": [{"city": "Paris"}, {"city": "Lyon"}], "home": {"city": "Nice"}}""", "addresses[*].city", "*.city");

        Assert.Equal([(0, "Paris"), (0, "Lyon"), (1, "Nice")], found);
    }

    [Fact]
    public void A_masked_member_still_holds_an_original_only_where_the_same_path_held_it_and_its_rule_changes_it()
    {
        var rule = (JsonRule)Masks.Rule("{ json: { contact.email: internet.email, 'tags[*]': name.fullName } }");
        const string before = """{"contact": {"email": "jane@example.com"}, "tags": ["Jane Doe"]}""";

        Assert.True(rule.StillHoldsOriginal(before, """{"contact": {"email": "jane@example.com"}, "tags": ["Ann Lee"]}""", (_, _) => true));
        Assert.False(rule.StillHoldsOriginal(before, """{"contact": {"email": "x@example.org"}, "tags": ["jane@example.com"]}""", (_, _) => true));
        Assert.False(rule.StillHoldsOriginal(before, before, (_, _) => false));
        Assert.True(rule.StillHoldsOriginal(before, before, (member, value) => member == 1 && value == "Jane Doe"));
        Assert.False(rule.StillHoldsOriginal("not json", "not json", (_, _) => true));
    }

    [Fact]
    public void Kept_keys_and_kept_members_are_searched_and_masked_members_are_not()
    {
        var rule = (JsonRule)Masks.Rule("{ json: { contact.email: internet.email } }");
        const string document = """{"contact": {"email": "jane@example.com", "note": "ask jane@example.com"}, "jane@example.com": 1, "n": 12345678}""";

        var found = Search(document, rule, "jane@example.com", "12345678");

        Assert.Equal(["jane@example.com", "jane@example.com", "12345678"], found);
    }

    [Fact]
    public void A_value_that_is_not_json_is_searched_as_text()
    {
        var rule = (JsonRule)Masks.Rule("{ json: { email: internet.email } }");

        Assert.Equal(["jane@example.com"], Search("""{"email": "jane@example.com" broken""", rule, "jane@example.com"));
    }

    private static List<(int, string)> Matching(string json, params string[] paths)
    {
        var found = new List<(int, string)>();
        JsonLeaves.Matching(json, [.. paths.Select(p => JsonPath.TryParse(p)!)], (index, value) => found.Add((index, value)));
        return found;
    }

    /// <summary>Searches a jsonb column masked with <paramref name="rule"/> holding <paramref name="json"/>, as <c>verify</c> searches an existing database.</summary>
    private static List<string> Search(string json, JsonRule rule, params string[] needles)
    {
        var found = new List<string>();
        var column = new ColumnPlan(new ColumnInfo("doc", Catalogs.Jsonb, NotNull: false, IsGenerated: false), ColumnAction.Mask, rule, null, null, null);
        var search = new FieldSearch([new ColumnSearch(column, TargetSearch.KeptMembers)], new NeedleIndex(needles.ToDictionary(n => n, _ => new List<Origin>())), [found.Add]);
        var row = new Utf8Builder();
        CopyText.Escape(Encoding.UTF8.GetBytes(json), row);
        row.Append(CopyText.RowEnd);

        Assert.Equal(1, search.SearchRows(row.Written));
        return found;
    }
}
