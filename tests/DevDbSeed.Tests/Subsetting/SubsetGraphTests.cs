using DevDbSeed.Catalog;
using DevDbSeed.Configuration;
using DevDbSeed.Errors;
using DevDbSeed.Planning;
using DevDbSeed.Subsetting;
using DevDbSeed.Tests.Support;
using static DevDbSeed.Tests.Support.Catalogs;

namespace DevDbSeed.Tests.Subsetting;

/// <summary>
/// The roles a subset gives the tables and the keys it walks, from the catalog and the plan alone: start tables are the
/// listed ones, reached tables hang below them, everything else is copied whole (or stays emptied).
/// </summary>
public sealed class SubsetGraphTests
{
    [Fact]
    public void A_listed_table_with_a_selection_is_a_start_table()
    {
        var graph = Graph(Where("public.users"));

        Assert.Equal(SubsetRole.Start, graph.Role(Name("public.users")));
    }

    [Fact]
    public void Tables_referencing_a_start_table_are_reached_transitively_and_across_partitions()
    {
        var graph = Graph(Where("public.users"));

        Assert.All(["public.orders", "public.items", "public.enrolments", "public.events"], t => Assert.Equal(SubsetRole.Reached, graph.Role(Name(t))));
    }

    [Fact]
    public void A_partition_has_the_role_of_its_root()
    {
        var plan = Plan();
        var graph = SubsetGraph.For(plan, Options(Where("public.users")));

        Assert.Equal(SubsetRole.Reached, graph.Role(plan.Catalog.Table(Name("public.events_2024"))!));
        Assert.True(graph.IsSubset(plan.Catalog.Table(Name("public.events_2025"))!));
    }

    [Fact]
    public void Tables_a_start_table_references_but_that_no_start_table_reaches_are_copied_whole()
    {
        var graph = Graph(Where("public.users"));

        Assert.All(["public.countries", "public.coupons", "public.courses", "public.lessons", "public.tags"],
            t => Assert.Equal(SubsetRole.Whole, graph.Role(Name(t))));
    }

    [Fact]
    public void A_table_the_rules_empty_stays_emptied_though_it_references_a_start_table()
    {
        var graph = Graph(Where("public.users"));

        Assert.Equal(SubsetRole.Emptied, graph.Role(Name("public.logs")));
        Assert.DoesNotContain(graph.Up.Concat(graph.Down), e => e.Child.Name == Name("public.logs"));
    }

    [Fact]
    public void A_table_listed_whole_keeps_its_role_and_is_not_descended_through()
    {
        var graph = Graph(Where("public.users"), new SubsetTable(Name("public.orders"), At, Whole: true));

        Assert.Equal(SubsetRole.Whole, graph.Role(Name("public.orders")));
        Assert.Equal(SubsetRole.Whole, graph.Role(Name("public.items")));
        Assert.Equal(SubsetRole.Reached, graph.Role(Name("public.enrolments")));
        Assert.DoesNotContain(graph.Down, e => e.Child.Name == Name("public.items"));
        Assert.Contains(graph.Up, e => e.ToString() == "public.orders.user_id_fkey -> public.users");
    }

    [Fact]
    public void The_walk_down_never_enters_another_listed_table()
    {
        var graph = Graph(Where("public.users"), new SubsetTable(Name("public.orders"), At, Limit: 10));

        Assert.Equal(SubsetRole.Start, graph.Role(Name("public.orders")));
        Assert.Equal(SubsetRole.Reached, graph.Role(Name("public.items")));
        Assert.DoesNotContain(graph.Down, e => e.Child.Name == Name("public.orders"));
        Assert.Contains(graph.Up, e => e.ToString() == "public.orders.user_id_fkey -> public.users");
    }

    [Fact]
    public void Keys_are_walked_down_only_into_reached_tables()
    {
        var graph = Graph(Where("public.users"));

        Assert.Equal(
            ["public.enrolments.user_id_fkey -> public.users", "public.events.user_id_fkey -> public.users", "public.items.order_id_fkey -> public.orders",
                "public.orders.user_id_fkey -> public.users"],
            graph.Down.Select(e => e.ToString()).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Keys_are_walked_up_into_start_and_reached_tables_only()
    {
        var graph = Graph(Where("public.users"));

        Assert.Equal(
            ["public.enrolments.user_id_fkey -> public.users", "public.events.user_id_fkey -> public.users", "public.items.order_id_fkey -> public.orders",
                "public.orders.user_id_fkey -> public.users", "public.users.referrer_id_fkey -> public.users"],
            graph.Up.Select(e => e.ToString()).Order(StringComparer.Ordinal));
        Assert.Empty(graph.Cuts);
    }

    [Fact]
    public void Set_null_cuts_nullable_keys_into_subset_tables_instead_of_walking_them_up()
    {
        var graph = SubsetGraph.For(Plan(), Options(Where("public.users")) with { NullableReferences = NullableReferences.SetNull });

        var cut = Assert.Single(graph.Cuts);
        Assert.Equal("public.users.referrer_id_fkey -> public.users", cut.ToString());
        Assert.True(cut.Nullable);
        Assert.DoesNotContain(cut, graph.Up);
        Assert.DoesNotContain(graph.Cuts, e => e.Parent.Name == Name("public.coupons")); // nullable, but its parent is copied whole
    }

    [Fact]
    public void A_key_with_a_not_null_column_is_not_nullable()
    {
        var graph = Graph(Where("public.users"));

        Assert.False(graph.Up.Single(e => e.Key.Name == "user_id_fkey" && e.Child.Name == Name("public.orders")).Nullable);
        Assert.True(graph.Up.Single(e => e.Key.Name == "referrer_id_fkey").Nullable);
    }

    [Fact]
    public void A_listed_table_the_source_does_not_have_is_exit_3_naming_where_it_is_listed()
    {
        var error = Assert.Throws<RulesMismatchException>(() => Graph(Where("public.nope")));

        Assert.Equal(ExitCode.RulesDoNotFitSchema, error.ExitCode);
        Assert.Equal(["pipeline.yaml:7:3: subset names public.nope, which the source does not have"], error.Problems);
    }

    [Fact]
    public void A_listed_partition_is_exit_2_naming_its_root()
    {
        var error = Assert.Throws<ConfigurationException>(() => Graph(Where("public.events_2024")));

        Assert.Equal(ExitCode.InvalidConfiguration, error.ExitCode);
        Assert.Equal("pipeline.yaml:7:3: subset: public.events_2024 is a partition of public.events; list public.events instead", error.Message);
    }

    [Fact]
    public void A_listed_table_the_rules_empty_is_exit_2()
    {
        var error = Assert.Throws<ConfigurationException>(() => Graph(Where("public.logs")));

        Assert.Equal(ExitCode.InvalidConfiguration, error.ExitCode);
        Assert.Equal("pipeline.yaml:7:3: subset: the rules empty public.logs; it has no rows to select", error.Message);
    }

    private static readonly SourceLocation At = new("pipeline.yaml", 7, 3);

    private static SubsetTable Where(string table) => new(Name(table), At, Where: "id < 10");

    private static SubsetOptions Options(params SubsetTable[] tables) => new(tables);

    private static SubsetGraph Graph(params SubsetTable[] tables) => SubsetGraph.For(Plan(), Options(tables));

    /// <summary>
    /// users (a self-reference) in countries; orders of users with items, and an optional coupon; courses with lessons,
    /// and enrolments of users in courses; events of users in two partitions; logs of users (emptied); tags alone.
    /// </summary>
    private static PipelinePlan Plan()
    {
        var id = Col("id", Int4, notNull: true);
        TableInfo Child(string name, params (string Column, string Parent, bool NotNull)[] keys) => Tbl(name,
            [id, .. keys.Select(k => Col(k.Column, Int4, notNull: k.NotNull))], unique: [Key("id")],
            fks: [.. keys.Select(k => Fk([k.Column], k.Parent, ["id"]))]);
        var catalog = Catalogs.Catalog(
            Child("public.countries"),
            Child("public.users", ("country_id", "public.countries", true), ("referrer_id", "public.users", false)),
            Child("public.coupons"),
            Child("public.orders", ("user_id", "public.users", true), ("coupon_id", "public.coupons", false)),
            Child("public.items", ("order_id", "public.orders", true)),
            Child("public.courses"),
            Child("public.lessons", ("course_id", "public.courses", true)),
            Child("public.enrolments", ("user_id", "public.users", true), ("course_id", "public.courses", true)),
            Tbl("public.events", [id, Col("user_id", Int4, notNull: true)], fks: [Fk(["user_id"], "public.users", ["id"])], kind: TableKind.Partitioned, rows: 0),
            Tbl("public.events_2024", [id, Col("user_id", Int4, notNull: true)], kind: TableKind.Partition, root: "public.events"),
            Tbl("public.events_2025", [id, Col("user_id", Int4, notNull: true)], kind: TableKind.Partition, root: "public.events"),
            Child("public.logs", ("user_id", "public.users", true)),
            Child("public.tags"));
        return Planner.Plan(Plans.Rules("""
            public.countries: keep
            public.users: keep
            public.coupons: keep
            public.orders: keep
            public.items: keep
            public.courses: keep
            public.lessons: keep
            public.enrolments: keep
            public.events: keep
            public.logs: empty
            public.tags: keep
            """), catalog);
    }
}
