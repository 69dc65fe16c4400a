using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using DevDbSeed.IntegrationTests.Infrastructure;
using Npgsql;

namespace DevDbSeed.IntegrationTests.Scrubbing;

/// <summary>
/// <c>{ scrub: [email, phone, ip, card, iban] }</c> through a real run, on tricky free text: several items, quotes
/// and punctuation right against them, non-ASCII text, CR/LF and tabs, items at the start and end of lines. Each
/// item is replaced by a fake of its kind and everything around it arrives byte for byte; an e-mail gets the fake
/// a unique <c>internet.email</c> column gives it, wherever it is; scrub works inside a json path and inside each.
/// </summary>
public sealed partial class ScrubTests(ScrubTests.ScrubRun run) : IClassFixture<ScrubTests.ScrubRun>
{
    private const string Jane = "jane.doe@example.com";
    private const string Bob = "bob.smith@mail.example.org";

    /// <summary>The ticket bodies by id: literal text, and the items a scrub must replace.</summary>
    private static readonly Dictionary<int, Part[]> Bodies = new()
    {
        [1] =
        [
            T("Hi team,\n\""), Email(Jane), T("\", ("), Email(Bob), T("); call "), Phone("+44 20 7946 0958"), T(" or "), Phone("(555) 010-4477"),
            T(".\r\nCard: "), Card("4111 1111 1111 1111"), T(", IBAN: "), Iban("DE89 3704 0044 0532 0130 00"), T(". IPs: "), Ip("192.168.10.25"),
            T("/"), Ip("2001:db8::ff00:42:8329"), T(".\nZürich — naïve café ✓ «"), Email(Jane), T("»!\n\ttab\\backslash 'single' \"double\"\n"), Email(Bob),
        ],
        [2] = [Email(Jane), T(" wrote: IBAN "), Iban("GB82WEST12345698765432"), T(" — thanks! Tel. "), Phone("0171 2345678"), T("\n")],
        [3] =
        [
            T("Grüße aus Köln—"), Email("jürgen.müller@beispiel.de"), T("\n"), Ip("10.0.0.1"), T("\n"), Card("5555555555554444"),
            T("\n日本語のテキスト、"), Email(Jane), T("。"),
        ],
        [4] = [T("No personal data here: order 2024-05-17, 3 items at 19.99, ref #123456.\nZoë's \"café\" 100 % ✓")],
    };

    private static readonly Part[] Message = [T("Mail "), Email(Jane), T(" or ring "), Phone("+1 (555) 010-4477"), T(", thanks — Zoë")];

    private static readonly Part[][] Lines =
    [
        [T("Reach "), Email(Jane), T(" today")],
        [T("IP "), Ip("10.20.30.40"), T("; card "), Card("5555 5555 5555 4444")],
        [T("plain, \"quoted\" {braces} \\ back ✓")],
    ];

    private enum Kind
    {
        Text,
        Email,
        Phone,
        Card,
        Iban,
        Ip,
    }

    [Fact]
    public void The_run_succeeds_and_verify_finds_no_original_item()
    {
        Outputs.ExitCode(0, run.Result);
        Assert.Matches(VerifyClean(), run.Result.Output);
    }

    [Fact]
    public async Task Everything_around_the_items_arrives_byte_for_byte()
    {
        var target = await run.Databases.MapAsync(run.Target, "SELECT id::text, body FROM notes");
        foreach (var (id, parts) in Bodies)
        {
            Replacements(parts, target[id.ToString(System.Globalization.CultureInfo.InvariantCulture)]!, $"notes.body of row {id}");
        }
    }

    [Fact]
    public async Task No_original_item_is_left_in_any_column()
    {
        var originals = Bodies.Values.Concat([Message]).Concat(Lines).SelectMany(p => p).Where(p => p.Kind != Kind.Text).Select(p => p.Text).Distinct().ToList();
        var dump = await PgDump.DataAsync(run.Databases, run.Target);
        var source = await PgDump.DataAsync(run.Databases, run.Source);
        Assert.All(originals.Where(o => !o.Contains('\\', StringComparison.Ordinal)), o => Assert.Contains(o, source, StringComparison.Ordinal));
        var left = originals.Where(o => dump.Contains(o, StringComparison.Ordinal)).ToList();
        Assert.True(left.Count == 0, $"original items in the target: {string.Join(", ", left)}");
    }

    [Fact]
    public async Task Each_item_becomes_a_fake_of_its_own_kind()
    {
        var target = await run.Databases.MapAsync(run.Target, "SELECT id::text, body FROM notes");
        foreach (var (id, parts) in Bodies)
        {
            foreach (var (original, fake) in Replacements(parts, target[id.ToString(System.Globalization.CultureInfo.InvariantCulture)]!, $"notes.body of row {id}"))
            {
                AssertSameKind(original, fake);
            }
        }
    }

    [Fact]
    public async Task The_same_email_gets_the_same_fake_in_every_row_and_as_in_the_unique_email_column()
    {
        var authors = await run.Databases.MapAsync(run.Target, "SELECT id::text, email FROM authors");
        var expected = new Dictionary<string, string>(StringComparer.Ordinal) { [Jane] = authors["1"]!, [Bob] = authors["2"]! };
        Assert.DoesNotContain(Jane, expected.Values);
        Assert.NotEqual(expected[Jane], expected[Bob]);

        var found = new List<(string Where, string Original, string Fake)>();
        var bodies = await run.Databases.MapAsync(run.Target, "SELECT id::text, body FROM notes");
        foreach (var (id, parts) in Bodies)
        {
            found.AddRange(Replacements(parts, bodies[id.ToString(System.Globalization.CultureInfo.InvariantCulture)]!, $"row {id}").Select(r => ($"body {id}", r.Original, r.Fake)));
        }

        found.AddRange(Replacements(Message, await MessageAsync(), "doc").Select(r => ("doc", r.Original, r.Fake)));
        var lines = await LinesAsync();
        found.AddRange(Replacements(Lines[0], lines[0]!, "lines[1]").Select(r => ("lines[1]", r.Original, r.Fake)));

        var emails = found.Where(f => expected.ContainsKey(f.Original)).ToList();
        Assert.True(emails.Count >= 8, $"only {emails.Count} occurrences of the two e-mails");
        Assert.All(emails, e => Assert.True(e.Fake == expected[e.Original], $"{e.Where}: {e.Original} became {e.Fake}, the unique column made it {expected[e.Original]}"));
    }

    [Fact]
    public async Task Scrub_inside_a_json_path_replaces_the_items_and_leaves_the_other_members()
    {
        var message = await MessageAsync();
        foreach (var (original, fake) in Replacements(Message, message, "doc.message"))
        {
            AssertSameKind(original, fake);
        }

        Assert.Equal(
            await run.Databases.ColumnAsync(run.Source, "SELECT (doc - 'message')::text FROM notes WHERE id = 1"),
            await run.Databases.ColumnAsync(run.Target, "SELECT (doc - 'message')::text FROM notes WHERE id = 1"));
        Assert.Equal(
            await run.Databases.ColumnAsync(run.Source, "SELECT doc::text FROM notes WHERE id <> 1 ORDER BY id"),
            await run.Databases.ColumnAsync(run.Target, "SELECT doc::text FROM notes WHERE id <> 1 ORDER BY id"));
    }

    [Fact]
    public async Task Scrub_inside_each_replaces_the_items_of_every_element_and_keeps_the_rest()
    {
        var lines = await LinesAsync();
        Assert.Equal(Lines.Length + 1, lines.Length);
        for (var i = 0; i < Lines.Length; i++)
        {
            foreach (var (original, fake) in Replacements(Lines[i], lines[i]!, $"lines[{i + 1}]"))
            {
                AssertSameKind(original, fake);
            }
        }

        Assert.Null(lines[^1]);
    }

    /// <summary>
    /// Matches <paramref name="actual"/> against the parts: literal text exactly, each item as some replacement; returns
    /// (original item, its replacement) in order, and fails when the text around the items changed or an item was kept.
    /// </summary>
    private static List<(string Original, string Fake)> Replacements(Part[] parts, string actual, string where)
    {
        var pattern = new StringBuilder(@"\A");
        foreach (var part in parts)
        {
            pattern.Append(part.Kind switch
            {
                Kind.Text => Regex.Escape(part.Text),
                Kind.Email => @"(\S+?)",
                Kind.Phone => @"([+()0-9 .\-]+?)",
                Kind.Card => @"([0-9 \-]+?)",
                Kind.Iban => "([A-Z0-9 ]+?)",
                _ => "([0-9A-Fa-f:.]+?)",
            });
        }

        var match = Regex.Match(actual, pattern.Append(@"\z").ToString());
        var expected = string.Concat(parts.Select(p => p.Kind == Kind.Text ? p.Text : $"<{p.Kind}>"));
        Assert.True(match.Success, $"{where}: the text around the items changed\n--- expected (items in <>)\n{expected}\n--- actual\n{actual}");
        var items = parts.Where(p => p.Kind != Kind.Text).ToList();
        var replacements = items.Select((item, i) => (item.Text, match.Groups[i + 1].Value)).ToList();
        Assert.All(replacements, r => Assert.True(r.Text != r.Value, $"{where}: {r.Text} was not replaced\n{actual}"));
        return replacements;
    }

    private static void AssertSameKind(string original, string fake)
    {
        var kind = KindOf(original);
        switch (kind)
        {
            case Kind.Email:
                Assert.Matches(@"^[^@\s]+@[^@\s]+\.[A-Za-z]{2,}$", fake);
                break;
            case Kind.Phone:
                Assert.True(Shape(original) == Shape(fake), $"the phone {fake} does not keep the punctuation of {original}");
                if (original.StartsWith('+'))
                {
                    Assert.StartsWith(original[..original.IndexOf(' ', StringComparison.Ordinal)], fake, StringComparison.Ordinal);
                }

                break;
            case Kind.Card:
                Assert.True(Shape(original) == Shape(fake), $"the card {fake} does not keep the shape of {original}");
                Assert.Equal(original[0], fake[0]);
                Assert.True(Luhn(fake), $"the card {fake} is not Luhn-valid");
                break;
            case Kind.Iban:
                Assert.True(Shape(original) == Shape(fake), $"the IBAN {fake} does not keep the shape of {original}");
                Assert.Equal(original[..2], fake[..2]);
                Assert.True(IbanValid(fake), $"the IBAN {fake} has no valid checksum");
                break;
            default:
                Assert.True(IPAddress.TryParse(fake, out var address), $"{fake} is not an IP address");
                Assert.Equal(IPAddress.Parse(original).AddressFamily, address.AddressFamily);
                break;
        }
    }

    private static Kind KindOf(string original) =>
        Bodies.Values.Concat([Message]).Concat(Lines).SelectMany(p => p).First(p => p.Text == original && p.Kind != Kind.Text).Kind;

    private static string Shape(string text) => new([.. text.Select(c => char.IsAsciiDigit(c) ? '9' : char.IsAsciiLetter(c) ? 'A' : c)]);

    private static bool Luhn(string text)
    {
        var digits = text.Where(char.IsAsciiDigit).Select(c => c - '0').Reverse().ToList();
        return digits.Select((d, i) => i % 2 == 1 ? (d * 2 > 9 ? (d * 2) - 9 : d * 2) : d).Sum() % 10 == 0;
    }

    private static bool IbanValid(string text)
    {
        var compact = text.Replace(" ", string.Empty, StringComparison.Ordinal);
        var remainder = 0;
        foreach (var c in compact[4..] + compact[..4])
        {
            foreach (var digit in char.IsAsciiDigit(c) ? c.ToString() : (c - 'A' + 10).ToString(System.Globalization.CultureInfo.InvariantCulture))
            {
                remainder = ((remainder * 10) + (digit - '0')) % 97;
            }
        }

        return remainder == 1;
    }

    private async Task<string> MessageAsync() =>
        (await run.Databases.ColumnAsync(run.Target, "SELECT doc ->> 'message' FROM notes WHERE id = 1"))[0]!;

    private async Task<string?[]> LinesAsync()
    {
        await using var connection = await run.Databases.OpenAsync(run.Target);
        await using var command = new NpgsqlCommand("SELECT lines FROM notes WHERE id = 1", connection);
        return (string?[])(await command.ExecuteScalarAsync())!;
    }

    private static Part T(string text) => new(Kind.Text, text);

    private static Part Email(string text) => new(Kind.Email, text);

    private static Part Phone(string text) => new(Kind.Phone, text);

    private static Part Card(string text) => new(Kind.Card, text);

    private static Part Iban(string text) => new(Kind.Iban, text);

    private static Part Ip(string text) => new(Kind.Ip, text);

    [GeneratedRegex(@"verify: [\d,]+ original values .*: none found")]
    private static partial Regex VerifyClean();

    private sealed record Part(Kind Kind, string Text);

    /// <summary>Tickets with tricky free text, a JSON document and a text array, scrubbed once.</summary>
    public sealed class ScrubRun : MaskedOnce
    {
        protected override string TargetName => "notes_dev";

        protected override async Task<string> CreateSourceAsync()
        {
            var source = await Databases.CreateAsync("notes", """
                CREATE TABLE authors (id int PRIMARY KEY, email text NOT NULL UNIQUE);
                CREATE TABLE notes (id int PRIMARY KEY, body text, doc jsonb, lines text[]);
                """);
            await using (var connection = await Databases.OpenAsync(source))
            {
                await using var authors = new NpgsqlCommand("INSERT INTO authors VALUES (1, $1), (2, $2)", connection);
                authors.Parameters.Add(new NpgsqlParameter { Value = Jane });
                authors.Parameters.Add(new NpgsqlParameter { Value = Bob });
                await authors.ExecuteNonQueryAsync();
                foreach (var (id, parts) in Bodies)
                {
                    await using var insert = new NpgsqlCommand("INSERT INTO notes VALUES ($1, $2, $3::jsonb, $4)", connection);
                    insert.Parameters.Add(new NpgsqlParameter { Value = id });
                    insert.Parameters.Add(new NpgsqlParameter { Value = Join(parts) });
                    insert.Parameters.Add(new NpgsqlParameter
                    {
                        Value = id == 1
                            ? System.Text.Json.JsonSerializer.Serialize(new Dictionary<string, object> { ["message"] = Join(Message), ["kept"] = "Zürich ✓ \"quoted\"", ["n"] = 5 })
                            : id == 2 ? "{\"kept\": \"no message here\"}" : DBNull.Value,
                    });
                    insert.Parameters.Add(new NpgsqlParameter<string?[]>
                    {
                        TypedValue = id == 1 ? [.. Lines.Select(Join), null] : null,
                    });
                    await insert.ExecuteNonQueryAsync();
                }
            }

            Pipelines.Write("rules.yaml", """
                version: 1
                tables:
                  public.authors:
                    columns:
                      id: keep
                      email: internet.email
                  public.notes:
                    columns:
                      id: keep
                      body: { scrub: [email, phone, ip, card, iban] }
                      doc: { json: { message: { scrub: [email, phone] } } }
                      lines: { each: { scrub: all } }
                """);
            return source;
        }

        private static string Join(Part[] parts) => string.Concat(parts.Select(p => p.Text));
    }
}
