using DevDbSeed.Catalog;
using DevDbSeed.Discovery;
using DevDbSeed.Masking.Transformers;
using DevDbSeed.Planning;
using DevDbSeed.Rules;
using DevDbSeed.Tests.Support;
using static DevDbSeed.Tests.Support.Catalogs;

namespace DevDbSeed.Tests.Discovery;

public sealed class RulesInitializerTests
{
    [Fact]
    public void Suggests_one_entry_per_table_rules_name_partitions_excluded()
    {
        var suggestions = RulesInitializer.Suggest(Shop(), Samples());

        Assert.Equal(["public.users", "public.orders", "public.countries", "public.events", "public.short_codes", "public.referrals"], suggestions.Select(s => s.Table.ToString()));
    }

    [Fact]
    public void Columns_get_rules_from_names_types_and_content()
    {
        var users = Table(RulesInitializer.Suggest(Shop(), Samples()), "public.users");

        Assert.Null(users.KeepReason);
        Assert.Equal(["id", "email", "first_name", "full_name", "notes", "avatar", "signature", "last_ip", "created_at", "status", "profile"], users.Columns.Select(c => c.Column));
        Assert.Equal("internet.email", Rule(users, "email"));
        Assert.Equal("name.firstName", Rule(users, "first_name"));
        Assert.Equal("{ scrub: [email, phone] }", Rule(users, "notes"));
        Assert.Equal("null", Rule(users, "avatar"));
        Assert.Equal("internet.ip", Rule(users, "last_ip"));
        Assert.Equal("{ json: { contact.email: internet.email } }", Rule(users, "profile"));
        Assert.True(Column(users, "id").Suggestion!.IsKeep);
        Assert.True(Column(users, "created_at").Suggestion!.IsKeep);
        Assert.True(Column(users, "status").Suggestion!.IsKeep);
        Assert.True(Column(users, "signature").Suggestion!.IsKeep);
        Assert.Contains("REVIEW", Column(users, "signature").Suggestion!.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Generated_columns_and_foreign_keys_to_masked_columns_get_a_comment_instead_of_a_rule()
    {
        var suggestions = RulesInitializer.Suggest(Shop(), Samples());
        var users = Table(suggestions, "public.users");
        var orders = Table(suggestions, "public.orders");

        Assert.Null(Column(users, "full_name").Suggestion);
        Assert.StartsWith("generated", Column(users, "full_name").NoRuleBecause, StringComparison.Ordinal);
        Assert.Null(Column(orders, "customer_email").Suggestion);
        Assert.Equal("follows public.users.email (foreign key): masked the same way, no rule", Column(orders, "customer_email").NoRuleBecause);
        Assert.True(Column(orders, "user_id").Suggestion!.IsKeep);
        Assert.Equal("references public.users.id, which is kept", Column(orders, "user_id").Suggestion!.Reason);
    }

    [Fact]
    public void A_chain_of_foreign_keys_follows_the_masked_column_at_its_end()
    {
        var referrals = Table(RulesInitializer.Suggest(Shop(), Samples()), "public.referrals");

        Assert.Null(Column(referrals, "referrer_email").Suggestion);
        Assert.Equal("follows public.orders.customer_email (foreign key): masked the same way, no rule", Column(referrals, "referrer_email").NoRuleBecause);
    }

    [Fact]
    public void Tables_without_personal_data_are_kept_whole_with_a_reason()
    {
        var countries = Table(RulesInitializer.Suggest(Shop(), Samples()), "public.countries");

        Assert.Equal("reviewed by devdbseed rules init (a tool, not a person): no personal data found in the names, types and 3 sampled rows of its 2 columns", countries.KeepReason);
    }

    [Fact]
    public void The_written_rules_pass_the_coverage_check_unedited()
    {
        var catalog = Shop();

        var text = RulesInitializer.Write("shop", catalog, [.. RulesInitializer.Suggest(catalog, Samples())]);

        var plan = Planner.Plan(RulesLoader.Parse(text, "rules.yaml"), catalog);
        Assert.Equal(catalog.DataTables.Select(t => t.Name.ToString()).Order(StringComparer.Ordinal), plan.Tables.Select(t => t.Table.Name.ToString()).Order(StringComparer.Ordinal));
        var orders = plan.Tables.Single(t => t.Table.Name.ToString() == "public.orders");
        Assert.Equal("public.users.email", orders.Columns.Single(c => c.Column.Name == "customer_email").Follows);
        var users = plan.Tables.Single(t => t.Table.Name.ToString() == "public.users");
        Assert.Equal(ColumnAction.Generated, users.Columns.Single(c => c.Column.Name == "full_name").Action);
        Assert.IsType<ScrubRule>(users.Columns.Single(c => c.Column.Name == "notes").Rule);
        Assert.Equal(CopyMode.Passthrough, plan.Tables.Single(t => t.Table.Name.ToString() == "public.countries").Mode);
        Assert.Equal(CopyMode.Masked, plan.Tables.Single(t => t.Table.Name.ToString() == "public.events_2024").Mode);
    }

    [Fact]
    public void The_written_rules_carry_foreign_key_and_generated_column_comments()
    {
        var catalog = Shop();

        var text = RulesInitializer.Write("shop", catalog, [.. RulesInitializer.Suggest(catalog, Samples())]);

        Assert.Contains("      # customer_email: follows public.users.email (foreign key): masked the same way, no rule\n", text, StringComparison.Ordinal);
        Assert.Contains("      # full_name: generated: recomputed from the masked columns, no rule\n", text, StringComparison.Ordinal);
        Assert.Matches(@"\n  public\.countries: keep +# reviewed by devdbseed rules init", text);
    }

    [Fact]
    public void A_suggestion_that_cannot_fit_its_column_is_downgraded()
    {
        var catalog = Shop();

        var text = RulesInitializer.Write("shop", catalog, [.. RulesInitializer.Suggest(catalog, Samples())]);

        var lines = text.Split('\n');
        var line = lines.SkipWhile(l => l != "  public.short_codes:").First(l => l.StartsWith("      email:", StringComparison.Ordinal));
        Assert.DoesNotContain("internet.email", line.Split('#')[0], StringComparison.Ordinal);
        Assert.Contains("internet.email cannot fit", line, StringComparison.Ordinal);
        var rules = RulesLoader.Parse(text, "rules.yaml");
        var codes = Assert.IsType<ColumnsTableRule>(rules.Tables[Name("public.short_codes")]);
        Assert.IsNotType<FakeRule>(codes.Columns["email"].Masking);
        Planner.Plan(rules, catalog);
    }

    [Fact]
    public void Writing_is_deterministic()
    {
        var catalog = Shop();

        var first = RulesInitializer.Write("shop", catalog, [.. RulesInitializer.Suggest(catalog, Samples())]);
        var second = RulesInitializer.Write("shop", catalog, [.. RulesInitializer.Suggest(catalog, Samples())]);

        Assert.Equal(first, second);
    }

    [Fact]
    public void A_catalog_without_samples_is_judged_by_names_and_types()
    {
        var catalog = Shop();

        var suggestions = RulesInitializer.Suggest(catalog, new Dictionary<QualifiedName, TableSample>());
        var text = RulesInitializer.Write("shop", catalog, [.. suggestions]);

        Assert.Equal("internet.email", Rule(Table(suggestions, "public.users"), "email"));
        Assert.Equal("lorem.paragraph", Rule(Table(suggestions, "public.users"), "notes"));
        Assert.Contains("no personal data found in the names and types of its 2 columns", Table(suggestions, "public.countries").KeepReason, StringComparison.Ordinal);
        Planner.Plan(RulesLoader.Parse(text, "rules.yaml"), catalog);
    }

    private static DatabaseCatalog Shop()
    {
        var users = Tbl("public.users", [
            Col("id", Int4, notNull: true), Col("email", Varchar(100), notNull: true), Col("first_name", Text), Col("full_name", Text, generated: true),
            Col("notes", Text), Col("avatar", Bytea), Col("signature", Bytea, notNull: true), Col("last_ip", Inet), Col("created_at", TimestampTz),
            Col("status", Text), Col("profile", Jsonb),
        ], unique: [Key("id"), Key("email")], rows: 5000);
        var orders = Tbl("public.orders", [Col("id", Int4, notNull: true), Col("user_id", Int4), Col("customer_email", Varchar(100)), Col("total", new ColumnType("numeric(10,2)", TypeCategory.Numeric, Precision: 10, Scale: 2))],
            unique: [Key("id"), Key("customer_email")], fks: [Fk(["user_id"], "public.users", ["id"]), Fk(["customer_email"], "public.users", ["email"])], rows: 20000);
        var countries = Tbl("public.countries", [Col("code", new ColumnType("character(2)", TypeCategory.FixedChar, 2)), Col("name", Text)], rows: 250);
        var events = Tbl("public.events", [Col("id", Int4), Col("email", Text), Col("at", TimestampTz)], kind: TableKind.Partitioned, rows: 0);
        var events2024 = Tbl("public.events_2024", [Col("id", Int4), Col("email", Text), Col("at", TimestampTz)], kind: TableKind.Partition, root: "public.events", rows: 3000);
        var codes = Tbl("public.short_codes", [Col("id", Int4, notNull: true), Col("email", Varchar(5))], unique: [Key("email")], rows: 1000);
        var referrals = Tbl("public.referrals", [Col("id", Int4), Col("referrer_email", Varchar(100))], fks: [Fk(["referrer_email"], "public.orders", ["customer_email"])], rows: 10);
        return DevDbSeed.Tests.Support.Catalogs.Catalog(users, orders, countries, events, events2024, codes, referrals);
    }

    [Theory]
    [InlineData("schema_migrations")]
    [InlineData("__EFMigrationsHistory")]
    [InlineData("django_migrations")]
    [InlineData("flyway_schema_history")]
    [InlineData("databasechangelog")]
    [InlineData("alembic_version")]
    [InlineData("knex_migrations")]
    [InlineData("_prisma_migrations")]
    public void Framework_migration_tables_are_kept_whole_though_their_versions_look_like_phone_numbers(string table)
    {
        var catalog = Catalogs.Catalog(Tbl($"public.{table}", [Col("version", Varchar(255), notNull: true)], unique: [Key("version")]));
        var samples = new Dictionary<QualifiedName, TableSample>
        {
            [Name($"public.{table}")] = TableSamples.Of(catalog, $"public.{table}", 3, [("version", ["20240101120000", "20240215093000", "20240301101500"])]),
        };

        var suggestion = Assert.Single(RulesInitializer.Suggest(catalog, samples));

        Assert.StartsWith("the migration or metadata table of ", suggestion.KeepReason, StringComparison.Ordinal);
        Assert.All(suggestion.Columns, c => Assert.True(c.Suggestion!.IsKeep));
        var text = RulesInitializer.Write("shop", catalog, [.. RulesInitializer.Suggest(catalog, samples)]);
        Assert.Equal(CopyMode.Passthrough, Planner.Plan(RulesLoader.Parse(text, "init"), catalog).RuleTables.Single().Mode);
    }

    [Fact]
    public void A_table_called_migrations_is_a_framework_table_only_with_the_columns_of_one()
    {
        var laravel = Tbl("public.migrations", [Col("id", Int4), Col("migration", Text), Col("batch", Int4)]);
        var own = Tbl("public.migrations", [Col("id", Int4), Col("requested_by", Text)]);

        Assert.Equal("Laravel or TypeORM", DevDbSeed.Detection.FrameworkTables.Of(laravel));
        Assert.Null(DevDbSeed.Detection.FrameworkTables.Of(own));
    }

    private static Dictionary<QualifiedName, TableSample> Samples()
    {
        var catalog = Shop();
        var users = TableSamples.Of(catalog, "public.users", 4,
            ("email", ["jane@example.com", "john@example.org", "ann@example.net", "bob@example.io"]),
            ("first_name", ["Jane", "John", "Ann", "Bob"]),
            ("notes", ["call +44 20 7946 0958", "prefers jane.work@example.com", "vip", "late payer"]),
            ("status", ["active", "active", "inactive", "active"]));
        users.Json["profile"].Add("""{"contact": {"email": "jane@example.com"}, "plan": "pro"}""");
        users.Json["profile"].Add("""{"contact": {"email": "john@example.org"}, "plan": "free"}""");
        return new Dictionary<QualifiedName, TableSample>
        {
            [Name("public.users")] = users,
            [Name("public.countries")] = TableSamples.Of(catalog, "public.countries", 3, ("code", ["GB", "FR", "DE"]), ("name", ["United Kingdom", "France", "Germany"])),
            [Name("public.orders")] = TableSamples.Of(catalog, "public.orders", 2, ("customer_email", ["jane@example.com", "john@example.org"])),
        };
    }

    private static TableSuggestion Table(IEnumerable<TableSuggestion> suggestions, string name) => suggestions.Single(s => s.Table.ToString() == name);

    private static ColumnSuggestion Column(TableSuggestion table, string name) => table.Columns.Single(c => c.Column == name);

    private static string? Rule(TableSuggestion table, string column) => Column(table, column).Suggestion?.Rule;
}
