using DevDbSeed.Detection;
using DevDbSeed.Errors;
using DevDbSeed.Masking.Transformers;
using DevDbSeed.Rules;
using static DevDbSeed.Tests.Support.Catalogs;

namespace DevDbSeed.Tests.Rules;

public sealed class RulesUpdaterTests
{
    /// <summary>What a person wrote: comments, blank lines, odd spacing, quoted keys, flow-style rules, a block-style rule.</summary>
    private const string HandWritten = """
        # Rules for the shop, reviewed by Ana on 2026-10-01.
        version: 1
        locale: en

        tables:
          # reference data
          public.countries:   keep
          "crm.Customer Accounts":
            columns:
              id: keep          # surrogate key
              "E-mail": { fake: internet.email, unique: true }
              display_name:
                template: "{{name.firstName}} {{name.lastName}}"
              # notes reviewed: nothing personal
              notes: keep

          public.audit_log: empty
          public.users:
            columns:
              id: keep
              email: internet.email   # people
        # end of the file
        """;

    [Fact]
    public void Adds_a_missing_table_and_column_and_keeps_every_original_line_identical()
    {
        var result = RulesUpdater.Update(HandWritten, "rules.yaml", [
            Columns("crm.Customer Accounts", ("id", null), ("E-mail", "internet.email"), ("display_name", "name.fullName"), ("notes", null), ("phone", "phone.phoneNumber")),
            Columns("public.payments", ("id", null), ("card_number", "{ mask: { keep_last: 4, with: \"#\" } }")),
            Kept("public.countries"),
            Kept("public.audit_log"),
            Columns("public.users", ("id", null), ("email", "internet.email")),
        ]);

        AssertKeepsEveryLine(HandWritten, result.Text);
        Assert.Equal(["crm.Customer Accounts.phone", "public.payments"], result.Added);
        Assert.Empty(result.Warnings);
        var rules = RulesLoader.Parse(result.Text, "rules.yaml");
        var accounts = Assert.IsType<ColumnsTableRule>(rules.Tables[Name("crm.Customer Accounts")]).Columns;
        Assert.Equal(["id", "E-mail", "display_name", "notes", "phone"], accounts.Keys);
        Assert.Equal("phone.phoneNumber", Assert.IsType<FakeRule>(accounts["phone"].Masking).Generator.Name);
        var payments = Assert.IsType<ColumnsTableRule>(rules.Tables[Name("public.payments")]).Columns;
        Assert.IsType<MaskRule>(payments["card_number"].Masking);
        Assert.True(payments["id"].IsKeep);
    }

    [Fact]
    public void A_new_column_goes_after_the_last_existing_column_of_its_table_with_the_same_indentation()
    {
        var result = RulesUpdater.Update(HandWritten, "rules.yaml", [Columns("crm.Customer Accounts", ("notes", null), ("phone", "phone.phoneNumber"))]);

        var lines = result.Text.Split('\n');
        var notes = Array.IndexOf(lines, "      notes: keep");
        Assert.StartsWith("      phone: phone.phoneNumber ", lines[notes + 1], StringComparison.Ordinal);
        Assert.EndsWith("# why phone", lines[notes + 1], StringComparison.Ordinal);
        Assert.Equal(HandWritten.Split('\n').Length + 1, lines.Length);
    }

    [Fact]
    public void New_tables_go_after_the_last_table_in_sorted_order()
    {
        var result = RulesUpdater.Update(HandWritten, "rules.yaml", [Kept("public.zzz"), Kept("api.first"), Kept("public.countries")]);

        var lines = result.Text.Split('\n');
        var email = Array.FindIndex(lines, l => l.StartsWith("      email: internet.email", StringComparison.Ordinal));
        Assert.StartsWith("  api.first: keep ", lines[email + 1], StringComparison.Ordinal);
        Assert.StartsWith("  public.zzz: keep ", lines[email + 2], StringComparison.Ordinal);
        Assert.Equal("# end of the file", lines[email + 3]);
        Assert.Equal(["api.first", "public.zzz"], result.Added);
        AssertKeepsEveryLine(HandWritten, result.Text);
    }

    [Fact]
    public void A_new_column_of_the_last_table_and_a_new_table_after_it_both_land_where_they_belong()
    {
        // Both insertions go after the same line (the last column of the last table): the column must stay in its
        // table, above the new table.
        var result = RulesUpdater.Update(HandWritten, "rules.yaml", [
            Columns("public.users", ("id", null), ("email", "internet.email"), ("phone", "phone.phoneNumber")),
            Kept("public.zebra"),
        ]);

        AssertKeepsEveryLine(HandWritten, result.Text);
        var rules = RulesLoader.Parse(result.Text, "rules.yaml");
        Assert.Contains("phone", Assert.IsType<ColumnsTableRule>(rules.Tables[Name("public.users")]).Columns.Keys);
        Assert.IsType<KeepTableRule>(rules.Tables[Name("public.zebra")]);
    }

    [Fact]
    public void A_new_column_of_the_last_table_stays_in_it_when_a_new_table_sorts_before_it()
    {
        // "api.first" sorts before "public.users" but, being new, goes after the last table, the same line as the column.
        var result = RulesUpdater.Update(HandWritten, "rules.yaml", [
            Kept("api.first"),
            Columns("public.users", ("id", null), ("email", "internet.email"), ("phone", "phone.phoneNumber")),
        ]);

        var lines = result.Text.Split('\n');
        var email = Array.FindIndex(lines, l => l.StartsWith("      email: internet.email", StringComparison.Ordinal));
        Assert.StartsWith("      phone: phone.phoneNumber ", lines[email + 1], StringComparison.Ordinal);
        Assert.StartsWith("  api.first: keep ", lines[email + 2], StringComparison.Ordinal);
        var rules = RulesLoader.Parse(result.Text, "rules.yaml");
        Assert.Contains("phone", Assert.IsType<ColumnsTableRule>(rules.Tables[Name("public.users")]).Columns.Keys);
        Assert.IsType<KeepTableRule>(rules.Tables[Name("api.first")]);
    }

    [Fact]
    public void A_complete_file_is_returned_unchanged()
    {
        var result = RulesUpdater.Update(HandWritten, "rules.yaml", [
            Columns("crm.Customer Accounts", ("id", null), ("E-mail", "internet.email"), ("display_name", "name.fullName"), ("notes", null)),
            Kept("public.countries"),
            Kept("public.audit_log"),
            Columns("public.users", ("id", null), ("email", "internet.email")),
        ]);

        Assert.Equal(HandWritten, result.Text);
        Assert.Empty(result.Added);
        Assert.Empty(result.Warnings);
    }

    [Fact]
    public void Columns_that_need_no_rule_are_not_added()
    {
        var result = RulesUpdater.Update(HandWritten, "rules.yaml", [
            new TableSuggestion(Name("public.users"), [
                new ColumnSuggestion("id", new Suggestion(null, "r")),
                new ColumnSuggestion("full_name", null, "generated: recomputed from the masked columns, no rule"),
                new ColumnSuggestion("referrer_email", null, "follows public.users.email (foreign key): masked the same way, no rule"),
            ], null),
        ]);

        Assert.Equal(HandWritten, result.Text);
        Assert.Empty(result.Added);
    }

    [Fact]
    public void Tables_kept_or_emptied_whole_get_warnings_for_personal_looking_columns_instead_of_lines()
    {
        var result = RulesUpdater.Update(HandWritten, "rules.yaml", [
            Columns("public.countries", ("code", null), ("contact_email", "internet.email")),
            Columns("public.audit_log", ("id", null), ("ip", "internet.ip")),
        ]);

        Assert.Equal(HandWritten, result.Text);
        Assert.Empty(result.Added);
        Assert.Equal(
            [
                "public.audit_log.ip: the table is empty as a whole, but why ip: review it",
                "public.countries.contact_email: the table is keep as a whole, but why contact_email: review it",
            ],
            result.Warnings);
    }

    [Fact]
    public void A_flow_style_tables_mapping_is_refused_with_file_line_and_column()
    {
        const string text = "version: 1\ntables: { public.a: keep }\n";

        var error = Assert.Throws<ConfigurationException>(() => RulesUpdater.Update(text, "rules/shop.yaml", [Kept("public.b")]));

        Assert.StartsWith("rules/shop.yaml:2:9: ", error.Message, StringComparison.Ordinal);
        Assert.Contains("flow-style", error.Message, StringComparison.Ordinal);
        Assert.Equal(ExitCode.InvalidConfiguration, error.ExitCode);
    }

    [Fact]
    public void A_flow_style_columns_mapping_is_refused_only_when_a_column_is_missing()
    {
        const string text = "version: 1\ntables:\n  public.a: keep\n  public.users:\n    columns: { id: keep, email: internet.email }\n";

        var complete = RulesUpdater.Update(text, "rules.yaml", [Columns("public.users", ("id", null), ("email", "internet.email"))]);
        var error = Assert.Throws<ConfigurationException>(() => RulesUpdater.Update(text, "rules.yaml", [Columns("public.users", ("id", null), ("phone", "phone.phoneNumber"))]));

        Assert.Equal(text, complete.Text);
        Assert.StartsWith("rules.yaml:5:14: ", error.Message, StringComparison.Ordinal);
        Assert.Contains("phone", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_table_named_without_its_schema_is_refused_with_file_line_and_column()
    {
        const string text = "version: 1\ntables:\n  users: keep\n";

        var error = Assert.Throws<ConfigurationException>(() => RulesUpdater.Update(text, "rules.yaml", [Kept("public.users")]));

        Assert.StartsWith("rules.yaml:3:3: ", error.Message, StringComparison.Ordinal);
        Assert.Contains("public.users", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_file_without_tables_is_refused()
    {
        var error = Assert.Throws<ConfigurationException>(() => RulesUpdater.Update("version: 1\n", "rules.yaml", [Kept("public.a")]));

        Assert.Contains("rules.yaml", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Windows_line_endings_of_the_original_lines_are_kept()
    {
        var text = "version: 1\r\ntables:\r\n  public.users:\r\n    columns:\r\n      id: keep\r\n";

        var result = RulesUpdater.Update(text, "rules.yaml", [Columns("public.users", ("id", null), ("email", "internet.email"))]);

        AssertKeepsEveryLine(text, result.Text);
        Assert.Contains("email", Assert.IsType<ColumnsTableRule>(RulesLoader.Parse(result.Text, "rules.yaml").Tables[Name("public.users")]).Columns.Keys);
        Assert.DoesNotMatch("[^\r]\n", result.Text); // the added lines end in \r\n too
    }

    [Fact]
    public void The_updated_text_is_what_the_writer_would_add()
    {
        var accounts = Columns("crm.Customer Accounts", ("id", null), ("phone", "phone.phoneNumber"));
        var payments = Kept("public.payments");

        var result = RulesUpdater.Update(HandWritten, "rules.yaml", [accounts, payments]);

        Assert.Contains(RulesWriter.Column(accounts.Columns[1], 6), result.Text, StringComparison.Ordinal);
        Assert.Contains(RulesWriter.Table(payments, 2), result.Text, StringComparison.Ordinal);
    }

    /// <summary>Every line of <paramref name="original"/> is in <paramref name="updated"/>, unchanged and in order; only whole lines were added.</summary>
    private static void AssertKeepsEveryLine(string original, string updated)
    {
        var before = original.Split('\n');
        var after = updated.Split('\n');
        var at = 0;
        foreach (var line in before)
        {
            while (at < after.Length && after[at] != line)
            {
                at++;
            }

            Assert.True(at < after.Length, $"the line '{line}' is missing or moved");
            at++;
        }
    }

    private static TableSuggestion Columns(string table, params (string Name, string? Rule)[] columns) =>
        new(Name(table), [.. columns.Select(c => new ColumnSuggestion(c.Name, new Suggestion(c.Rule, $"why {c.Name}")))], null);

    private static TableSuggestion Kept(string table) =>
        new(Name(table), [new ColumnSuggestion("id", new Suggestion(null, "nothing personal"))], "nothing personal");
}
