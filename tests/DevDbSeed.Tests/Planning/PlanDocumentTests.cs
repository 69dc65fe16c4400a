using System.Text.Json;
using DevDbSeed.Planning;
using DevDbSeed.Tests.Support;
using static DevDbSeed.Tests.Support.Catalogs;

namespace DevDbSeed.Tests.Planning;

/// <summary>The plan as a JSON document for tools: complete, stable, and saying what the plan's entries say.</summary>
public sealed class PlanDocumentTests
{
    [Fact]
    public void Every_table_the_rules_name_appears_by_name_in_ordinal_order_with_every_column_in_table_order()
    {
        foreach (var plan in new[] { Plans.Shop(), Mixed() })
        {
            using var document = JsonDocument.Parse(PlanDocument.Write(plan));

            var tables = document.RootElement.GetProperty("tables").EnumerateArray().ToList();
            Assert.Equal(plan.RuleTables.Select(t => t.Name.ToString()).Order(StringComparer.Ordinal), tables.Select(t => t.GetProperty("name").GetString()));
            foreach (var table in tables)
            {
                var entry = plan.RuleTable(Name(table.GetProperty("name").GetString()!));
                Assert.Equal(entry.Columns.Select(c => c.Column.Name), table.GetProperty("columns").EnumerateArray().Select(c => c.GetProperty("name").GetString()));
            }
        }
    }

    [Fact]
    public void The_after_scripts_are_listed_in_the_order_they_run_with_their_statements_and_none_without_them()
    {
        using var document = JsonDocument.Parse(PlanDocument.Write(Plans.Shop(), [new("after/accounts.sql", 3), new("after/hooks.sql", 1)]));
        using var without = JsonDocument.Parse(PlanDocument.Write(Plans.Shop()));

        var scripts = document.RootElement.GetProperty("afterScripts").EnumerateArray().ToList();
        Assert.Equal(["after/accounts.sql", "after/hooks.sql"], scripts.Select(s => s.GetProperty("file").GetString()));
        Assert.Equal([3, 1], scripts.Select(s => s.GetProperty("statements").GetInt32()));
        Assert.Equal(["file", "statements"], Properties(scripts[0]));
        Assert.Equal(0, without.RootElement.GetProperty("afterScripts").GetArrayLength());
    }

    [Fact]
    public void Two_writes_of_the_same_plan_and_of_two_plans_of_the_same_rules_give_the_same_text()
    {
        var plan = Plans.Shop();

        Assert.Equal(PlanDocument.Write(plan), PlanDocument.Write(plan));
        Assert.Equal(PlanDocument.Write(plan), PlanDocument.Write(Plans.Shop()));
    }

    [Fact]
    public void It_is_indented_json_with_newline_line_ends_and_the_documented_property_order()
    {
        var text = PlanDocument.Write(Mixed());

        Assert.DoesNotContain('\r', text);
        Assert.EndsWith("}\n", text, StringComparison.Ordinal);
        Assert.StartsWith("{\n  \"formatVersion\": 1,\n", text, StringComparison.Ordinal);
        using var document = JsonDocument.Parse(text);
        var root = document.RootElement;
        Assert.Equal(["formatVersion", "source", "locale", "rulesFiles", "counts", "tables", "views", "materializedViews", "afterScripts"], Properties(root));
        Assert.Equal(["database", "serverVersion"], Properties(root.GetProperty("source")));
        Assert.Equal(["path", "sha256"], Properties(root.GetProperty("rulesFiles")[0]));
        Assert.Equal(["tables", "masked", "passthrough", "emptied", "maskedColumns"], Properties(root.GetProperty("counts")));
        var table = root.GetProperty("tables")[0];
        Assert.Equal(["name", "mode", "estimatedRows", "partitions", "rowFilter", "subset", "sample", "comparedByKey", "columns", "keepRows"], Properties(table));
        Assert.Equal(["blockSampled"], Properties(table.GetProperty("sample")));
        var column = Column(document, "public.users", "email");
        Assert.Equal(["name", "type", "action", "rule", "kind", "follows", "fitLength", "unique", "verification"], Properties(column));
        Assert.Equal(["method", "digits", "bits", "checked", "how"], Properties(column.GetProperty("unique")));
        Assert.Equal(["originals", "parts", "comparedByKey", "search"], Properties(column.GetProperty("verification")));
    }

    [Fact]
    public void The_source_rules_files_and_counts_are_the_plans()
    {
        var plan = Mixed();
        using var document = JsonDocument.Parse(PlanDocument.Write(plan));
        var root = document.RootElement;

        Assert.Equal(PlanDocument.FormatVersion, root.GetProperty("formatVersion").GetInt32());
        Assert.Equal("shop", root.GetProperty("source").GetProperty("database").GetString());
        Assert.Equal(170000, root.GetProperty("source").GetProperty("serverVersion").GetInt32());
        Assert.Equal("en", root.GetProperty("locale").GetString());
        Assert.Equal(plan.Rules.Files[0].Sha256, root.GetProperty("rulesFiles")[0].GetProperty("sha256").GetString());
        var counts = root.GetProperty("counts");
        Assert.Equal([5, 2, 2, 1, 5], Properties(counts).Select(p => counts.GetProperty(p).GetInt32()));
        Assert.Equal(["public.active_users"], root.GetProperty("views").EnumerateArray().Select(v => v.GetString()));
        Assert.Equal(["public.user_stats"], root.GetProperty("materializedViews").EnumerateArray().Select(v => v.GetString()));
    }

    [Fact]
    public void A_short_unique_hash_says_its_method_bits_and_that_it_is_checked_after_the_load_in_the_plans_words()
    {
        var plan = Plans.Shop();
        var code = plan.RuleTable(Name("public.users")).Column("code");
        using var document = JsonDocument.Parse(PlanDocument.Write(plan));

        var json = Column(document, "public.users", "code");

        Assert.Equal("mask", json.GetProperty("action").GetString());
        Assert.Equal("hash", json.GetProperty("kind").GetString());
        Assert.Equal(code.Rule!.Describe(true), json.GetProperty("rule").GetString());
        var unique = json.GetProperty("unique");
        Assert.Equal("keyedHash", unique.GetProperty("method").GetString());
        Assert.Equal(Math.Round(code.Uniqueness!.Bits, 2), unique.GetProperty("bits").GetDouble());
        Assert.True(unique.GetProperty("checked").GetBoolean());
        Assert.Equal(code.Uniqueness.Describe(null), unique.GetProperty("how").GetString());
        Assert.Equal("keyed hash (20 bits); checked after the load, collisions repaired", unique.GetProperty("how").GetString());
    }

    [Fact]
    public void A_column_following_a_foreign_key_names_what_it_follows_and_is_not_checked_itself()
    {
        var plan = Plans.Shop();
        var follower = plan.RuleTable(Name("public.orders")).Column("customer_email");
        using var document = JsonDocument.Parse(PlanDocument.Write(plan));

        var json = Column(document, "public.orders", "customer_email");

        Assert.Equal("public.users.email", json.GetProperty("follows").GetString());
        Assert.Equal("fake", json.GetProperty("kind").GetString());
        Assert.Equal(100, json.GetProperty("fitLength").GetInt32());
        Assert.False(json.GetProperty("unique").GetProperty("checked").GetBoolean());
        Assert.Equal(follower.Uniqueness!.Describe("public.users.email"), json.GetProperty("unique").GetProperty("how").GetString());
        Assert.True(json.GetProperty("verification").GetProperty("comparedByKey").GetBoolean());
    }

    [Fact]
    public void A_partitioned_table_lists_its_partitions_and_their_rows_and_is_read_from_the_start()
    {
        using var document = JsonDocument.Parse(PlanDocument.Write(Plans.Shop()));

        var events = Table(document, "public.events");

        Assert.Equal("masked", events.GetProperty("mode").GetString());
        Assert.Equal(["public.events_2024", "public.events_2025"], events.GetProperty("partitions").EnumerateArray().Select(p => p.GetString()));
        Assert.Equal(700, events.GetProperty("estimatedRows").GetInt64());
        Assert.False(events.GetProperty("sample").GetProperty("blockSampled").GetBoolean());
        Assert.Equal(JsonValueKind.Null, events.GetProperty("comparedByKey").ValueKind);
        Assert.Equal(JsonValueKind.Null, events.GetProperty("rowFilter").ValueKind);
        Assert.Equal(JsonValueKind.Null, events.GetProperty("subset").ValueKind);
        Assert.Empty(Table(document, "public.users").GetProperty("partitions").EnumerateArray());
        Assert.Equal(["id"], Table(document, "public.users").GetProperty("comparedByKey").EnumerateArray().Select(k => k.GetString()));
    }

    [Fact]
    public void Kept_generated_and_emptied_columns_have_no_rule_and_the_modes_are_named()
    {
        using var document = JsonDocument.Parse(PlanDocument.Write(Mixed()));

        var id = Column(document, "public.users", "id");
        Assert.Equal("keep", id.GetProperty("action").GetString());
        Assert.All(new[] { "rule", "kind", "follows", "fitLength", "unique" }, p => Assert.Equal(JsonValueKind.Null, id.GetProperty(p).ValueKind));
        Assert.Equal("generated", Column(document, "public.users", "full_name").GetProperty("action").GetString());
        Assert.Equal("emptied", Table(document, "public.audit").GetProperty("mode").GetString());
        Assert.Equal("keep", Column(document, "public.audit", "actor").GetProperty("action").GetString());
        Assert.Equal("passthrough", Table(document, "public.tags").GetProperty("mode").GetString());
    }

    [Fact]
    public void Each_column_says_what_the_runs_verification_does_with_it()
    {
        using var document = JsonDocument.Parse(PlanDocument.Write(Mixed()));

        var email = Column(document, "public.users", "email").GetProperty("verification");
        Assert.True(email.GetProperty("originals").GetBoolean());
        Assert.Empty(email.GetProperty("parts").EnumerateArray());
        Assert.True(email.GetProperty("comparedByKey").GetBoolean());
        Assert.Equal("wholeValue", email.GetProperty("search").GetString());
        var profile = Column(document, "public.users", "profile").GetProperty("verification");
        Assert.Equal(["contact.email", "contact.phone"], profile.GetProperty("parts").EnumerateArray().Select(p => p.GetString()));
        Assert.Equal("none", profile.GetProperty("search").GetString()); // kept members of a new database are the source's
        Assert.Equal("none", Column(document, "public.users", "full_name").GetProperty("verification").GetProperty("search").GetString()); // generated from checked columns
        Assert.Equal(["scrub:email"], Column(document, "public.users", "notes").GetProperty("verification").GetProperty("parts").EnumerateArray().Select(p => p.GetString()));
        Assert.Equal("words", Column(document, "public.users", "notes").GetProperty("verification").GetProperty("search").GetString());
        Assert.False(Column(document, "public.users", "id").GetProperty("verification").GetProperty("originals").GetBoolean());
        var avatar = Column(document, "public.users", "avatar").GetProperty("verification");
        Assert.False(avatar.GetProperty("originals").GetBoolean()); // bytea: its text form identifies nobody
        Assert.True(avatar.GetProperty("comparedByKey").GetBoolean());
    }

    private static PipelinePlan Mixed()
    {
        var catalog = Catalogs.Catalog(
            Tbl("public.users", [
                Col("id", Int4, notNull: true), Col("email", Varchar(100), notNull: true), Col("full_name", Text, generated: true), Col("notes", Text),
                Col("profile", Jsonb), Col("avatar", Bytea),
            ], unique: [Key("id"), Key("email")], rows: 500),
            Tbl("public.orders", [Col("id", Int4, notNull: true), Col("customer_email", Varchar(100))],
                unique: [Key("id")], fks: [Fk(["customer_email"], "public.users", ["email"])], rows: 900),
            Tbl("public.tags", [Col("label", Text)], rows: 5),
            Tbl("public.countries", [Col("code", Text), Col("name", Text)], rows: 250),
            Tbl("public.audit", [Col("id", Int4), Col("actor", Text)], rows: 50)) with
        {
            Views = [Name("public.active_users")],
            MaterializedViews = [Name("public.user_stats")],
        };
        return Planner.Plan(Plans.Rules("""
            public.users:
              columns:
                id: keep
                email: internet.email
                notes: { scrub: [email] }
                profile: { json: { contact.email: internet.email, contact.phone: phone.phoneNumber } }
                avatar: null
            public.orders:
              columns:
                id: keep
            public.tags: keep
            public.countries: keep
            public.audit: empty

            """), catalog);
    }

    private static List<string> Properties(JsonElement element) => [.. element.EnumerateObject().Select(p => p.Name)];

    private static JsonElement Table(JsonDocument document, string name) =>
        document.RootElement.GetProperty("tables").EnumerateArray().Single(t => t.GetProperty("name").GetString() == name);

    private static JsonElement Column(JsonDocument document, string table, string column) =>
        Table(document, table).GetProperty("columns").EnumerateArray().Single(c => c.GetProperty("name").GetString() == column);
}
