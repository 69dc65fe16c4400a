using DevDbSeed.Catalog;
using DevDbSeed.Errors;
using DevDbSeed.Masking.Transformers;
using DevDbSeed.Planning;
using DevDbSeed.Rules;
using DevDbSeed.Tests.Support;
using static DevDbSeed.Tests.Support.Catalogs;

namespace DevDbSeed.Tests.Planning;

public sealed class PlannerTests : IDisposable
{
    private static readonly ColumnType Int4 = new("integer", TypeCategory.Integer, Precision: 4);
    private static readonly ColumnType Money = new("numeric(10,2)", TypeCategory.Numeric, Precision: 10, Scale: 2);
    private static readonly ColumnType TimestampTz = new("timestamp with time zone", TypeCategory.TimestampTz);
    private static readonly ColumnType Jsonb = new("jsonb", TypeCategory.Jsonb);
    private static readonly ColumnType Status = new("user_status", TypeCategory.Enum, EnumLabels: ["active", "inactive"]);

    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Valid_rules_give_every_table_its_action()
    {
        var plan = Planner.Plan(Rules(ShopRules), Shop());

        var actions = plan.Tables.ToDictionary(t => t.Table.Name.ToString(), t => t.Mode);
        Assert.Equal(CopyMode.Masked, actions["public.users"]);
        Assert.Equal(CopyMode.Masked, actions["public.orders"]);
        Assert.Equal(CopyMode.Passthrough, actions["public.countries"]);
        Assert.Equal(CopyMode.Emptied, actions["public.audit_log"]);
        Assert.Equal(CopyMode.Passthrough, actions["public.tags"]);
        Assert.Equal(CopyMode.Masked, actions["public.events_2024"]);
        Assert.Equal(CopyMode.Masked, actions["public.events_2025"]);
        Assert.False(actions.ContainsKey("public.events"), "a partitioned parent holds no rows of its own");
        Assert.Equal(7, plan.Tables.Count);
    }

    [Fact]
    public void Tables_are_planned_largest_first()
    {
        var plan = Planner.Plan(Rules(ShopRules), Shop());

        Assert.Equal(plan.Tables.Select(t => t.Table.SizeBytes).OrderDescending(), plan.Tables.Select(t => t.Table.SizeBytes));
    }

    [Fact]
    public void Columns_keep_their_rule_and_table_order()
    {
        var users = Table(Planner.Plan(Rules(ShopRules), Shop()), "public.users");

        Assert.Equal(["id", "email", "first_name", "status", "notes", "full_name"], users.Columns.Select(c => c.Column.Name));
        Assert.Equal(ColumnAction.Keep, users.Columns[0].Action);
        Assert.IsType<FakeRule>(users.Columns[1].Rule);
        Assert.IsType<NullRule>(users.Columns[4].Rule);
        Assert.Equal(["email", "first_name", "notes"], users.MaskedColumns.Select(c => c.Column.Name));
    }

    [Fact]
    public void Generated_columns_are_recomputed_not_copied()
    {
        var users = Table(Planner.Plan(Rules(ShopRules), Shop()), "public.users");

        var fullName = users.Columns.Single(c => c.Column.Name == "full_name");
        Assert.Equal(ColumnAction.Generated, fullName.Action);
        Assert.Null(fullName.Rule);
        Assert.DoesNotContain(users.CopiedColumns, c => c.Column.Name == "full_name");
        Assert.Equal(5, users.CopiedColumns.Count);
    }

    [Fact]
    public void Unique_comes_from_unique_keys_and_from_unique_true()
    {
        var users = Table(Planner.Plan(Rules(ShopRules.Replace("first_name: name.firstName", "first_name: { fake: name.firstName, unique: true }", StringComparison.Ordinal)), Shop()), "public.users");

        Assert.True(Column(users, "email").Unique, "email has a unique constraint");
        Assert.True(Column(users, "first_name").Unique, "first_name says unique: true");
        Assert.False(Column(users, "notes").Unique);
    }

    [Fact]
    public void A_masked_column_without_a_unique_key_is_not_unique()
    {
        var users = Table(Planner.Plan(Rules(ShopRules), Shop()), "public.users");

        Assert.False(Column(users, "first_name").Unique);
    }

    [Fact]
    public void A_unique_key_on_the_partitions_makes_the_root_column_unique()
    {
        var plan = Planner.Plan(Rules(ShopRules), Shop());

        Assert.True(Column(Table(plan, "public.events_2024"), "email").Unique);
        Assert.True(Column(Table(plan, "public.events_2025"), "email").Unique);
    }

    [Fact]
    public void Partitions_get_their_root_rules()
    {
        var plan = Planner.Plan(Rules(ShopRules), Shop());
        var partition = Table(plan, "public.events_2025");

        Assert.Equal(new QualifiedName("public", "events"), partition.RuleName);
        Assert.Equal("fake:internet.email@en:unique", Column(partition, "email").Rule!.Canonical(true));
        Assert.IsType<ShiftRule>(Column(partition, "at").Rule);
        Assert.Equal(ColumnAction.Keep, Column(partition, "id").Action);
        Assert.Same(Column(Table(plan, "public.events_2024"), "email").Rule, Column(partition, "email").Rule);
        Assert.Equal(partition.Table.Columns.Select(c => c.Name), partition.Columns.Select(c => c.Column.Name));
    }

    [Fact]
    public void A_column_referencing_a_masked_column_follows_its_mapping()
    {
        var plan = Planner.Plan(Rules(ShopRules), Shop());
        var users = Table(plan, "public.users");
        var orders = Table(plan, "public.orders");

        var follower = Column(orders, "customer_email");
        Assert.Equal(ColumnAction.Mask, follower.Action);
        Assert.Equal("public.users.email", follower.Follows);
        Assert.Same(Column(users, "email").Rule, follower.Rule);
        Assert.True(follower.Unique);
        Assert.Null(Column(users, "email").Follows);
        Assert.Contains("follows public.users.email", follower.Describe(), StringComparison.Ordinal);
    }

    [Fact]
    public void The_same_rule_in_two_unrelated_tables_gives_the_same_fake_for_the_same_value()
    {
        // "The same e-mail in two tables ... gets the same fake, so natural-key joins ... stay valid."
        var catalog = Catalogs.Catalog(
            Tbl("public.users", [Col("email", Varchar(100))], unique: [Key("email")]),
            Tbl("public.newsletter", [Col("email", Varchar(100))]));
        var rules = Rules("public.users:\n  columns:\n    email: internet.email\npublic.newsletter:\n  columns:\n    email: internet.email\n");
        var plan = Planner.Plan(rules, catalog);
        var setup = new DevDbSeed.Copying.MaskingSetup(DevDbSeed.Masking.MaskingKeys.FromSecret(Masks.Secret), DevDbSeed.Masking.Fakes.FakeCatalog.Default, rules.Locale, DevDbSeed.Masking.UniqueOverrides.None, DevDbSeed.Masking.UniqueRuleSet.None);

        var users = setup.MaskerFor(Column(Table(plan, "public.users"), "email"));
        var newsletter = setup.MaskerFor(Column(Table(plan, "public.newsletter"), "email"));

        foreach (var email in new[] { "jane@corp.example", "john.smith@corp.example", "x@y.z" })
        {
            Assert.Equal(MaskField(users, email), MaskField(newsletter, email));
        }
    }

    [Fact]
    public void A_foreign_key_group_fits_its_shortest_column()
    {
        var plan = Planner.Plan(Rules(ShopRules), Shop());

        Assert.Equal(60, Column(Table(plan, "public.orders"), "customer_email").FitLength);
        Assert.Equal(60, Column(Table(plan, "public.users"), "email").FitLength);
    }

    [Fact]
    public void A_chain_of_foreign_keys_follows_the_first_masked_column()
    {
        var catalog = Catalogs.Catalog(
            Tbl("public.users", [Col("email", Varchar(100))], unique: [Key("email")]),
            Tbl("public.orders", [Col("email", Varchar(100))], unique: [Key("email")], fks: [Fk(["email"], "public.users", ["email"])]),
            Tbl("public.refunds", [Col("email", Varchar(100))], fks: [Fk(["email"], "public.orders", ["email"])]));
        var rules = Rules("""
            public.users:
              columns:
                email: internet.email
            public.orders:
              columns:
                email: internet.email
            public.refunds:
              columns:
                email: internet.email
            """);

        var plan = Planner.Plan(rules, catalog);

        Assert.Equal("public.users.email", Column(Table(plan, "public.refunds"), "email").Follows);
        Assert.Equal("public.users.email", Column(Table(plan, "public.orders"), "email").Follows);
    }

    [Fact]
    public void A_self_referencing_foreign_key_follows_its_own_table()
    {
        var catalog = Catalogs.Catalog(Tbl("public.staff", [Col("email", Varchar(80)), Col("manager_email", Varchar(80))], unique: [Key("email")], fks: [Fk(["manager_email"], "public.staff", ["email"])]));
        var rules = Rules("public.staff:\n  columns:\n    email: internet.email\n");

        var staff = Table(Planner.Plan(rules, catalog), "public.staff");

        Assert.Equal("public.staff.email", Column(staff, "manager_email").Follows);
        Assert.Same(Column(staff, "email").Rule, Column(staff, "manager_email").Rule);
    }

    [Fact]
    public void A_cycle_of_foreign_keys_is_planned_without_looping()
    {
        var catalog = Catalogs.Catalog(
            Tbl("public.a", [Col("ref", Varchar(80))], unique: [Key("ref")], fks: [Fk(["ref"], "public.b", ["ref"])]),
            Tbl("public.b", [Col("ref", Varchar(80))], unique: [Key("ref")], fks: [Fk(["ref"], "public.a", ["ref"])]));
        var rules = Rules("public.a:\n  columns:\n    ref: internet.email\npublic.b:\n  columns:\n    ref: internet.email\n");

        var plan = Planner.Plan(rules, catalog);

        Assert.Equal(Column(Table(plan, "public.a"), "ref").Rule!.Canonical(true), Column(Table(plan, "public.b"), "ref").Rule!.Canonical(true));
    }

    [Fact]
    public void A_rule_that_maps_a_foreign_key_differently_is_a_problem()
    {
        var error = PlanError(Rules(ShopRules.Replace("total: keep", "total: keep\n    customer_email: name.firstName", StringComparison.Ordinal)), Shop());

        Assert.Contains(error.Problems, p => p.StartsWith("public.orders.customer_email (", StringComparison.Ordinal) && p.Contains("references public.users.email", StringComparison.Ordinal));
    }

    [Fact]
    public void Keeping_a_column_that_references_a_masked_column_is_a_problem()
    {
        var error = PlanError(Rules(ShopRules.Replace("total: keep", "total: keep\n    customer_email: keep", StringComparison.Ordinal)), Shop());

        Assert.Contains(error.Problems, p => p.StartsWith("public.orders.customer_email (", StringComparison.Ordinal));
    }

    [Fact]
    public void The_same_rule_on_a_foreign_key_is_accepted()
    {
        var plan = Planner.Plan(Rules(ShopRules.Replace("total: keep", "total: keep\n    customer_email: { fake: internet.email }", StringComparison.Ordinal)), Shop());

        Assert.Equal("public.users.email", Column(Table(plan, "public.orders"), "customer_email").Follows);
    }

    [Fact]
    public void A_keep_table_whose_column_references_a_masked_column_is_a_problem()
    {
        var rules = ShopRules[..ShopRules.IndexOf("public.orders:", StringComparison.Ordinal)]
            + "public.orders: keep\n" + ShopRules[ShopRules.IndexOf("public.countries:", StringComparison.Ordinal)..];

        var error = PlanError(Rules(rules), Shop());

        var problem = Assert.Single(error.Problems);
        Assert.StartsWith("public.orders.customer_email (", problem, StringComparison.Ordinal);
        Assert.Contains("kept", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Masking_a_column_that_references_a_kept_column_is_a_problem()
    {
        var error = PlanError(Rules(ShopRules.Replace("user_id: keep", "user_id: { hash: {} }", StringComparison.Ordinal)), Shop());

        Assert.Contains(error.Problems, p => p.StartsWith("public.orders.user_id (", StringComparison.Ordinal) && p.Contains("public.users.id", StringComparison.Ordinal));
    }

    [Fact]
    public void Referencing_an_emptied_table_is_a_problem()
    {
        var rules = "public.users: empty\n" + ShopRules[ShopRules.IndexOf("public.orders:", StringComparison.Ordinal)..];

        var error = PlanError(Rules(rules), Shop());

        Assert.Contains(error.Problems, p => p.StartsWith("public.orders.user_id: references public.users", StringComparison.Ordinal));
        Assert.Contains(error.Problems, p => p.StartsWith("public.orders.customer_email: references public.users", StringComparison.Ordinal));
    }

    [Fact]
    public void Referencing_an_emptied_table_is_fine_when_the_referencing_table_is_emptied_too()
    {
        var rules = Rules("public.users: empty\npublic.orders: empty\n");

        var plan = Planner.Plan(rules, UsersAndOrders());

        Assert.Equal(CopyMode.Emptied, Table(plan, "public.orders").Mode);
    }

    [Fact]
    public void Referencing_an_emptied_table_is_fine_when_the_reference_is_set_to_null()
    {
        // the problem for a kept reference says: "empty this table too, or set the column to null"
        var rules = Rules("public.users: empty\npublic.orders:\n  columns:\n    id: keep\n    user_id: null\n");

        var plan = Planner.Plan(rules, UsersAndOrders());

        Assert.IsType<NullRule>(Column(Table(plan, "public.orders"), "user_id").Rule);
    }

    [Fact]
    public void Setting_a_foreign_key_column_to_null_never_breaks_the_foreign_key()
    {
        var rules = Rules("public.users: keep\npublic.orders:\n  columns:\n    id: keep\n    user_id: null\n");

        var plan = Planner.Plan(rules, UsersAndOrders());

        Assert.Equal(CopyMode.Masked, Table(plan, "public.orders").Mode);
    }

    [Fact]
    public void Every_unclassified_column_is_listed_not_just_the_first()
    {
        var rules = Rules(ShopRules.Replace("    first_name: name.firstName\n", string.Empty, StringComparison.Ordinal).Replace("    notes: null\n", string.Empty, StringComparison.Ordinal));

        var error = PlanError(rules, Shop());

        Assert.Equal(ExitCode.RulesDoNotFitSchema, error.ExitCode);
        Assert.Equal(3, (int)error.ExitCode);
        Assert.Contains(error.Problems, p => p.StartsWith("public.users.first_name: ", StringComparison.Ordinal));
        Assert.Contains(error.Problems, p => p.StartsWith("public.users.notes: ", StringComparison.Ordinal));
        Assert.Equal(2, error.Problems.Count);
        Assert.Contains("2 problems", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_table_without_an_entry_lists_every_column_it_has()
    {
        var rules = Rules(ShopRules.Replace("public.countries: keep\n", string.Empty, StringComparison.Ordinal));

        var error = PlanError(rules, Shop());

        Assert.Equal(["public.countries.code: ", "public.countries.name: "], error.Problems.Select(p => p[..(p.IndexOf(':', StringComparison.Ordinal) + 2)]));
    }

    [Fact]
    public void Every_problem_of_every_kind_is_reported_together_and_sorted()
    {
        var rules = Rules(ShopRules
            .Replace("public.countries: keep\n", string.Empty, StringComparison.Ordinal)
            .Replace("    notes: null\n", string.Empty, StringComparison.Ordinal)
            + "public.nope: keep\n");

        var error = PlanError(rules, Shop());

        Assert.Equal(4, error.Problems.Count);
        Assert.Equal(error.Problems.Order(StringComparer.Ordinal), error.Problems);
        Assert.Contains("4 problems", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_rule_for_a_table_the_source_lacks_is_a_problem_with_suggestions()
    {
        var error = PlanError(Rules(ShopRules + "public.user: keep\n"), Shop());

        var problem = Assert.Single(error.Problems);
        Assert.StartsWith($"public.user ({RulesPath}:", problem, StringComparison.Ordinal);
        Assert.Contains("no such table", problem, StringComparison.Ordinal);
        Assert.Contains("did you mean public.users", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void A_rule_for_a_column_the_source_lacks_is_a_problem_with_suggestions()
    {
        var error = PlanError(Rules(ShopRules.Replace("    notes: null\n", "    notes: null\n    emial: internet.email\n", StringComparison.Ordinal)), Shop());

        var problem = Assert.Single(error.Problems);
        Assert.StartsWith($"public.users.emial ({RulesPath}:", problem, StringComparison.Ordinal);
        Assert.Contains("did you mean email", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void A_rule_on_a_partition_is_a_problem()
    {
        var error = PlanError(Rules(ShopRules + "public.events_2024: keep\n"), Shop());

        var problem = Assert.Single(error.Problems);
        Assert.StartsWith("public.events_2024 (", problem, StringComparison.Ordinal);
        Assert.Contains("partition of public.events", problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("public.active_users", "view")]
    [InlineData("public.user_stats", "materialized view")]
    public void A_rule_on_a_view_or_materialized_view_is_a_problem(string name, string what)
    {
        var error = PlanError(Rules(ShopRules + $"{name}: keep\n"), Shop());

        var problem = Assert.Single(error.Problems);
        Assert.StartsWith($"{name} (", problem, StringComparison.Ordinal);
        Assert.Contains($"is a {what}", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void A_rule_on_a_generated_column_is_a_problem()
    {
        var error = PlanError(Rules(ShopRules.Replace("    notes: null\n", "    notes: null\n    full_name: name.fullName\n", StringComparison.Ordinal)), Shop());

        var problem = Assert.Single(error.Problems);
        Assert.StartsWith("public.users.full_name (", problem, StringComparison.Ordinal);
        Assert.Contains("generated", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Rules_that_cannot_fit_their_columns_are_problems()
    {
        var catalog = Catalogs.Catalog(Tbl(
            "public.fit",
            [
                Col("short_email", Varchar(5)),
                Col("required", ColumnType.Text, notNull: true),
                Col("unique_set", ColumnType.Text),
                Col("unique_mask", ColumnType.Text),
                Col("status", Status),
                Col("shifted_text", ColumnType.Text),
                Col("noisy_text", ColumnType.Text),
                Col("fine", ColumnType.Text),
            ],
            unique: [Key("unique_set"), Key("unique_mask")]));
        var rules = Rules("""
            public.fit:
              columns:
                short_email: internet.email
                required: null
                unique_set: { set: x }
                unique_mask: { mask: {} }
                status: { set: archived }
                shifted_text: { shift: { days: 3 } }
                noisy_text: { noise: { ratio: 0.1 } }
                fine: { set: x }
            """);

        var error = PlanError(rules, catalog);

        Assert.Equal(
            ["public.fit.noisy_text", "public.fit.required", "public.fit.shifted_text", "public.fit.short_email", "public.fit.status", "public.fit.unique_mask", "public.fit.unique_set"],
            error.Problems.Select(p => p[..p.IndexOf(' ', StringComparison.Ordinal)]));
    }

    [Fact]
    public void A_unique_uuid_column_faked_by_random_uuid_gets_valid_distinct_values()
    {
        // "fakes respect the column's type" and, on a unique column, "the load must never fail on it"
        var catalog = UniqueDevices(new ColumnType("uuid", TypeCategory.Uuid));
        var rules = Rules("public.devices:\n  columns:\n    id: random.uuid\n");
        var plan = Planner.Plan(rules, catalog);

        var setup = new DevDbSeed.Copying.MaskingSetup(DevDbSeed.Masking.MaskingKeys.FromSecret(Masks.Secret), DevDbSeed.Masking.Fakes.FakeCatalog.Default, rules.Locale, DevDbSeed.Masking.UniqueOverrides.None, DevDbSeed.Masking.UniqueRuleSet.None);
        var masker = setup.MaskerFor(Column(Table(plan, "public.devices"), "id"));
        var values = Enumerable.Range(0, 2000).Select(i => MaskField(masker, $"original-{i}")).ToList();

        var invalid = values.FirstOrDefault(v => !System.Text.RegularExpressions.Regex.IsMatch(v, "^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$"));
        Assert.True(invalid is null, $"'{invalid}' is not a valid uuid");
        Assert.Equal(values.Count, values.Distinct(StringComparer.Ordinal).Count());
    }

    [Theory]
    [InlineData("inet", TypeCategory.Inet, "internet.ip")]
    [InlineData("macaddr", TypeCategory.MacAddr, "internet.mac")]
    [InlineData("integer", TypeCategory.Integer, "random.number")]
    public void A_unique_non_text_column_faked_from_too_few_distinct_values_is_refused_by_the_check_naming_it(string typeName, TypeCategory category, string generator)
    {
        // the load must never fail on a unique column: a fake that cannot keep it distinct is refused before any data moves
        var catalog = UniqueDevices(new ColumnType(typeName, category, Precision: category == TypeCategory.Integer ? 4 : null));

        var error = PlanError(Rules($"public.devices:\n  columns:\n    id: {generator}\n"), catalog);

        var problem = Assert.Single(error.Problems);
        Assert.StartsWith("public.devices.id ", problem, StringComparison.Ordinal);
        Assert.EndsWith($"fake {generator} makes too few distinct values to keep a unique {typeName} column distinct", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Null_on_a_unique_column_is_fine_and_not_unique()
    {
        var catalog = Catalogs.Catalog(Tbl("public.t", [Col("token", ColumnType.Text)], unique: [Key("token")]));

        var plan = Planner.Plan(Rules("public.t:\n  columns:\n    token: null\n"), catalog);

        Assert.False(Column(Table(plan, "public.t"), "token").Unique);
    }

    [Fact]
    public void A_set_constant_that_is_an_enum_label_fits()
    {
        var catalog = Catalogs.Catalog(Tbl("public.t", [Col("status", Status, notNull: true)]));

        var plan = Planner.Plan(Rules("public.t:\n  columns:\n    status: { set: active }\n"), catalog);

        var (table, column, value) = Assert.Single(plan.Constants);
        Assert.Equal("public.t", table.Table.Name.ToString());
        Assert.Equal("status", column.Column.Name);
        Assert.Equal("active", value);
    }

    [Fact]
    public void A_table_whose_columns_are_all_kept_is_copied_without_decoding()
    {
        var catalog = Catalogs.Catalog(Tbl("public.t", [Col("a", ColumnType.Text), Col("b", Int4)]));

        var plan = Planner.Plan(Rules("public.t:\n  columns:\n    a: keep\n    b: keep\n"), catalog);

        Assert.Equal(CopyMode.Passthrough, Table(plan, "public.t").Mode);
    }

    [Fact]
    public void Masked_column_count_counts_partitioned_tables_once()
    {
        var plan = Planner.Plan(Rules(ShopRules), Shop());

        // users: email, first_name, notes; orders: customer_email; events: email, at
        Assert.Equal(6, plan.MaskedColumnCount);
    }

    private const string ShopRules = """
        public.users:
          columns:
            id: keep
            email: { fake: internet.email }
            first_name: name.firstName
            status: keep
            notes: null
        public.orders:
          columns:
            id: keep
            user_id: keep
            total: keep
        public.countries: keep
        public.audit_log: empty
        public.tags:
          columns:
            name: keep
        public.events:
          columns:
            id: keep
            email: internet.email
            at: { shift: { days: 3 } }

        """;

    private string RulesPath => Path.Combine(_dir.Root, "rules.yaml");

    /// <summary>A shop: users (unique e-mail, a generated column), orders referencing users by id and by e-mail, a partitioned events table, views.</summary>
    private static DatabaseCatalog Shop() => CatalogWithViews(
        [
            Tbl("public.users", [Col("id", Int4, notNull: true), Col("email", Varchar(100), notNull: true), Col("first_name", ColumnType.Text), Col("status", Status), Col("notes", ColumnType.Text), Col("full_name", ColumnType.Text, generated: true)],
                unique: [Key("id"), Key("email")], rows: 500),
            Tbl("public.orders", [Col("id", Int4, notNull: true), Col("user_id", Int4), Col("customer_email", Varchar(60)), Col("total", Money)],
                unique: [Key("id")], fks: [Fk(["user_id"], "public.users", ["id"]), Fk(["customer_email"], "public.users", ["email"])], rows: 900),
            Tbl("public.countries", [Col("code", new ColumnType("character(2)", TypeCategory.FixedChar, 2)), Col("name", ColumnType.Text)], rows: 10),
            Tbl("public.audit_log", [Col("id", Int4), Col("payload", Jsonb)], rows: 2000),
            Tbl("public.tags", [Col("name", ColumnType.Text)], rows: 5),
            Tbl("public.events", [Col("id", Int4), Col("email", ColumnType.Text), Col("at", TimestampTz)], kind: TableKind.Partitioned, rows: 0),
            Tbl("public.events_2024", [Col("at", TimestampTz), Col("id", Int4), Col("email", ColumnType.Text)], kind: TableKind.Partition, root: "public.events", unique: [Key("email")], rows: 300),
            Tbl("public.events_2025", [Col("id", Int4), Col("email", ColumnType.Text), Col("at", TimestampTz)], kind: TableKind.Partition, root: "public.events", unique: [Key("email")], rows: 400),
        ],
        views: ["public.active_users"],
        materializedViews: ["public.user_stats"]);

    private static DatabaseCatalog UniqueDevices(ColumnType type) =>
        Catalogs.Catalog(Tbl("public.devices", [Col("id", type, notNull: true)], unique: [Key("id")]));

    private static string MaskField(DevDbSeed.Copying.ColumnMasker masker, string value)
    {
        var output = new DevDbSeed.Masking.Utf8Builder();
        masker.Mask(System.Text.Encoding.UTF8.GetBytes(value), output);
        return output.ToString();
    }

    private static DatabaseCatalog UsersAndOrders() => Catalogs.Catalog(
        Tbl("public.users", [Col("id", Int4, notNull: true)], unique: [Key("id")]),
        Tbl("public.orders", [Col("id", Int4, notNull: true), Col("user_id", Int4)], fks: [Fk(["user_id"], "public.users", ["id"])]));

    private RuleSet Rules(string tables) => RulesLoader.Load(_dir.Write("rules.yaml", "version: 1\ntables:\n" + Indent(tables)));

    private static string Indent(string tables) => string.Join("\n", tables.Split('\n').Select(l => l.Length == 0 ? l : "  " + l));

    private static RulesMismatchException PlanError(RuleSet rules, DatabaseCatalog catalog) =>
        Assert.Throws<RulesMismatchException>(() => Planner.Plan(rules, catalog));

    private static TablePlan Table(PipelinePlan plan, string name) => plan.Tables.Single(t => t.Table.Name.ToString() == name);

    private static ColumnPlan Column(TablePlan table, string name) => table.Columns.Single(c => c.Column.Name == name);

    private static DatabaseCatalog CatalogWithViews(IReadOnlyList<TableInfo> tables, IReadOnlyList<string> views, IReadOnlyList<string> materializedViews) =>
        new("shop", 150018, tables, [.. views.Select(v => QualifiedName.TryParse(v)!)], [.. materializedViews.Select(v => QualifiedName.TryParse(v)!)], []);
}
