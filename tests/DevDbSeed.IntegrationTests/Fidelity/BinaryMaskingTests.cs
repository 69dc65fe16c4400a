using DevDbSeed.IntegrationTests.Infrastructure;

namespace DevDbSeed.IntegrationTests.Fidelity;

/// <summary>
/// A masked table whose masked columns can travel in binary COPY travels in binary; the same table with one more column set to a
/// constant date (any text the server might parse) travels as COPY text. The same rules over the same rows must write the same
/// values either way, byte for byte: special characters the text format escapes, padding, NULLs, empty strings, non-ASCII, json
/// and jsonb, a domain, citext, shifted dates (BC, leap days) and faked IP addresses.
/// </summary>
public sealed class BinaryMaskingTests : IAsyncLifetime
{
    private const string Columns =
        "id int PRIMARY KEY, t text, v varchar(40), c char(12), n name, j json, jb jsonb, d label, ci citext, at timestamptz, amount numeric(10,2), tags text[], born date, ip inet";

    private const string Compared = "id, t, v, c, n::text, j::text, jb::text, d::text, ci::text, at, amount, tags, born::text, ip::text";

    private const string Values = """
        (1, E'tab\there', E'a\tb@x.org', 'pad', 'first', '{"who": {"email": "line\nbreak \"q\" \\ é"}, "keep": 1}', '{"who": {"email": "k\t\\"}}', E'back\\slash', 'Zoë@Example.org', '2024-02-29 12:34:56.789+01', 12.50, ARRAY['a,b', E'e\\f', NULL]),
        (2, E'new\nline\r\n', E'two\n\nlines', E'\t', 'Łódź', '[]', '{}', E'\\N', E'MiXeD\tCase', '2020-01-01 00:00:00+00', 0, ARRAY[]::text[]),
        (3, '\N', '\N', '\N', '\N', '"\\N"', '["\\N"]', '\N', '\N', NULL, NULL, NULL),
        (4, '', '', '', '', '""', '""', '', '', '1999-12-31 23:59:59+00', -1.25, ARRAY['']),
        (5, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL),
        (6, 'Zoë 山田 🚀 Łódź ﬁ', '山田太郎@例え.jp', '山田 ', '山田', '{"who": {"email": "山田@例え.jp"}}', '{"who": {"email": "🚀"}}', '🚀 rocket', 'ﬁ', '2026-12-07 19:51:06+00', 99999999.99, ARRAY['山田']),
        (7, E'bell\x07 del\x7f', E'\\\\', E'\\', 'x', '{"who": {"email": "\u0007"}}', '{"who": {"email": "\u0007"}}', E'\x01', E'\\\\', '2000-01-01 00:00:00+00', 1, ARRAY[E'\x02']),
        (8, repeat(E'long\t\\N\n', 3000), repeat('y', 40), repeat('z', 12), repeat('n', 63), ('{"who": {"email": "' || repeat('e', 5000) || '"}}')::json, ('{"who": {"email": "e"}, "big": "' || repeat('b', 70000) || '"}')::jsonb, repeat('d', 9000), repeat('C', 300), '2010-06-15 08:00:00+00', 3.14, ARRAY[repeat('t', 3000)])
        """;

    private const string TableRules = """
            columns:
              id: keep
              t: { mask: { keep_last: 3, with: "#" } }
              v: internet.email
              c: { hash: { length: 8 } }
              n: keep
              j:
                json:
                  who.email: internet.email
              jb:
                json:
                  who.email: internet.email
              d: { mask: { keep_first: 2, with: "*" } }
              ci: internet.email
              at: keep
              amount: keep
              tags: keep
              born: { shift: { days: 30 } }
              ip: internet.ip

        """;

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
            _source = await _databases.CreateAsync("src", $$$"""
                CREATE EXTENSION citext;
                CREATE DOMAIN label AS text;
                CREATE TABLE in_binary ({{{Columns}}});
                INSERT INTO in_binary VALUES {{{Values}}};
                UPDATE in_binary SET born = CASE id WHEN 1 THEN '2024-02-29' WHEN 2 THEN '0044-03-15 BC' WHEN 3 THEN '1900-03-01' WHEN 5 THEN NULL ELSE date '1980-01-01' + id * 37 END,
                                     ip = CASE id WHEN 5 THEN NULL WHEN 2 THEN '2001:db8::1/64' WHEN 3 THEN '10.0.0.0/8' WHEN 4 THEN '::ffff:1.2.3.4' ELSE ('192.168.0.' || id)::inet END;
                CREATE TABLE in_text ({{{Columns}}}, other date);
                INSERT INTO in_text SELECT *, date '1990-05-17' + id FROM in_binary;
                INSERT INTO in_binary SELECT g, 'row ' || g, 'user' || g || '@example.org', 'c' || g, 'n' || (g % 50), ('{"who": {"email": "w' || g || '@example.org"}}')::json,
                       ('{"who": {"email": "w' || g || '@example.org"}}')::jsonb, 'label ' || (g % 7), 'CI' || g || '@Example.org', now(), g, ARRAY['t' || g],
                       date '1950-01-01' + g, ('10.' || (g / 65536) || '.' || (g / 256 % 256) || '.' || (g % 256))::inet
                FROM generate_series(100, 30099) g;
                INSERT INTO in_text SELECT *, date '1990-05-17' + id FROM in_binary WHERE id >= 100;
                """);
            _target = _databases.Name("dev");
            _pipelines.Write("rules.yaml", "version: 1\ntables:\n  public.in_binary:\n" + TableRules
                + "  public.in_text:\n" + TableRules + "      other: { set: \"2020-01-01\" }\n");
            _result = await Devdbseed.RunAsync("run", _pipelines.Pipeline(_databases.Uri(_source), _databases.Uri(_target)));
        });
    }

    public async Task DisposeAsync()
    {
        await _databases.DisposeAsync();
        _pipelines.Dispose();
    }

    [Fact]
    public async Task A_table_masked_in_binary_copy_holds_what_the_same_rules_write_through_copy_text_byte_for_byte()
    {
        Outputs.ExitCode(0, _result);
        var binary = await _databases.RowsAsync(_target, $"SELECT {Compared} FROM in_binary ORDER BY id");
        var text = await _databases.RowsAsync(_target, $"SELECT {Compared} FROM in_text ORDER BY id");
        Assert.Equal(30_008, binary.Count);
        Assert.Equal(binary.Count, text.Count);
        for (var i = 0; i < binary.Count; i++)
        {
            Assert.True(binary[i].SequenceEqual(text[i]), $"row {binary[i][0]} differs: binary [{string.Join("|", binary[i])}], text [{string.Join("|", text[i])}]");
        }

        Assert.Equal(await _databases.TableHashAsync(_target, $"(SELECT {Compared} FROM in_binary)"),
            await _databases.TableHashAsync(_target, $"(SELECT {Compared} FROM in_text)"));
    }

    [Fact]
    public async Task A_table_masked_in_binary_copy_changes_its_masked_values_and_keeps_the_others_and_its_nulls()
    {
        Outputs.ExitCode(0, _result);
        var source = await _databases.RowsAsync(_source, $"SELECT {Compared} FROM in_binary WHERE id < 100 ORDER BY id");
        var target = await _databases.RowsAsync(_target, $"SELECT {Compared} FROM in_binary WHERE id < 100 ORDER BY id");
        Assert.Equal(source.Count, target.Count);
        for (var i = 0; i < source.Count; i++)
        {
            for (var column = 0; column < source[i].Length; column++)
            {
                var kept = column is 0 or 4 or (>= 9 and <= 11);
                if (kept || source[i][column] is null)
                {
                    Assert.Equal(source[i][column], target[i][column]);
                }
            }
        }

        Assert.Equal(0, await _databases.ScalarAsync<long>(_target,
            "SELECT count(*) FROM in_binary WHERE id >= 100 AND (v = 'user' || id || '@example.org' OR ci::text = 'CI' || id || '@Example.org' OR jb->'who'->>'email' = 'w' || id || '@example.org')"));
    }
}
