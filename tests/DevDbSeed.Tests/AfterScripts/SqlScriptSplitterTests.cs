using DevDbSeed.AfterScripts;

namespace DevDbSeed.Tests.AfterScripts;

/// <summary>An after script is split into statements as psql splits it: only at semicolons that end a statement, each keeping where it starts.</summary>
public sealed class SqlScriptSplitterTests
{
    [Fact]
    public void Statements_are_split_at_semicolons_and_keep_where_they_start()
    {
        const string Script = "UPDATE users SET password = 'x';\n\n  INSERT INTO users VALUES (1);\nDELETE FROM tokens";

        var statements = SqlScriptSplitter.Split(Script);

        Assert.Equal(["UPDATE users SET password = 'x'", "INSERT INTO users VALUES (1)", "DELETE FROM tokens"], statements.Select(s => s.Text));
        Assert.All(statements, s => Assert.Equal(s.Text, Script.Substring(s.Start, s.Text.Length)));
        Assert.Equal(["update", "users", "set", "password"], statements[0].Words);
    }

    [Theory]
    [InlineData("SELECT 'a;b'; SELECT 2", "SELECT 'a;b'")]
    [InlineData("SELECT 'it''s; here'; SELECT 2", "SELECT 'it''s; here'")]
    [InlineData(@"SELECT E'a\';b'; SELECT 2", @"SELECT E'a\';b'")]
    [InlineData("SELECT \"odd;name\" FROM t; SELECT 2", "SELECT \"odd;name\" FROM t")]
    [InlineData("DO $$ BEGIN PERFORM 1; END $$; SELECT 2", "DO $$ BEGIN PERFORM 1; END $$")]
    [InlineData("DO $body$ BEGIN RAISE NOTICE '$$;'; END $body$; SELECT 2", "DO $body$ BEGIN RAISE NOTICE '$$;'; END $body$")]
    [InlineData("SELECT 1 -- not here;\n + 1; SELECT 2", "SELECT 1 -- not here;\n + 1")]
    [InlineData("SELECT /* a /* nested; */ comment; */ 1; SELECT 2", "SELECT /* a /* nested; */ comment; */ 1")]
    [InlineData("CREATE RULE r AS ON INSERT TO t DO (INSERT INTO u VALUES (1); INSERT INTO v VALUES (2)); SELECT 2",
        "CREATE RULE r AS ON INSERT TO t DO (INSERT INTO u VALUES (1); INSERT INTO v VALUES (2))")]
    [InlineData("SELECT $1::int, a$b FROM t; SELECT 2", "SELECT $1::int, a$b FROM t")]
    public void A_semicolon_inside_quotes_comments_dollar_quotes_or_parentheses_does_not_end_a_statement(string script, string first)
    {
        var statements = SqlScriptSplitter.Split(script);

        Assert.Equal([first, "SELECT 2"], statements.Select(s => s.Text));
    }

    [Fact]
    public void The_body_of_a_sql_standard_function_stays_in_its_create_statement_as_psql_keeps_it()
    {
        const string Function = """
            CREATE OR REPLACE FUNCTION dev_password() RETURNS text LANGUAGE sql
            BEGIN ATOMIC
              SELECT CASE WHEN true THEN 'x' ELSE 'y' END;
              SELECT 'z';
            END
            """;

        var statements = SqlScriptSplitter.Split(Function + ";\nSELECT dev_password();");

        Assert.Equal([Function, "SELECT dev_password()"], statements.Select(s => s.Text));
    }

    [Fact]
    public void Comments_and_blank_space_alone_are_no_statement()
    {
        Assert.Empty(SqlScriptSplitter.Split("-- nothing to do yet\n\n/* later */\n;;\n"));
    }
}
