using DevDbSeed.Postgres.Connections;
using Npgsql;

namespace DevDbSeed.Tests.Postgres.Connections;

/// <summary>PostgreSQL's error texts as devdbseed prints, logs and records them: one line that names the problem, never a row's value.</summary>
public sealed class ErrorTextTests
{
    [Fact]
    public void A_parallel_restores_failure_is_the_workers_error_without_its_hint_context_or_row()
    {
        const string stderr = """
            pg_restore: error: COPY failed for table "people": ERROR:  date/time field value out of range: "31/12/1990"
            HINT:  Perhaps you need a different "datestyle" setting.
            CONTEXT:  SQL function "is_date" statement 1
            COPY people, line 1: "1	alice@real.example	31/12/1990"
            pg_restore: error: a worker process died unexpectedly

            """;

        Assert.Equal("COPY failed for table \"people\": ERROR: date/time field value out of range: (value withheld)", ErrorText.OfTool(stderr));
    }

    [Fact]
    public void A_constraint_that_fails_in_post_data_names_the_index_and_leaves_out_the_duplicated_key_and_the_command()
    {
        const string stderr = """
            pg_restore: error: could not execute query: ERROR:  could not create unique index "people_email_key"
            DETAIL:  Key (email)=(alice@real.example) is duplicated.
            Command was: ALTER TABLE ONLY public.people
                ADD CONSTRAINT people_email_key UNIQUE (email);
            """;

        Assert.Equal("could not execute query: ERROR: could not create unique index \"people_email_key\"", ErrorText.OfTool(stderr));
    }

    [Fact]
    public void Without_an_error_line_the_servers_error_is_the_reason_and_without_either_the_first_line()
    {
        Assert.Equal("ERROR: permission denied for table people", ErrorText.OfTool("pg_restore: [archiver (db)] ERROR:  permission denied for table people\nDETAIL: x\n"));
        Assert.Equal("input file is too short", ErrorText.OfTool("pg_restore: input file is too short\n"));
        Assert.Equal("a worker process died unexpectedly", ErrorText.OfTool("pg_restore: error: a worker process died unexpectedly\n"));
        Assert.Equal("no message", ErrorText.OfTool("\n"));
    }

    [Theory]
    [InlineData("invalid input syntax for type integer: \"abc\"", "invalid input syntax for type integer: (value withheld)")]
    [InlineData("invalid input value for enum mood: \"sad\"", "invalid input value for enum mood: (value withheld)")]
    [InlineData("value \"12345678901\" is out of range for type integer", "value (value withheld) is out of range for type integer")]
    [InlineData("malformed array literal: \"{1,\"a\" b\"}\"", "malformed array literal: (value withheld)")]
    [InlineData("Key (email)=(alice@real.example) is duplicated.", "Key (email)=(value withheld) is duplicated.")]
    [InlineData("invalid byte sequence for encoding \"UTF8\": 0xe9 0x65 0x40", "invalid byte sequence for encoding \"UTF8\": (value withheld)")]
    [InlineData("syntax error at or near \"alice\"", "syntax error at or near (value withheld)")]
    [InlineData("value too long for type character varying(5)", "value too long for type character varying(5)")]
    [InlineData("new row for relation \"people\" violates check constraint \"people_age_check\"", "new row for relation \"people\" violates check constraint \"people_age_check\"")]
    [InlineData("null value in column \"email\" of relation \"people\" violates not-null constraint", "null value in column \"email\" of relation \"people\" violates not-null constraint")]
    [InlineData("duplicate key value violates unique constraint \"people_email_key\"", "duplicate key value violates unique constraint \"people_email_key\"")]
    [InlineData("database \"dev\" is being accessed by other users", "database \"dev\" is being accessed by other users")]
    [InlineData("connection to server at \"127.0.0.1\", port 5432 failed", "connection to server at \"127.0.0.1\", port 5432 failed")]
    public void A_message_keeps_the_names_of_objects_and_withholds_the_values_it_quotes(string message, string safe) =>
        Assert.Equal(safe, ErrorText.WithoutValues(message));

    [Fact]
    public void A_server_error_is_described_by_its_message_with_values_withheld_and_never_its_detail_or_where()
    {
        var duplicate = new PostgresException("duplicate key value violates unique constraint \"people_email_key\"", "ERROR", "ERROR", "23505",
            "Key (email)=(alice@real.example) already exists.", null, 0, 0, null, "COPY people, line 1: \"1\talice@real.example\"",
            "public", "people", null, null, "people_email_key", null, null, null);
        var cast = new PostgresException("invalid input syntax for type integer: \"alice@real.example\"", "ERROR", "ERROR", "22P02");

        Assert.Equal("duplicate key value violates unique constraint \"people_email_key\" (23505)", Sessions.Describe(duplicate));
        Assert.Equal("invalid input syntax for type integer: (value withheld) (22P02)", Sessions.Describe(cast));
    }
}
