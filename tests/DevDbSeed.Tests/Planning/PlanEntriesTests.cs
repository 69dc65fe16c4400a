using DevDbSeed.Masking;
using DevDbSeed.Planning;
using DevDbSeed.Tests.Support;
using static DevDbSeed.Tests.Support.Catalogs;

namespace DevDbSeed.Tests.Planning;

/// <summary>The per-table entries of the plan that copying, the uniqueness guard, verification and the report read.</summary>
public sealed class PlanEntriesTests
{
    [Fact]
    public void A_partitioned_table_is_one_entry_whose_parts_are_its_partitions()
    {
        var events = Plan().RuleTable(Name("public.events"));

        Assert.True(events.IsPartitioned);
        Assert.Equal(["public.events_2024", "public.events_2025"], events.Parts.Select(p => p.Table.Name.ToString()));
        Assert.Equal(700, events.EstimatedRows);
        Assert.All(events.Parts, p => Assert.Equal(CopyMode.Masked, p.Mode));
        Assert.False(events.Sample.BlockSampled);
    }

    [Fact]
    public void Every_table_the_rules_name_has_one_entry_in_name_order()
    {
        var plan = Plan();

        Assert.Equal(["public.events", "public.orders", "public.tags", "public.users"], plan.RuleTables.Select(t => t.Name.ToString()));
        Assert.Equal(1, plan.CountOf(CopyMode.Passthrough));
        Assert.Equal(3, plan.CountOf(CopyMode.Masked));
    }

    [Fact]
    public void A_masked_table_is_compared_by_its_shortest_kept_not_null_unique_key()
    {
        var plan = Plan();

        Assert.Equal(["id"], plan.RuleTable(Name("public.users")).ComparableKey!.Columns);
        Assert.Equal(["id"], plan.RuleTable(Name("public.orders")).ComparableKey!.Columns);
    }

    [Fact]
    public void A_table_without_a_kept_unique_key_or_without_masked_columns_is_not_compared_by_key()
    {
        var plan = Plan();

        Assert.Null(plan.RuleTable(Name("public.events")).ComparableKey); // no unique key
        Assert.Null(plan.RuleTable(Name("public.tags")).ComparableKey); // nothing masked
    }

    [Fact]
    public void A_unique_text_fake_keeps_values_apart_with_keyed_digits_and_is_checked_after_the_load()
    {
        var email = Plan().RuleTable(Name("public.users")).Column("email");

        Assert.Equal(UniqueMethod.KeyedDigits, email.Uniqueness!.Method);
        Assert.Equal(UniqueSuffix.MinDigits, email.Uniqueness.Digits); // 100 rows
        Assert.InRange(email.Uniqueness.Bits, 25, 35); // two digits and the variety of an e-mail
        Assert.True(email.Uniqueness.Checked);
    }

    [Fact]
    public void A_short_unique_hash_is_checked_after_the_load()
    {
        var code = Plan().RuleTable(Name("public.users")).Column("code");

        Assert.Equal(UniqueMethod.KeyedHash, code.Uniqueness!.Method);
        Assert.True(code.Uniqueness.Checked);
    }

    [Fact]
    public void A_shifted_unique_date_has_nothing_of_its_own_to_keep_it_apart_and_is_checked()
    {
        var born = Plan().RuleTable(Name("public.users")).Column("born");

        Assert.Equal(new Uniqueness(UniqueMethod.CheckedAfterLoad, 0, Checked: true), born.Uniqueness);
    }

    [Fact]
    public void A_column_following_a_foreign_key_is_unique_but_checked_where_it_points()
    {
        var email = Plan().RuleTable(Name("public.orders")).Column("customer_email");

        Assert.Equal("public.users.email", email.Follows);
        Assert.True(email.Unique);
        Assert.False(email.Uniqueness!.Checked);
    }

    [Fact]
    public void A_rule_unique_elsewhere_maps_uniquely_in_a_column_without_a_key_but_is_not_checked_there()
    {
        var email = Plan().RuleTable(Name("public.events")).Column("email");

        Assert.True(email.Unique);
        Assert.False(email.Uniqueness!.Checked);
        Assert.Equal(["public.users.email", "public.users.code", "public.users.born"],
            Plan().RuleTables.SelectMany(t => t.CheckedUniqueColumns.Select(c => $"{t.Name}.{c.Column.Name}")));
    }

    [Fact]
    public void What_the_report_says_of_a_unique_column_is_what_the_guard_does()
    {
        foreach (var column in Plan().RuleTables.SelectMany(t => t.Columns).Where(c => c.Unique))
        {
            var said = column.Uniqueness!.Describe(column.Follows);
            Assert.Equal(column.Uniqueness.Checked, said.Contains("checked after the load", StringComparison.Ordinal));
        }
    }

    [Fact]
    public void A_big_table_is_sampled_by_blocks_and_a_small_one_read_from_the_start()
    {
        var big = new RowSample(Name("public.big"), 10_000_000, BlockSampled: true);
        var small = new RowSample(Name("public.small"), 500, BlockSampled: true);

        Assert.Equal("SELECT a FROM \"public\".\"big\" TABLESAMPLE SYSTEM (0.4) REPEATABLE (20261127) LIMIT 40000", big.Select("a", 10_000, 40_000));
        Assert.Equal("SELECT a FROM \"public\".\"small\" LIMIT 10000", small.Select("a", 10_000, 10_000));
    }

    [Fact]
    public void The_set_constants_to_cast_check_come_from_the_plan_once_per_column()
    {
        var constants = Plan().Constants.Select(c => $"{c.Table.Name}.{c.Column.Column.Name}={c.Value}");

        Assert.Equal(["public.users.status=active"], constants);
    }

    [Fact]
    public void A_repaired_mapping_copies_again_every_table_whose_values_go_through_it_in_a_column_a_json_member_or_a_scrubbed_text()
    {
        var plan = Planner.Plan(Plans.Rules("""
            public.users:
              columns:
                email: { fake: internet.email, unique: true }
            public.profiles:
              columns:
                doc: { json: { contact.email: internet.email } }
            public.tickets:
              columns:
                body: { scrub: [email] }
            public.notes:
              columns:
                text: { fake: internet.email }

            """), Catalogs.Catalog(
            Tbl("public.users", [Col("email", Text)]), Tbl("public.profiles", [Col("doc", Jsonb)]), Tbl("public.tickets", [Col("body", Text)]),
            Tbl("public.notes", [Col("text", Text)])));
        var email = plan.RuleTable(Name("public.users")).Column("email");

        var again = plan.TablesMappingWith(new HashSet<string> { email.Rule!.Canonical(email.Unique) });

        Assert.Equal(["public.notes", "public.profiles", "public.tickets", "public.users"], again.Select(t => t.Table.Name.ToString()).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void A_plan_changed_with_with_lists_the_tables_of_its_own_entries()
    {
        var plan = Plan();

        var users = plan with { RuleTables = [plan.RuleTable(Name("public.users"))] };

        Assert.Equal(["public.users"], users.Tables.Select(t => t.Table.Name.ToString()));
    }

    private static PipelinePlan Plan() => Plans.Shop();
}
