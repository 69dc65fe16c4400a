using DevDbSeed.Catalog;
using DevDbSeed.Copying;
using DevDbSeed.Masking;
using DevDbSeed.Masking.Fakes;
using DevDbSeed.Planning;
using DevDbSeed.Tests.Support;
using DevDbSeed.Verification;

namespace DevDbSeed.Tests.Verification;

/// <summary>A row's masked value against the same row's source value: what the rule changes must not be there any more.</summary>
public sealed class RowJudgeTests
{
    private static readonly ColumnType TextArray = new("text[]", TypeCategory.Array, Element: ColumnType.Text);
    private static readonly ColumnType Jsonb = new("jsonb", TypeCategory.Jsonb);

    [Fact]
    public void A_value_copied_unchanged_where_its_rule_changes_it_still_holds_the_original()
    {
        var (judge, column) = Judge("name.firstName");

        Assert.True(judge.StillHoldsOriginal(column, "Mary", "Mary"));
        Assert.False(judge.StillHoldsOriginal(column, "Mary", Remask(column, "Mary")!));
    }

    [Fact]
    public void A_value_its_rule_happens_to_give_back_is_not_counted()
    {
        var (judge, column) = Judge("{ set: unknown }");

        Assert.False(judge.StillHoldsOriginal(column, "unknown", "unknown"));
    }

    [Fact]
    public void A_json_document_whose_masked_member_kept_its_original_still_holds_it_whatever_else_changed()
    {
        var (judge, column) = Judge("{ json: { contact.email: internet.email, name: name.firstName } }", Jsonb);
        const string before = """{"contact": {"email": "jane@example.com"}, "name": "Jane", "theme": "dark"}""";

        Assert.True(judge.StillHoldsOriginal(column, before, """{"contact": {"email": "jane@example.com"}, "name": "Zoe", "theme": "dark"}"""));
        Assert.False(judge.StillHoldsOriginal(column, before, """{"contact": {"email": "x1@example.org"}, "name": "Zoe", "theme": "dark"}"""));
    }

    [Fact]
    public void An_original_moved_to_a_kept_member_of_the_json_document_is_not_this_check_s_business()
    {
        var (judge, column) = Judge("{ json: { contact.email: internet.email } }", Jsonb);

        Assert.False(judge.StillHoldsOriginal(column, """{"contact": {"email": "jane@example.com"}}""", """{"contact": {"email": "x@example.org"}, "note": "jane@example.com"}"""));
    }

    [Fact]
    public void An_array_that_kept_one_original_element_still_holds_it()
    {
        var (judge, column) = Judge("{ each: internet.email }", TextArray);

        Assert.True(judge.StillHoldsOriginal(column, "{jane@example.com,john@example.org}", "{x@example.org,john@example.org}"));
        Assert.False(judge.StillHoldsOriginal(column, "{jane@example.com,john@example.org}", "{x@example.org,y@example.org}"));
    }

    [Fact]
    public void Scrubbed_text_that_kept_an_item_still_holds_it_and_the_text_around_it_does_not_count()
    {
        var (judge, column) = Judge("{ scrub: [email, phone] }");
        const string before = "Call +44 20 7946 0958 or write to jane@example.com, thanks";

        Assert.True(judge.StillHoldsOriginal(column, before, "Call +44 20 7946 0958 or write to x@example.org, thanks"));
        Assert.False(judge.StillHoldsOriginal(column, before, Remask(column, before)!));
    }

    private static (RowJudge Judge, ColumnPlan Column) Judge(string rule, ColumnType? type = null)
    {
        var column = new ColumnPlan(new ColumnInfo("c", type ?? ColumnType.Text, NotNull: false, IsGenerated: false), ColumnAction.Mask, Masks.Rule(rule), Uniqueness: null, FitLength: null, Follows: null);
        return (new RowJudge(new Remasker(Setup())), column);
    }

    private static string? Remask(ColumnPlan column, string value) => new Remasker(Setup()).Whole(column, value);

    private static MaskingSetup Setup() => new(MaskingKeys.FromSecret(Masks.Secret), FakeCatalog.Default, "en", UniqueOverrides.None, UniqueRuleSet.None);
}
