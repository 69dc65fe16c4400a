using DevDbSeed.AfterScripts;
using DevDbSeed.Errors;
using DevDbSeed.Tests.Support;

namespace DevDbSeed.Tests.AfterScripts;

/// <summary>An after script is read before anything is copied: what cannot run is refused at once, and a server's error position names a line.</summary>
public sealed class AfterScriptTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void A_servers_error_position_in_a_statement_is_the_line_of_the_file()
    {
        var script = AfterScript.Parse("post.sql", "UPDATE staff SET password = 'x';\nUPDATE customer\n   SET email = nope\n WHERE true;\n");
        var second = script.Statements[1];

        Assert.Equal(3, script.LineOf(second, "UPDATE customer\n   SET email = ".Length + 1));
        Assert.Equal(2, script.LineOf(second, 0)); // no position: the statement's first line
        Assert.Equal(1, script.LineOf(script.Statements[0], 1));
    }

    [Fact]
    public void Positions_count_characters_as_postgresql_does_not_utf16_units()
    {
        var script = AfterScript.Parse("post.sql", "SELECT '😀😀😀',\n nope");

        Assert.Equal(2, script.LineOf(script.Statements[0], "SELECT '😀😀😀',\n ".Length - 3 + 1));
    }

    [Theory]
    [InlineData("BEGIN;\nUPDATE t SET a = 1;\nCOMMIT;", 1, "BEGIN")]
    [InlineData("UPDATE t SET a = 1;\ncommit;", 2, "COMMIT")]
    [InlineData("UPDATE t SET a = 1;\n\nROLLBACK;", 3, "ROLLBACK")]
    [InlineData("START TRANSACTION;", 1, "START")]
    public void Transaction_control_is_refused_at_its_line_because_each_script_is_one_transaction(string text, int line, string word)
    {
        var error = Assert.Throws<ConfigurationException>(() => AfterScript.Parse("post.sql", text));

        Assert.StartsWith($"post.sql:{line}: {word}: each after script runs in one transaction of its own", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Savepoints_and_rolling_back_to_one_are_allowed()
    {
        var script = AfterScript.Parse("post.sql", "SAVEPOINT a; UPDATE t SET x = 1; ROLLBACK TO SAVEPOINT a; RELEASE a;");

        Assert.Equal(4, script.Statements.Count);
    }

    [Fact]
    public void Psql_commands_and_copy_from_standard_input_are_refused_as_not_plain_sql()
    {
        var meta = Assert.Throws<ConfigurationException>(() => AfterScript.Parse("post.sql", "UPDATE t SET x = 1;\n\\set ON_ERROR_STOP on\n"));
        var copy = Assert.Throws<ConfigurationException>(() => AfterScript.Parse("post.sql", "COPY users (id) FROM stdin;"));

        Assert.Equal("post.sql:2: \\set is a psql command: an after script holds SQL statements only", meta.Message);
        Assert.StartsWith("post.sql:1: COPY from standard input", copy.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_file_is_an_error_where_the_pipeline_names_it()
    {
        var reference = new AfterScriptReference(Path.Combine(_dir.Root, "gone.sql"), "pipelines/gone.sql", new SourceLocation("pipelines/p.yaml", 4, 10));

        var error = Assert.Throws<ConfigurationException>(() => AfterScript.Read(reference));

        Assert.Equal(ExitCode.InvalidConfiguration, error.ExitCode);
        Assert.Equal("pipelines/p.yaml:4:10: after script pipelines/gone.sql does not exist", error.Message);
    }

    [Fact]
    public void The_shipped_example_script_holds_its_three_statements_and_nothing_refused()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Shipped", "pipelines", "after", "dev-accounts.sql");

        var script = AfterScript.Read(new AfterScriptReference(path, "pipelines/after/dev-accounts.sql", null));

        Assert.Equal(["insert", "insert", "delete"], script.Statements.Select(s => s.Words[0]));
    }

    [Fact]
    public void A_file_is_read_with_its_statements()
    {
        var path = _dir.Write("post.sql", "-- dev logins\nUPDATE staff SET password = 'x';\n");

        var script = AfterScript.Read(new AfterScriptReference(path, "post.sql", null));

        Assert.Equal("post.sql", script.DisplayPath);
        Assert.Equal(2, script.LineOf(Assert.Single(script.Statements), 1));
    }
}
