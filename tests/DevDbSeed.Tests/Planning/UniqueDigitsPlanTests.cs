using DevDbSeed.Catalog;
using DevDbSeed.Planning;
using DevDbSeed.Tests.Support;
using static DevDbSeed.Tests.Support.Catalogs;

namespace DevDbSeed.Tests.Planning;

/// <summary>The plan sizes the digits of each unique text fake mapping once, for its columns' rows, and checks those columns after the load.</summary>
public sealed class UniqueDigitsPlanTests
{
    private const string Canonical = "fake:internet.email@en:unique";

    [Theory]
    [InlineData(3_000, 2)]
    [InlineData(100_000, 5)]
    [InlineData(1_000_000, 7)]
    [InlineData(100_000_000, 11)]
    public void A_unique_e_mail_column_takes_the_fewest_digits_its_rows_need_and_is_checked_after_the_load(long rows, int digits)
    {
        var plan = Shop(users: rows, payments: 10);
        var email = plan.RuleTable(Name("public.users")).Column("email");

        Assert.Equal(digits, email.Uniqueness!.Digits);
        Assert.Equal(digits, plan.UniqueRules.SuffixDigitsOf(Canonical));
        Assert.True(email.Uniqueness.Checked);
        Assert.StartsWith($"keyed {digits}-digit suffix (", email.Uniqueness.Describe(null), StringComparison.Ordinal);
    }

    [Fact]
    public void Every_column_of_a_mapping_writes_the_digits_of_the_column_that_must_hold_distinct_values()
    {
        var plan = Shop(users: 3_000, payments: 5_000_000); // payments has more rows, but need not keep its e-mails apart
        var billing = plan.RuleTable(Name("public.payments")).Column("billing_email");

        Assert.Equal(2, plan.UniqueRules.SuffixDigitsOf(Canonical));
        Assert.Equal(2, billing.Uniqueness!.Digits);
        Assert.False(billing.Uniqueness.Checked);
    }

    [Fact]
    public void A_table_without_statistics_is_sized_for_a_million_rows_and_checked()
    {
        var email = Shop(users: 0, payments: 10).RuleTable(Name("public.users")).Column("email");

        Assert.Equal(7, email.Uniqueness!.Digits);
        Assert.True(email.Uniqueness.Checked);
    }

    [Fact]
    public void A_table_without_statistics_counts_as_a_million_rows_for_other_unique_mappings_too()
    {
        var catalog = Catalogs.Catalog(Tbl("public.devices", [Col("id", new ColumnType("uuid", TypeCategory.Uuid), notNull: true), Col("code", Text)],
            unique: [Key("id"), Key("code")], rows: 0));

        var devices = Planner.Plan(Plans.Rules("""
            public.devices:
              columns:
                id: random.uuid
                code: { hash: { length: 12, alphabet: digits } }
            """), catalog).RuleTable(Name("public.devices"));

        Assert.False(devices.Column("id").Uniqueness!.Checked); // 122 bits: no collision among a million
        Assert.True(devices.Column("code").Uniqueness!.Checked); // 40 bits: a collision among a million is likely
    }

    [Fact]
    public void A_unique_fake_too_short_for_its_rows_is_refused_with_its_digits_and_variety_counted()
    {
        var catalog = Catalogs.Catalog(Tbl("public.codes", [Col("code", Varchar(6), notNull: true)], unique: [Key("code")], rows: 100_000));

        var error = Assert.Throws<DevDbSeed.Errors.RulesMismatchException>(() => Planner.Plan(Plans.Rules("""
            public.codes:
              columns:
                code: name.firstName
            """), catalog));

        Assert.Equal("public.codes.code (rules.yaml:5:13): 6 characters are too few to give about 100000 rows distinct fakes", Assert.Single(error.Problems));
    }

    [Fact]
    public void A_short_unique_column_the_digits_and_variety_can_keep_apart_is_accepted_and_checked()
    {
        var catalog = Catalogs.Catalog(Tbl("public.codes", [Col("code", Varchar(6), notNull: true)], unique: [Key("code")], rows: 1_000));

        var code = Planner.Plan(Plans.Rules("""
            public.codes:
              columns:
                code: name.firstName
            """), catalog).RuleTable(Name("public.codes")).Column("code");

        Assert.Equal(3, code.Uniqueness!.Digits); // Jo-123: the column's room, fewer than 1,000 first names need unbounded
        Assert.True(code.Uniqueness.Checked);
    }

    private static PipelinePlan Shop(long users, long payments) => Planner.Plan(Plans.Rules("""
        public.users:
          columns:
            id: keep
            email: internet.email
        public.payments:
          columns:
            id: keep
            billing_email: internet.email
        """), Catalogs.Catalog(
        Tbl("public.users", [Col("id", Int4, notNull: true), Col("email", Varchar(254), notNull: true)], unique: [Key("id"), Key("email")], rows: users),
        Tbl("public.payments", [Col("id", Int4, notNull: true), Col("billing_email", Text)], unique: [Key("id")], rows: payments)));
}
