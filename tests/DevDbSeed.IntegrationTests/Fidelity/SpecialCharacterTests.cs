using DevDbSeed.IntegrationTests.Infrastructure;

namespace DevDbSeed.IntegrationTests.Fidelity;

/// <summary>
/// Kept columns survive byte for byte, whatever they hold (the characters COPY text format escapes, non-ASCII, empty
/// strings and NULLs, arrays, json, bytea), both in a table copied as is and in a table whose other columns are masked.
/// </summary>
public sealed class SpecialCharacterTests : IAsyncLifetime
{
    private const string Columns = "body text, code varchar(60), tags text[], doc json, docb jsonb, blob bytea";
    private const string ColumnNames = "body, code, tags, doc, docb, blob";

    private const string Values = """
        (1, E'tab\there', E'a\tb', ARRAY['a,b', 'c"d', E'e\\f', NULL, '', 'NULL', '{x}', ' spaced '], '{"a": "line\nbreak \"q\" \\ \u00e9", "b": [1, null, "\\N"]}', '{"k": "\t\"\\"}', '\x00ff00010a0d5c'),
        (2, E'new\nline', E'two\n\nlines\n', ARRAY[E'new\nline', E'tab\t'], '[]', '{}', '\x00'),
        (3, E'carriage\rreturn\r\n', E'\r', ARRAY[E'\r\n'], '"just a string"', '"\\u0000 is not allowed but \\u0001 is"', ''),
        (4, E'back\\slash \\\\ double \\n not a newline', E'\\', ARRAY[E'\\\\'], '{"path": "C:\\\\Users\\\\zoë"}', '{"path": "C:\\\\Users"}', '\x5c4e'),
        (5, '\N', '\N', ARRAY['\N', 'N'], '"\\N"', '["\\N"]', '\x5c4e'),
        (6, E'\\.', E'\\.\n', ARRAY[E'\\.'], 'null', 'null', NULL),
        (7, 'single '' and double " quotes', '''"''', ARRAY['''', '"', '""'], '{"q": "''\""}', '{"q": "''\""}', '\x2722'),
        (8, 'Zoë 山田 🚀 Łódź ﬁ', '山田太郎', ARRAY['Zoë', '山田', '🚀'], '{"名前": "山田", "emoji": "🚀"}', '{"名前": "山田"}', '\xe5b1b1e794b0'),
        (9, '', '', ARRAY[]::text[], '""', '""', ''),
        (10, NULL, NULL, NULL, NULL, NULL, NULL),
        (11, E'bell\x07 and del\x7f and unit\x1f', E'\x01', ARRAY[E'\x02'], '{"c": "\u0007"}', '{"c": "\u0007"}', '\x0000000000'),
        (12, repeat(E'long\t\\N\n', 30000), repeat('x', 60), ARRAY[repeat('y', 3000)], '{}', '{}', decode(repeat('00ff', 4000), 'hex'))
        """;

    private static readonly string[] KeptColumns = ["body", "code", "tags", "doc", "docb", "encode(blob, 'hex')"];

    private readonly Pipelines _pipelines = new();
    private TestDatabases _databases = null!;
    private string _source = null!;
    private string _target = null!;
    private Devdbseed.Result _result = null!;

    public async Task InitializeAsync()
    {
        _databases = await TestDatabases.CreateAsync();
        await this.OrDisposeAsync(async () =>
        {
            _source = await _databases.CreateAsync("src", $"""
                CREATE TABLE kept (id int PRIMARY KEY, {Columns});
                INSERT INTO kept VALUES {Values};
                CREATE TABLE masked (id int PRIMARY KEY, email text, {Columns}, secret text);
                INSERT INTO masked (id, {ColumnNames}) VALUES {Values};
                UPDATE masked SET email = CASE id WHEN 9 THEN '' WHEN 10 THEN NULL ELSE E'user\t' || id || E'\\@mail\n.example' END,
                                  secret = CASE id WHEN 10 THEN NULL ELSE E'pa\tss\\word ' || id || E'\n' END;
                """);
            _target = _databases.Name("dev");
            _pipelines.Write("rules.yaml", """
                version: 1
                tables:
                  public.kept: keep
                  public.masked:
                    columns:
                      id: keep
                      email: internet.email
                      body: keep
                      code: keep
                      tags: keep
                      doc: keep
                      docb: keep
                      blob: keep
                      secret: { hash: { length: 16 } }
                """);
            _result = await Devdbseed.RunAsync("run", _pipelines.Pipeline(_databases.Uri(_source), _databases.Uri(_target)));
        });
    }

    public async Task DisposeAsync()
    {
        await _databases.DisposeAsync();
        _pipelines.Dispose();
    }

    [Fact]
    public async Task A_table_copied_as_is_keeps_every_value_byte_for_byte()
    {
        Outputs.ExitCode(0, _result);
        await AssertKeptAsync("kept");
    }

    [Fact]
    public async Task A_table_with_masked_columns_keeps_its_other_values_byte_for_byte()
    {
        Outputs.ExitCode(0, _result);
        await AssertKeptAsync("masked");
    }

    [Fact]
    public async Task Masked_columns_beside_special_characters_are_masked_and_nulls_stay_null()
    {
        Outputs.ExitCode(0, _result);
        var source = await _databases.RowsAsync(_source, "SELECT id, email, secret FROM masked ORDER BY id");
        var target = await _databases.RowsAsync(_target, "SELECT id, email, secret FROM masked ORDER BY id");
        Assert.Equal(12, target.Count);
        for (var i = 0; i < source.Count; i++)
        {
            Assert.Equal(source[i][0], target[i][0]);
            for (var column = 1; column <= 2; column++)
            {
                if (source[i][column] is null)
                {
                    Assert.Null(target[i][column]);
                }
                else if (source[i][column]!.Length > 0)
                {
                    Assert.NotEqual(source[i][column], target[i][column]);
                    Assert.DoesNotContain('\t', target[i][column]!);
                }
            }
        }

        Assert.Equal(16, await _databases.ScalarAsync<int>(_target, "SELECT max(char_length(secret)) FROM masked"));
    }

    private async Task AssertKeptAsync(string table)
    {
        foreach (var column in KeptColumns)
        {
            var sql = $"SELECT id, {column}, pg_column_size({column}) FROM {table} ORDER BY id";
            var source = await _databases.RowsAsync(_source, sql);
            var target = await _databases.RowsAsync(_target, sql);
            Assert.Equal(12, source.Count);
            Assert.Equal(source.Count, target.Count);
            for (var i = 0; i < source.Count; i++)
            {
                Assert.True(source[i].SequenceEqual(target[i]),
                    $"{table}.{column} of row {source[i][0]} differs: source [{Show(source[i][1])}], target [{Show(target[i][1])}]");
            }
        }

        Assert.Equal(await _databases.TableHashAsync(_source, $"(SELECT id, {string.Join(", ", KeptColumns)} FROM {table})"),
            await _databases.TableHashAsync(_target, $"(SELECT id, {string.Join(", ", KeptColumns)} FROM {table})"));
    }

    private static string Show(string? value) =>
        value is null ? "NULL" : value.Length > 80 ? value[..80].ReplaceLineEndings("⏎") + "…" : value.ReplaceLineEndings("⏎");
}
