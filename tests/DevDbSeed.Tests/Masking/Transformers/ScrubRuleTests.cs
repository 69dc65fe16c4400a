using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using DevDbSeed.Catalog;
using DevDbSeed.Detection;
using DevDbSeed.Errors;
using DevDbSeed.Masking;
using DevDbSeed.Masking.Transformers;
using DevDbSeed.Tests.Support;

namespace DevDbSeed.Tests.Masking.Transformers;

public sealed class ScrubRuleTests
{
    private static readonly ColumnType TextArray = new("text[]", TypeCategory.Array, Element: ColumnType.Text);
    private static readonly ColumnType Jsonb = new("jsonb", TypeCategory.Jsonb);

    [Fact]
    public void Replaces_each_item_and_keeps_the_rest_of_the_text_byte_for_byte()
    {
        const string ticket = "Hello team,\r\n\tmy e-mail is «jane.doe@example.com»; phone: +44 20 7946 0958 (evenings).\n"
            + "Paid with 4111 1111 1111 1111 — refund to \"GB82 WEST 1234 5698 7654 32\", please!\n"
            + "Logged in from 192.168.1.10 and 2001:db8::8a2e:370:7334 \\ C:\\temp\\x 😀 Zoë 日本語 \u00a0end.\n";

        var masked = Masks.Transformer("{ scrub: all }").Apply(ticket)!;

        Assert.Equal(Expected(ticket, PiiKind.All), masked);
        foreach (var item in new[] { "jane.doe@example.com", "7946 0958", "4111 1111 1111 1111", "GB82 WEST 1234 5698 7654 32", "192.168.1.10", "2001:db8::8a2e:370:7334" })
        {
            Assert.DoesNotContain(item, masked, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("")]
    [InlineData("No personal data here, only order #12345678 of 2024-03-15 at 10:30 for $1,299.00.")]
    [InlineData("tabs\tand\nnewlines\r\n, quotes \" ' and backslashes \\ stay")]
    [InlineData("non-ASCII: Zoë, 日本語, 😀, \u0301 combining")]
    public void Text_without_items_is_copied_unchanged(string text) =>
        Assert.Equal(text, Masks.Transformer("{ scrub: all }").Apply(text));

    [Fact]
    public void A_long_run_of_address_characters_is_searched_in_time_and_its_items_replaced()
    {
        var text = "Zoë " + new string('a', 200_000) + "@b and a.b.c.d." + new string('c', 50_000) + " +44 20 7946 0958 😀";

        Assert.True(PiiDetector.TryFind(text, PiiKind.All, out var matches));
        var masked = Masks.Transformer("{ scrub: all }").Apply(text)!;

        Assert.Equal(PiiKind.Phone, Assert.Single(matches).Kind);
        Assert.DoesNotContain("7946 0958", masked, StringComparison.Ordinal);
        Assert.StartsWith("Zoë aaaa", masked, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_occurrence_of_an_item_gets_the_same_fake()
    {
        var masked = Masks.Transformer("{ scrub: [email] }").Apply("jane@example.com wrote: cc jane@example.com, not JANE@example.com")!;

        var fake = Masks.Transformer("{ scrub: [email] }").Apply("jane@example.com")!;
        Assert.StartsWith($"{fake} wrote: cc {fake}, not ", masked, StringComparison.Ordinal);
        Assert.DoesNotContain("JANE@example.com", masked, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("jane.doe@example.com")]
    [InlineData("john+tag@mail.example.co.uk")]
    [InlineData("jürgen.müller@beispiel.de")]
    public void An_e_mail_maps_exactly_like_a_unique_internet_email_column(string email)
    {
        var column = Masks.Transformer("{ fake: internet.email, unique: true }", unique: true).Apply(email);

        Assert.Equal($"Contact {column} today", Masks.Transformer("{ scrub: [email] }").Apply($"Contact {email} today"));
        Assert.Equal(column, Masks.Transformer("internet.email", unique: true).Apply(email));
    }

    [Fact]
    public void Fakes_are_deterministic_under_the_secret_and_change_with_it()
    {
        const string text = "jane@example.com +44 20 7946 0958 10.0.0.1 4111 1111 1111 1111 NL91ABNA0417164300";

        var first = Masks.Transformer("{ scrub: all }").Apply(text);
        var again = Masks.Transformer("{ scrub: all }").Apply(text);
        var otherSecret = Masks.Transformer("{ scrub: all }", secret: "another-secret").Apply(text)!;

        Assert.Equal(first, again);
        var items = PiiDetector.Find(text);
        var mine = PiiDetector.Find(first!);
        var theirs = PiiDetector.Find(otherSecret);
        Assert.Equal(items.Select(i => i.Kind), mine.Select(i => i.Kind));
        Assert.Equal(items.Select(i => i.Kind), theirs.Select(i => i.Kind));
        Assert.All(mine.Zip(theirs), pair => Assert.NotEqual(first!.Substring(pair.First.Start, pair.First.Length), otherSecret.Substring(pair.Second.Start, pair.Second.Length)));
    }

    [Fact]
    public void The_same_item_gets_the_same_fake_in_any_text()
    {
        var scrub = Masks.Transformer("{ scrub: all }");
        var alone = scrub.Apply("+44 20 7946 0958");

        Assert.Equal($"call {alone} now", scrub.Apply("call +44 20 7946 0958 now"));
        Assert.Equal($"{alone}", Masks.Transformer("{ scrub: [phone] }").Apply("+44 20 7946 0958"));
        Assert.Equal($"Tel.: {alone}.", Masks.Transformer("{ scrub: [phone, email] }").Apply("Tel.: +44 20 7946 0958."));
    }

    [Theory]
    [InlineData("+44 20 7946 0958", 2)]
    [InlineData("+44 (0)20 7946 0958", 2)]
    [InlineData("+1 (555) 123-4567", 1)]
    [InlineData("+1-555-123-4567", 1)]
    [InlineData("+1 (555) 123-4567 x123", 1)]
    [InlineData("+7 495 123-45-67", 1)]
    [InlineData("+353 87 123 4567", 3)]
    [InlineData("020 7946 0958", 0)]
    [InlineData("(555) 123-4567", 0)]
    [InlineData("555.123.4567", 0)]
    [InlineData("06 12 34 56 78", 0)]
    public void Phones_keep_their_punctuation_and_their_country_code(string phone, int countryDigits)
    {
        var masked = Masks.Transformer("{ scrub: [phone] }").Apply(phone)!;

        Assert.Equal(phone.Length, masked.Length);
        Assert.Equal(Shape(phone), Shape(masked));
        if (countryDigits > 0)
        {
            Assert.Equal(phone[..(countryDigits + 1)], masked[..(countryDigits + 1)]);
        }

        Assert.NotEqual(Digits(phone), Digits(masked));
        Assert.True(PiiDetector.IsWhole(masked, PiiKind.Phone), $"'{masked}' is still a phone number");
    }

    [Fact]
    public void A_compact_international_number_keeps_at_least_the_first_digit_of_its_country_code()
    {
        // "+15551234567": without a separator the tool cannot know whether the code is 1, 15 or 155 digits long,
        // but a country code never starts with 0 and its first digit is certainly part of it.
        var masked = Masks.Transformer("{ scrub: [phone] }").Apply("+15551234567")!;

        Assert.StartsWith("+1", masked, StringComparison.Ordinal);
        Assert.Equal(12, masked.Length);
    }

    [Theory]
    [InlineData("4111 1111 1111 1111")]
    [InlineData("4111-1111-1111-1111")]
    [InlineData("4111111111111111")]
    [InlineData("5555 5555 5555 4444")]
    [InlineData("3782 822463 10005")]
    [InlineData("6011111111111117")]
    public void Cards_stay_luhn_valid_with_their_first_digit_and_separators(string card)
    {
        var masked = Masks.Transformer("{ scrub: [card] }").Apply($"card: {card}, thanks")!;

        Assert.StartsWith("card: ", masked, StringComparison.Ordinal);
        Assert.EndsWith(", thanks", masked, StringComparison.Ordinal);
        var fake = masked["card: ".Length..^", thanks".Length];
        Assert.Equal(Shape(card), Shape(fake));
        Assert.Equal(card[0], fake[0]);
        Assert.NotEqual(Digits(card), Digits(fake));
        Assert.True(Checksums.Luhn(fake), $"'{fake}' passes Luhn");
        Assert.True(PiiDetector.IsWhole(fake, PiiKind.Card));
    }

    [Theory]
    [InlineData("DE89 3704 0044 0532 0130 00")]
    [InlineData("DE89370400440532013000")]
    [InlineData("GB82 WEST 1234 5698 7654 32")]
    [InlineData("GB82WEST12345698765432")]
    [InlineData("FR14 2004 1010 0505 0001 3M02 606")]
    [InlineData("NL91ABNA0417164300")]
    public void Ibans_keep_their_country_and_get_a_valid_checksum(string iban)
    {
        var masked = Masks.Transformer("{ scrub: [iban] }").Apply($"IBAN {iban}, thanks")!;

        var fake = masked["IBAN ".Length..^", thanks".Length];
        Assert.Equal($"IBAN {fake}, thanks", masked);
        Assert.Equal(iban.Length, fake.Length);
        Assert.Equal(iban[..2], fake[..2]);
        Assert.Equal(iban.Select(c => c == ' '), fake.Select(c => c == ' '));
        Assert.NotEqual(iban[4..], fake[4..]);
        Assert.True(Checksums.Mod97(fake), $"'{fake}' passes mod 97");
        Assert.True(PiiDetector.IsWhole(fake, PiiKind.Iban));
    }

    [Theory]
    [InlineData("My card is 4111 1111 1111 1111.", "4111 1111 1111 1111")]
    [InlineData("Card: 4111111111111111.", "4111111111111111")]
    [InlineData("It was logged from 192.168.1.10.", "192.168.1.10")]
    [InlineData("IP 8.8.8.8.\nNext line", "8.8.8.8")]
    public void Items_at_the_end_of_a_sentence_are_replaced(string text, string item)
    {
        var masked = Masks.Transformer("{ scrub: all }").Apply(text)!;

        Assert.DoesNotContain(item, masked, StringComparison.Ordinal);
        var at = text.IndexOf(item, StringComparison.Ordinal);
        Assert.StartsWith(text[..at], masked, StringComparison.Ordinal);
        Assert.EndsWith(text[(at + item.Length)..], masked, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("192.168.1.10", AddressFamily.InterNetwork)]
    [InlineData("8.8.8.8", AddressFamily.InterNetwork)]
    [InlineData("2001:db8::8a2e:370:7334", AddressFamily.InterNetworkV6)]
    [InlineData("::1", AddressFamily.InterNetworkV6)]
    public void Ip_addresses_become_addresses_of_the_same_family(string ip, AddressFamily family)
    {
        var masked = Masks.Transformer("{ scrub: [ip] }").Apply($"from {ip} at noon")!;

        var fake = masked["from ".Length..^" at noon".Length];
        Assert.NotEqual(ip, fake);
        Assert.True(IPAddress.TryParse(fake, out var address), $"'{fake}' is an address");
        Assert.Equal(family, address.AddressFamily);
    }

    [Theory]
    [InlineData("[email]", PiiKind.Email)]
    [InlineData("[phone]", PiiKind.Phone)]
    [InlineData("[ip]", PiiKind.Ip)]
    [InlineData("[card]", PiiKind.Card)]
    [InlineData("[iban]", PiiKind.Iban)]
    [InlineData("[email, phone]", PiiKind.Email | PiiKind.Phone)]
    [InlineData("[card, iban, ip]", PiiKind.Card | PiiKind.Iban | PiiKind.Ip)]
    [InlineData("all", PiiKind.All)]
    [InlineData("[email, phone, ip, card, iban]", PiiKind.All)]
    public void Only_the_listed_kinds_are_replaced(string kinds, PiiKind expected)
    {
        const string text = "jane@example.com, +44 20 7946 0958, 10.0.0.1, 4111 1111 1111 1111, NL91ABNA0417164300";

        var rule = Assert.IsType<ScrubRule>(Masks.Rule($"{{ scrub: {kinds} }}"));
        var masked = Masks.Transformer($"{{ scrub: {kinds} }}").Apply(text);

        Assert.Equal(expected, rule.Kinds);
        Assert.Equal(Expected(text, expected), masked);
    }

    [Fact]
    public void All_is_the_same_rule_as_the_full_list()
    {
        var all = Masks.Rule("{ scrub: all }");
        var list = Masks.Rule("{ scrub: [iban, card, ip, phone, email] }");

        Assert.Equal(list.Canonical(false), all.Canonical(false));
        Assert.Equal("scrub:email,phone,ip,card,iban@en", all.Canonical(false));
        Assert.Equal("scrub email,phone in the text", Masks.Rule("{ scrub: [phone, email] }").Describe(false));
        Assert.False(all.CanBeUnique);
    }

    [Theory]
    [InlineData("{ scrub: [emial] }", "unknown scrub kind 'emial'", "email")]
    [InlineData("{ scrub: [email, postcode] }", "unknown scrub kind 'postcode'", "(email, phone, ip, card, iban)")]
    [InlineData("{ scrub: [] }", "scrub names no kind of data", "")]
    [InlineData("{ scrub: email }", "scrub takes a list of kinds", "or all")]
    [InlineData("{ scrub: { email: true } }", "scrub takes a list of kinds", "")]
    public void Bad_kinds_are_rejected_while_the_rules_load(string yaml, string message, string hint)
    {
        var error = Assert.Throws<ConfigurationException>(() => Masks.Rule(yaml));

        Assert.Contains(message, error.Message, StringComparison.Ordinal);
        Assert.Contains(hint, error.Message, StringComparison.Ordinal);
        Assert.Contains("rules.yaml:1:", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Scrub_fits_text_columns_and_json_members_only()
    {
        var rule = Masks.Rule("{ scrub: [email] }");
        var problems = new List<string>();

        rule.CheckFits(new ColumnFit("public.t.body", ColumnType.Text, null, false, false, 10), problems);
        rule.CheckFits(new ColumnFit("public.t.code", new ColumnType("character(20)", TypeCategory.FixedChar, 20), 20, false, false, 10), problems);
        rule.CheckFits(new ColumnFit("public.t.doc member", ColumnType.JsonMember, null, false, false, 10), problems);
        Assert.Empty(problems);

        rule.CheckFits(new ColumnFit("public.t.n", new ColumnType("integer", TypeCategory.Integer, Precision: 4), null, false, false, 10), problems);
        rule.CheckFits(new ColumnFit("public.t.doc", Jsonb, null, false, false, 10), problems);
        Assert.Equal(2, problems.Count);
        Assert.StartsWith("public.t.n (", problems[0], StringComparison.Ordinal);
        Assert.Contains("use it inside json or each", problems[1], StringComparison.Ordinal);
    }

    [Fact]
    public void Scrubs_a_json_member_and_copies_the_rest_of_the_document_byte_for_byte()
    {
        const string body = "Hi, I'm \"Jane\" <jane@example.com>\nCall +44 20 7946 0958\tthanks";
        var document = "{ \"id\": 7, \"body\" : " + Quoted(body) + ",\n  \"from\": \"jane@example.com\", \"tags\": [\"vip\"] }";

        var masked = Masks.Transformer("{ json: { body: { scrub: [email, phone] } } }", type: Jsonb).Apply(document)!;

        var scrubbed = Masks.Transformer("{ scrub: [email, phone] }").Apply(body)!;
        Assert.NotEqual(body, scrubbed);
        Assert.Equal(document.Replace(Quoted(body), Quoted(scrubbed), StringComparison.Ordinal), masked);
        using var parsed = JsonDocument.Parse(masked);
        Assert.Equal(scrubbed, parsed.RootElement.GetProperty("body").GetString());
        Assert.Equal("jane@example.com", parsed.RootElement.GetProperty("from").GetString());
    }

    [Fact]
    public void Scrubs_json_strings_under_a_wildcard_path_and_leaves_strings_without_items_alone()
    {
        const string document = "{\"messages\": [{\"text\": \"mail me: a.b@example.org\"}, {\"text\": \"nothing here\"}, {\"text\": \"ip 10.0.0.1\"}]}";

        var masked = Masks.Transformer("{ json: { \"messages[*].text\": { scrub: all } } }", type: Jsonb).Apply(document)!;

        var scrub = Masks.Transformer("{ scrub: all }");
        var expected = document
            .Replace("mail me: a.b@example.org", scrub.Apply("mail me: a.b@example.org"), StringComparison.Ordinal)
            .Replace("ip 10.0.0.1", scrub.Apply("ip 10.0.0.1"), StringComparison.Ordinal);
        Assert.Equal(expected, masked);
        Assert.Contains("\"nothing here\"", masked, StringComparison.Ordinal);
    }

    [Fact]
    public void Scrubs_every_element_of_a_text_array_and_keeps_nulls()
    {
        string[] elements = ["mail jane@example.com", "no data", "call +44 20 7946 0958, ip 10.0.0.1", "with \"quotes\" and \\ 4111111111111111"];
        var literal = "{" + string.Join(",", elements.Select(e => "\"" + e.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"")) + ",NULL}";

        var masked = Masks.Transformer("{ each: { scrub: all } }", type: TextArray).Apply(literal)!;

        var scrub = Masks.Transformer("{ scrub: all }");
        List<string?> expected = [.. elements.Select(e => scrub.Apply(e)), null];
        Assert.Equal(expected, ArrayLiteral.Elements(masked));
        Assert.Equal("no data", ArrayLiteral.Elements(masked)[1]);
    }

    [Fact]
    public void An_e_mail_split_over_two_lines_is_not_an_e_mail_and_stays_whole()
    {
        // Neither half is an e-mail, so scrub leaves both halves as they were: never half of it replaced.
        const string text = "write to jane.doe@exa\nmple.com please";

        Assert.Equal(text, Masks.Transformer("{ scrub: all }").Apply(text));
    }

    [Fact]
    public void An_ip_address_split_over_two_lines_stays_whole()
    {
        const string text = "from 192.168.\n1.10 yesterday";

        Assert.Equal(text, Masks.Transformer("{ scrub: all }").Apply(text));
    }

    [Fact]
    public void A_card_split_over_two_lines_is_replaced_whole_as_two_phone_like_halves()
    {
        // Each half of "4111 1111\n1111 1111" looks like a local phone number, so every digit is replaced and the
        // line break stays: no group of the original number is left.
        const string text = "card 4111 1111\n1111 1111 ok";

        var masked = Masks.Transformer("{ scrub: all }").Apply(text)!;

        Assert.Equal(text.Length, masked.Length);
        Assert.Equal(Shape(text), Shape(masked));
        var groups = text.Split(' ', '\n');
        var fakes = masked.Split(' ', '\n');
        Assert.All(groups.Zip(fakes).Where(p => p.First.All(char.IsAsciiDigit)), p => Assert.NotEqual(p.First, p.Second));
    }

    [Fact]
    public void An_iban_split_over_two_lines_keeps_no_group_of_the_account_number()
    {
        // Neither line is an IBAN; the groups after "DE89" look like phone numbers and are replaced, so the account
        // number is gone while the country and check digits stay. The result is not a valid IBAN.
        const string text = "IBAN DE89 3704 0044\n0532 0130 00 thanks";

        var masked = Masks.Transformer("{ scrub: all }").Apply(text)!;

        Assert.Equal(Shape(text), Shape(masked));
        foreach (var group in new[] { "3704", "0044", "0532", "0130" })
        {
            Assert.DoesNotContain(group, masked, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("call +1 555\n123 4567 now", "555\n", "123 4567")]
    [InlineData("call +44 20\n7946 0958 now", "+44 20\n", "7946 0958")]
    public void A_phone_number_split_over_two_lines_is_recognised_across_the_break_and_replaced_whole(string text, string firstLine, string secondLine)
    {
        // Never half of it masked and half kept: both lines are replaced, the line break and the shape stay.
        var masked = Masks.Transformer("{ scrub: all }").Apply(text)!;

        Assert.Equal(Shape(text), Shape(masked));
        Assert.DoesNotContain(firstLine, masked, StringComparison.Ordinal);
        Assert.DoesNotContain(secondLine, masked, StringComparison.Ordinal);
    }

    [Fact]
    public void Each_transformer_instance_gives_the_same_result_when_reused()
    {
        var scrub = Masks.Transformer("{ scrub: all }");
        const string a = "jane@example.com and 4111 1111 1111 1111";
        const string b = "nothing";

        var first = scrub.Apply(a);
        Assert.Equal(b, scrub.Apply(b));
        Assert.Equal(first, scrub.Apply(a));
    }

    /// <summary>What scrub should make of <paramref name="text"/>: every item replaced by the fake scrub gives it alone.</summary>
    private static string Expected(string text, PiiKind kinds)
    {
        var scrub = Masks.Transformer("{ scrub: all }");
        var expected = new StringBuilder();
        var at = 0;
        foreach (var match in PiiDetector.Find(text, kinds))
        {
            expected.Append(text, at, match.Start - at);
            expected.Append(scrub.Apply(text.Substring(match.Start, match.Length)));
            at = match.End;
        }

        return expected.Append(text, at, text.Length - at).ToString();
    }

    /// <summary>The text with every digit as 9 and every capital letter as A: its punctuation and layout.</summary>
    private static string Shape(string text) => new([.. text.Select(c => char.IsAsciiDigit(c) ? '9' : char.IsAsciiLetterUpper(c) ? 'A' : c)]);

    private static string Digits(string text) => new([.. text.Where(char.IsAsciiDigit)]);

    private static string Quoted(string value) => JsonSerializer.Serialize(value, new JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
}
