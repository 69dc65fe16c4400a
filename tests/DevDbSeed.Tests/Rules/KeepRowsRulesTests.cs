using DevDbSeed.Errors;
using DevDbSeed.Rules;
using DevDbSeed.Tests.Support;

namespace DevDbSeed.Tests.Rules;

/// <summary><c>keep_rows:</c> in a rules file: a non-empty SQL predicate, as a string, beside <c>columns:</c>; anything else is exit 2 at its line.</summary>
public sealed class KeepRowsRulesTests
{
    [Fact]
    public void A_table_with_columns_may_keep_the_rows_a_predicate_matches()
    {
        var rules = Load("""
              public.users:
                keep_rows: "email LIKE '%@our-team.example'"
                columns:
                  id: keep
                  email: internet.email
            """);

        var table = Assert.IsType<ColumnsTableRule>(rules.Tables[Catalogs.Name("public.users")]);
        Assert.Equal("email LIKE '%@our-team.example'", table.KeepRows!.Predicate);
        Assert.Equal(new SourceLocation("rules.yaml", 4, 16), table.KeepRows.Location);
        Assert.Equal(2, table.Columns.Count);
    }

    [Fact]
    public void Keep_rows_may_come_after_the_columns_and_be_written_without_quotes_or_over_several_lines()
    {
        var rules = Load("""
              public.users:
                columns:
                  id: keep
                  email: internet.email
                keep_rows: >-
                  id <= 3
                  OR email = 'qa@our-team.example'
            """);

        Assert.Equal("id <= 3 OR email = 'qa@our-team.example'", Assert.IsType<ColumnsTableRule>(rules.Tables[Catalogs.Name("public.users")]).KeepRows!.Predicate);
    }

    [Fact]
    public void A_table_without_keep_rows_keeps_no_rows_unmasked()
    {
        var rules = Load("""
              public.users:
                columns:
                  email: internet.email
            """);

        Assert.Null(Assert.IsType<ColumnsTableRule>(rules.Tables[Catalogs.Name("public.users")]).KeepRows);
    }

    [Theory]
    [InlineData("keep_rows: \"\"", "4:16:", "keep_rows of public.users is empty")]
    [InlineData("keep_rows: '   '", "4:16:", "keep_rows of public.users is empty")]
    [InlineData("keep_rows:", "4:", "must be an SQL predicate written as a string")]
    [InlineData("keep_rows: [id <= 3]", "4:16:", "must be an SQL predicate written as a string, e.g. keep_rows: \"id <= 3\" (a list found)")]
    [InlineData("keep_rows: { id: 3 }", "4:16:", "(a mapping found)")]
    [InlineData("keep_rows: true", "4:16:", "('true' is read as a boolean): put it in quotes if it is meant")]
    [InlineData("keep_rows: 42", "4:16:", "('42' is read as a number)")]
    [InlineData("keep_rows: \"id <= 3; DROP TABLE users\"", "4:16:", "holds ';': it must be one SQL expression, not statements")]
    [InlineData("keep_rows: \"id <= 3) OR (true\"", "4:16:", "closes a parenthesis it did not open")]
    [InlineData("keep_rows: \"(id <= 3\"", "4:16:", "leaves a parenthesis open")]
    [InlineData("keep_rows: \"name = 'x\"", "4:16:", "has a string, quoted name or comment that is not closed")]
    public void A_keep_rows_that_is_not_one_non_empty_predicate_is_refused_at_its_position(string entry, string at, string message)
    {
        var error = Assert.Throws<ConfigurationException>(() => Load($"""
              public.users:
                {entry}
                columns:
                  email: internet.email
            """));

        Assert.StartsWith($"rules.yaml:{at}", error.Message, StringComparison.Ordinal);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
        Assert.Equal(ExitCode.InvalidConfiguration, error.ExitCode);
    }

    [Fact]
    public void Keep_rows_without_columns_is_refused_at_its_key()
    {
        var error = Assert.Throws<ConfigurationException>(() => Load("""
              public.users:
                keep_rows: "id <= 3"
            """));

        Assert.Equal("rules.yaml:4:5: keep_rows of public.users needs columns: beside it (the rules of the rows it does not keep); "
            + "a table kept or emptied whole has no rows to pick", error.Message);
    }

    [Fact]
    public void Keep_rows_on_a_table_kept_or_emptied_whole_is_not_a_table_form()
    {
        var error = Assert.Throws<ConfigurationException>(() => Load("""
              public.users: keep
                keep_rows: "id <= 3"
            """));

        Assert.StartsWith("rules.yaml:", error.Message, StringComparison.Ordinal);
        Assert.Contains("invalid YAML", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("id <= 3")]
    [InlineData("note = 'a;b) (' AND \"odd;name\" IS NOT NULL")]
    [InlineData("note = 'it''s' OR note = $$x;)$$ OR note = $t$;$t$")]
    [InlineData("price$ > 1 AND id IN (1, 2, (3))")]
    [InlineData("id <= 3 -- our three test accounts; see the wiki)")]
    [InlineData("/* test accounts; ) */ id <= 3")]
    [InlineData("note = E'it\\'s; (' AND note <> E'a\\\\'")]
    public void A_predicate_that_stays_one_expression_is_accepted(string predicate)
    {
        Assert.Null(SqlPredicate.Problem(predicate));
    }

    [Theory]
    [InlineData("id <= 3; SELECT 1")]
    [InlineData("id <= 3) OR (1 = 1")]
    [InlineData("(id <= 3")]
    [InlineData("note = 'x")]
    [InlineData("\"unclosed = 1")]
    [InlineData("note = $$x")]
    [InlineData("/* id <= 3")]
    [InlineData("note = E'x\\'")]
    public void A_predicate_that_could_leave_its_parentheses_is_refused(string predicate)
    {
        Assert.NotNull(SqlPredicate.Problem(predicate));
    }

    [Theory]
    [InlineData("keep_rows: \"id <= 3\"", true)]
    [InlineData("keep_rows: \"\"", false)]
    [InlineData("keep_rows: 42", false)]
    [InlineData("keep_rows: [a]", false)]
    public void The_schema_and_the_parser_agree_on_keep_rows(string entry, bool valid)
    {
        var text = $"version: 1\ntables:\n  public.t:\n    {entry}\n    columns:\n      a: internet.email\n";

        Assert.Equal(valid, JsonSchemas.RulesErrors(text).Count == 0);
        Assert.Equal(valid, Parses(text));
    }

    [Fact]
    public void The_schema_refuses_keep_rows_without_columns_as_the_parser_does()
    {
        var text = "version: 1\ntables:\n  public.t:\n    keep_rows: \"id <= 3\"\n";

        Assert.NotEmpty(JsonSchemas.RulesErrors(text));
        Assert.False(Parses(text));
    }

    private static bool Parses(string text)
    {
        try
        {
            RulesLoader.Parse(text, "rules.yaml");
            return true;
        }
        catch (ConfigurationException)
        {
            return false;
        }
    }

    /// <summary>Rules with the given entries under <c>tables:</c> (indented by two, as in a file): the first entry is on line 3.</summary>
    private static RuleSet Load(string tables) => RulesLoader.Parse("version: 1\ntables:\n" + tables, "rules.yaml");
}
