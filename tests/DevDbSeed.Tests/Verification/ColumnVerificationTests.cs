using DevDbSeed.Masking;
using DevDbSeed.Planning;
using DevDbSeed.Tests.Support;
using DevDbSeed.Verification;
using static DevDbSeed.Tests.Support.Catalogs;

namespace DevDbSeed.Tests.Verification;

/// <summary>What the verification plan says it does with one column: the view the report and the plan document give of it.</summary>
public sealed class ColumnVerificationTests
{
    [Fact]
    public void A_unique_fake_of_a_table_with_a_kept_key_gives_originals_is_compared_by_key_and_searched_whole()
    {
        var email = Of("public.users", "email", VerifyScope.NewDatabase);

        Assert.True(email.Originals);
        Assert.Empty(email.Parts);
        Assert.True(email.ComparedByKey);
        Assert.Equal(TargetSearch.WholeValue, email.Search);
    }

    [Fact]
    public void A_shifted_date_gives_originals_but_is_not_searched_since_a_shift_may_equal_another_original()
    {
        var born = Of("public.users", "born", VerifyScope.NewDatabase);

        Assert.True(born.Originals);
        Assert.Equal(TargetSearch.None, born.Search);
    }

    [Fact]
    public void A_kept_column_of_a_new_database_is_neither_read_compared_nor_searched_but_of_an_existing_one_is_searched()
    {
        var label = Of("public.tags", "label", VerifyScope.NewDatabase);

        Assert.False(label.Originals);
        Assert.Empty(label.Parts);
        Assert.False(label.ComparedByKey);
        Assert.Equal(TargetSearch.None, label.Search);
        Assert.Equal(TargetSearch.Words, Of("public.tags", "label", VerifyScope.ExistingDatabase).Search);
        Assert.False(Of("public.users", "id", VerifyScope.NewDatabase).ComparedByKey); // the key itself is kept, not compared
    }

    [Fact]
    public void A_masked_column_of_a_table_without_a_kept_unique_key_is_not_compared_by_key()
    {
        var email = Of("public.events", "email", VerifyScope.NewDatabase);

        Assert.True(email.Originals);
        Assert.False(email.ComparedByKey);
    }

    [Fact]
    public void The_originals_of_a_json_rule_sit_in_the_members_it_masks()
    {
        var plan = Planner.Plan(Plans.Rules("""
            public.people:
              columns:
                id: keep
                profile: { json: { contact.email: internet.email, "addresses[*].line1": address.streetAddress } }

            """), Catalogs.Catalog(Tbl("public.people", [Col("id", Int4, notNull: true), Col("profile", Jsonb)], unique: [Key("id")])));
        var people = plan.RuleTable(Name("public.people"));

        var profile = VerificationPlan.For(plan, VerifyScope.NewDatabase).Of(people, people.Column("profile"));

        Assert.True(profile.Originals);
        Assert.Equal(["contact.email", "addresses[*].line1"], profile.Parts);
        Assert.Equal(TargetSearch.None, profile.Search);
        Assert.Equal(TargetSearch.KeptMembers, VerificationPlan.For(plan, VerifyScope.ExistingDatabase).Of(people, people.Column("profile")).Search);
    }

    private static ColumnVerification Of(string table, string column, VerifyScope scope)
    {
        var plan = Plans.Shop();
        var entry = plan.RuleTable(Name(table));
        return VerificationPlan.For(plan, scope).Of(entry, entry.Column(column));
    }
}
