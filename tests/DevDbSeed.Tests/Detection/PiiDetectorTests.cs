using DevDbSeed.Detection;
using DevDbSeed.Tests.Support;

namespace DevDbSeed.Tests.Detection;

public sealed class PiiDetectorTests
{
    [Theory]
    [InlineData("jane.doe@example.com")]
    [InlineData("JANE_DOE+newsletter@mail.example.co.uk")]
    [InlineData("a@b.cd")]
    [InlineData("jürgen.müller@beispiel.de")]
    [InlineData("user-42@sub-domain.example.org")]
    public void Finds_e_mail_addresses(string email) =>
        Assert.Equal([$"Email:{email}"], Found($"Write to {email} today", PiiKind.All));

    [Theory]
    [InlineData("+44 20 7946 0958")]
    [InlineData("+44 (0)20 7946 0958")]
    [InlineData("+49 (0) 30 1234567")]
    [InlineData("+1 (555) 123-4567")]
    [InlineData("+1-555-123-4567")]
    [InlineData("+1 (555) 123-4567 x123")]
    [InlineData("+15551234567")]
    [InlineData("+7 495 123-45-67")]
    [InlineData("+91 98765 43210")]
    [InlineData("0044 20 7946 0958")]
    [InlineData("020 7946 0958")]
    [InlineData("07700 900123")]
    [InlineData("(555) 123-4567")]
    [InlineData("555-123-4567")]
    [InlineData("555.123.4567")]
    [InlineData("(030) 123 45 67")]
    [InlineData("030 1234567")]
    [InlineData("06-12345678")]
    [InlineData("06 12 34 56 78")]
    public void Finds_phone_numbers_in_international_and_local_formats(string phone)
    {
        Assert.Equal([$"Phone:{phone}"], Found($"Call {phone} after lunch", PiiKind.All));
        Assert.True(PiiDetector.IsWhole(phone, PiiKind.Phone));
    }

    [Fact]
    public void Finds_international_numbers_whose_area_code_is_one_digit_whole()
    {
        // Paris mobiles, Dublin and Tokyo numbers: "+33 6 ...", "+353 1 ...", "+81 3-...". The whole number is one
        // phone; finding only its tail leaves "+33 6" in a scrubbed text and makes a column of such numbers look
        // like something other than phones to rules init.
        foreach (var phone in new[] { "+33 6 12 34 56 78", "+353 1 234 5678", "+81 3-1234-5678" })
        {
            Assert.Equal([$"Phone:{phone}"], Found($"Call {phone} after lunch", PiiKind.All));
        }
    }

    [Theory]
    [InlineData("192.168.1.10")]
    [InlineData("10.0.0.1")]
    [InlineData("255.255.255.255")]
    [InlineData("8.8.8.8")]
    [InlineData("2001:db8::8a2e:370:7334")]
    [InlineData("2001:0db8:85a3:0000:0000:8a2e:0370:7334")]
    [InlineData("fe80::1ff:fe23:4567:890a")]
    [InlineData("::1")]
    public void Finds_ip_addresses(string ip) =>
        Assert.Equal([$"Ip:{ip}"], Found($"login from {ip} failed", PiiKind.All));

    [Theory]
    [InlineData("4111 1111 1111 1111")]
    [InlineData("4111-1111-1111-1111")]
    [InlineData("4111111111111111")]
    [InlineData("4012888888881881")]
    [InlineData("5555 5555 5555 4444")]
    [InlineData("3782 822463 10005")] // American Express, 15 digits
    [InlineData("6011 1111 1111 1117")]
    public void Finds_card_numbers_that_pass_luhn(string card)
    {
        Assert.True(Checksums.Luhn(card), "the test data is a valid card number");
        Assert.Equal([$"Card:{card}"], Found($"paid with {card} yesterday", PiiKind.All));
        Assert.True(PiiDetector.IsCard(card));
    }

    [Theory]
    [InlineData("DE89 3704 0044 0532 0130 00")]
    [InlineData("DE89370400440532013000")]
    [InlineData("GB82 WEST 1234 5698 7654 32")]
    [InlineData("GB82WEST12345698765432")]
    [InlineData("FR14 2004 1010 0505 0001 3M02 606")]
    [InlineData("NL91ABNA0417164300")]
    public void Finds_ibans_with_a_valid_checksum(string iban)
    {
        Assert.True(Checksums.Mod97(iban), "the test data is a valid IBAN");
        Assert.Equal([$"Iban:{iban}"], Found($"transfer to {iban} by Friday", PiiKind.All));
        Assert.True(PiiDetector.IsIban(iban));
    }

    [Theory]
    [InlineData("Meeting on 2024-03-15 at 10:30")]
    [InlineData("between 2024-03-15 and 2024-03-20")]
    [InlineData("from 15.03.2024 to 20.03.2024")]
    [InlineData("due 03/15/2024")]
    [InlineData("on 15/03/2024 10:30")]
    [InlineData("ts 2024-03-15T10:30:00Z")]
    [InlineData("release 2024.03.15")]
    [InlineData("at 10:30, 11:45 and 14:00")]
    [InlineData("took 12:34:56.789")]
    [InlineData("Total: $1,299.00")]
    [InlineData("Total 1 234 567,89 EUR")]
    [InlineData("EUR 1.234.567,89")]
    [InlineData("$12,345,678.90 in 2023")]
    [InlineData("price 12.99, qty 1000000")]
    [InlineData("Order #12345678 shipped")]
    [InlineData("order 100-2345678-1234567")]
    [InlineData("ref 2024-03-15-0042")]
    [InlineData("build 10.0.19041.1")]
    [InlineData("upgrade to v1.2.3.4 then v2.10.3")]
    [InlineData("room 101, floor 3, call 112, zip 90210")]
    [InlineData("card 1234 5678 9012 3456")] // sixteen digits, not Luhn-valid
    [InlineData("card 1234567812345678")]
    [InlineData("card 4111 1111 1111 1112")] // one digit off a valid card
    [InlineData("iban DE88 3704 0044 0532 0130 00")] // wrong checksum
    [InlineData("iban GB82WEST12345698765433")]
    [InlineData("mac 00:1A:2B:3C:4D:5E")]
    [InlineData("ip 256.1.1.1 is no address")]
    [InlineData("ratio 3:2:1")]
    [InlineData("user@localhost and jane@example.c")]
    [InlineData("@mention and #tag")]
    public void Ignores_dates_times_prices_order_numbers_versions_and_bad_checksums(string text) =>
        Assert.Empty(Found(text, PiiKind.All));

    [Theory]
    [InlineData("Order ORD-2024-000123 shipped")]
    [InlineData("invoice INV-2024-0001234 is paid")]
    public void Order_numbers_with_a_letter_prefix_are_not_phone_numbers(string text) =>
        Assert.Empty(Found(text, PiiKind.All));

    [Fact]
    public void A_uuid_is_not_a_phone_number() =>
        Assert.Empty(Found("request 550e8400-e29b-41d4-a716-446655440000 failed", PiiKind.All));

    [Fact]
    public void A_browser_version_in_a_user_agent_is_not_an_ip_address() =>
        Assert.Empty(Found("Mozilla/5.0 (X11; Linux x86_64) Chrome/120.0.0.0 Safari/537.36", PiiKind.All));

    [Theory]
    [InlineData("use std::string here")]
    [InlineData("call Foo::Bar() first")]
    public void Scope_operators_in_code_are_not_ipv6_addresses(string text) =>
        Assert.Empty(Found(text, PiiKind.All));

    [Fact]
    public void Finds_several_items_in_text_order()
    {
        const string text = "Hi, I'm jane@example.com (mobile +44 7700 900123), paid with 4111 1111 1111 1111 from 192.168.1.10; "
            + "refund to GB82 WEST 1234 5698 7654 32 or cc john@example.org.";

        Assert.Equal(
            ["Email:jane@example.com", "Phone:+44 7700 900123", "Card:4111 1111 1111 1111", "Ip:192.168.1.10", "Iban:GB82 WEST 1234 5698 7654 32", "Email:john@example.org"],
            Found(text, PiiKind.All));
    }

    [Theory]
    [InlineData("«jane@example.com»")]
    [InlineData("\"jane@example.com\",")]
    [InlineData("'jane@example.com'")]
    [InlineData("(jane@example.com).")]
    [InlineData("<jane@example.com>")]
    [InlineData("mailto:jane@example.com")]
    [InlineData("Write to jane@example.com.")]
    [InlineData("jane@example.com!")]
    [InlineData("[jane@example.com]")]
    public void Finds_an_e_mail_next_to_punctuation_and_quotes_without_them(string text) =>
        Assert.Equal(["Email:jane@example.com"], Found(text, PiiKind.All));

    [Theory]
    [InlineData("\"+44 20 7946 0958\"", "+44 20 7946 0958")]
    [InlineData("(tel. 020 7946 0958)", "020 7946 0958")]
    [InlineData("tel:+442079460958;", "+442079460958")]
    [InlineData("Phone: 555-123-4567.", "555-123-4567")]
    [InlineData("«4111 1111 1111 1111»", "4111 1111 1111 1111")]
    [InlineData("card:4111111111111111,", "4111111111111111")]
    [InlineData("IBAN: NL91 ABNA 0417 1643 00.", "NL91 ABNA 0417 1643 00")]
    [InlineData("from 10.0.0.1:5432,", "10.0.0.1")]
    [InlineData("[2001:db8::1]:8080", "2001:db8::1")]
    [InlineData("fe80::1ff:fe23:4567:890a%eth0", "fe80::1ff:fe23:4567:890a")]
    public void Finds_other_items_next_to_punctuation_and_quotes_without_them(string text, string item) =>
        Assert.Equal([item], PiiDetector.Find(text).Select(m => text.Substring(m.Start, m.Length)));

    [Theory]
    [InlineData("My card is 4111 1111 1111 1111.", "Card:4111 1111 1111 1111")]
    [InlineData("Card: 4111111111111111.", "Card:4111111111111111")]
    [InlineData("It was logged from 192.168.1.10.", "Ip:192.168.1.10")]
    [InlineData("IP 8.8.8.8.\nNext line", "Ip:8.8.8.8")]
    public void Finds_cards_and_ip_addresses_at_the_end_of_a_sentence(string text, string item) =>
        Assert.Equal([item], Found(text, PiiKind.All));

    [Fact]
    public void Finds_items_in_a_list_separated_by_commas_and_semicolons() =>
        Assert.Equal(["Email:jane@example.com", "Email:john@example.org", "Email:bob@example.net"], Found("jane@example.com,john@example.org;bob@example.net", PiiKind.All));

    [Theory]
    [InlineData("Grüße von jürgen.müller@beispiel.de — Tel. +49 30 1234567", "Email:jürgen.müller@beispiel.de", "Phone:+49 30 1234567")]
    [InlineData("Tél : 01 23 45 67 89 — merci, zoé@exemple.fr", "Phone:01 23 45 67 89", "Email:zoé@exemple.fr")]
    [InlineData("Звоните +7 495 123-45-67! Почта: ivan@example.ru", "Phone:+7 495 123-45-67", "Email:ivan@example.ru")]
    [InlineData("電話 +81 90-1234-5678 です。メール taro@example.jp まで", "Phone:+81 90-1234-5678", "Email:taro@example.jp")]
    [InlineData("🎉 paid 4111111111111111 🎉 from 8.8.8.8 ✅", "Card:4111111111111111", "Ip:8.8.8.8")]
    public void Finds_items_surrounded_by_non_ascii_text(string text, string first, string second) =>
        Assert.Equal([first, second], Found(text, PiiKind.All));

    [Fact]
    public void Match_positions_are_utf16_indexes_into_the_text()
    {
        const string text = "😀 Zoë: jane@example.com";

        var match = Assert.Single(PiiDetector.Find(text));

        Assert.Equal(text.IndexOf('j', StringComparison.Ordinal), match.Start);
        Assert.Equal("jane@example.com".Length, match.Length);
        Assert.Equal(text.Length, match.End);
    }

    [Fact]
    public void Checksummed_kinds_win_over_phone_and_matches_never_overlap()
    {
        const string text = "4111 1111 1111 1111 / DE89 3704 0044 0532 0130 00 / 192.168.100.200 / john.5551234567@example.com";

        var matches = PiiDetector.Find(text);

        Assert.Equal(["Card:4111 1111 1111 1111", "Iban:DE89 3704 0044 0532 0130 00", "Ip:192.168.100.200", "Email:john.5551234567@example.com"], Found(text, PiiKind.All));
        Assert.All(matches.Zip(matches.Skip(1)), pair => Assert.True(pair.First.End <= pair.Second.Start));
    }

    [Fact]
    public void Only_the_asked_kinds_are_found()
    {
        const string text = "jane@example.com, +44 20 7946 0958, 10.0.0.1, 4111 1111 1111 1111, NL91ABNA0417164300";

        Assert.Equal(["Email:jane@example.com"], Found(text, PiiKind.Email));
        Assert.Equal(["Phone:+44 20 7946 0958"], Found(text, PiiKind.Phone));
        Assert.Equal(["Ip:10.0.0.1", "Card:4111 1111 1111 1111"], Found(text, PiiKind.Ip | PiiKind.Card));
        Assert.Equal(PiiKind.All, PiiDetector.KindsIn(text));
        Assert.Equal(PiiKind.Iban, PiiDetector.KindsIn(text, PiiKind.Iban));
    }

    [Theory]
    [InlineData("")]
    [InlineData("a@b.c")]
    [InlineData("12345")]
    [InlineData("no personal data in this sentence at all")]
    public void Short_and_empty_texts_hold_nothing(string text) => Assert.Empty(PiiDetector.Find(text));

    [Fact]
    public void Whole_means_the_trimmed_value_is_exactly_one_item()
    {
        Assert.True(PiiDetector.IsWhole("  jane@example.com \n", PiiKind.Email));
        Assert.False(PiiDetector.IsWhole("mail jane@example.com", PiiKind.Email));
        Assert.False(PiiDetector.IsWhole("jane@example.com, john@example.org", PiiKind.Email));
        Assert.False(PiiDetector.IsWhole("jane@example.com", PiiKind.Phone));
        Assert.True(PiiDetector.IsWhole("NL91ABNA0417164300", PiiKind.Iban));
    }

    [Fact]
    public void Items_broken_by_a_newline_are_found_as_the_pieces_that_still_look_like_items()
    {
        // What the detector sees when a line break splits an item; ScrubRuleTests shows what scrub makes of it.
        Assert.Empty(Found("jane.doe@exa\nmple.com", PiiKind.All)); // neither half is an e-mail
        Assert.Empty(Found("192.168.\n1.10", PiiKind.All)); // neither half is an address
        Assert.Equal(["Phone:4111 1111", "Phone:1111 1111"], Found("4111 1111\n1111 1111", PiiKind.All)); // each half looks like a local phone
    }

    [Theory]
    [InlineData("call +1 555\n123 4567 now", "Phone:+1 555\n123 4567")]
    [InlineData("call +44 20\r\n7946 0958 now", "Phone:+44 20\r\n7946 0958")]
    [InlineData("Tel. +44 20 7946\n0958, thanks", "Phone:+44 20 7946\n0958")]
    public void A_phone_number_wrapped_over_two_lines_is_found_whole(string text, string item) =>
        Assert.Equal([item], Found(text, PiiKind.All));

    [Fact]
    public void Phone_numbers_on_consecutive_lines_are_found_apart() =>
        Assert.Equal(["Phone:020 7946 0958", "Phone:020 7946 0959"], Found("020 7946 0958\n020 7946 0959", PiiKind.All));

    [Theory]
    [InlineData("id 12345\n67890")]
    [InlineData("Order #12345678\n555 123")]
    [InlineData("Since 2019\n2020 was good")]
    public void Bare_numbers_on_consecutive_lines_are_not_one_phone(string text) =>
        Assert.Empty(Found(text, PiiKind.All));

    [Fact]
    public void A_north_american_number_with_its_trunk_prefix_is_found_whole() =>
        Assert.Equal(["Phone:1-800-555-0199"], Found("call 1-800-555-0199 today", PiiKind.All));

    [Theory]
    [InlineData("see http://10.0.0.1/admin", "Ip:10.0.0.1")]
    [InlineData("Version 2001:db8::1 then", "Ip:2001:db8::1")]
    [InlineData("from IPv6:2001:db8::1 then", "Ip:2001:db8::1")]
    [InlineData("ip:fe80::1ff:fe23:4567:890a", "Ip:fe80::1ff:fe23:4567:890a")]
    [InlineData("paid with 4111111111111111. Thanks", "Card:4111111111111111")]
    [InlineData("call +1-555-123-4567.", "Phone:+1-555-123-4567")]
    public void Guards_against_false_positives_keep_real_items(string text, string item) =>
        Assert.Equal([item], Found(text, PiiKind.All));

    [Theory]
    [InlineData("ORD-2024-000123-4567")]
    [InlineData("uuid 12345678-1234-1234-1234-123456789012")]
    [InlineData("AppleWebKit/537.36 Version/17.0.0.1 Mobile")]
    [InlineData("ratio 1.2.3.4.5")]
    [InlineData("std::vector<int> and a::b::c")]
    public void More_identifiers_versions_and_code_are_not_items(string text) =>
        Assert.Empty(Found(text, PiiKind.All));

    [Fact]
    public void Pathological_text_returns_quickly()
    {
        var text = string.Concat(Enumerable.Repeat("a.", 20_000)) + "@" + string.Concat(Enumerable.Repeat("1-", 20_000));

        var watch = System.Diagnostics.Stopwatch.StartNew();
        _ = PiiDetector.Find(text);

        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), $"took {watch.Elapsed}");
    }

    [Theory]
    [InlineData("79927398713", false)] // Luhn-valid, but eleven digits are too few for a card
    [InlineData("5105105105105100", true)]
    [InlineData("5105105105105101", false)]
    [InlineData("0000000000000", false)] // one repeated digit is not a card
    [InlineData("4111111111111111", true)]
    [InlineData("41111111111111111111", false)] // 20 digits
    public void Luhn_check(string digits, bool valid) => Assert.Equal(valid, PiiDetector.IsCard(digits));

    [Theory]
    [InlineData("GB82WEST12345698765432", true)]
    [InlineData("GB82 WEST 1234 5698 7654 32", true)]
    [InlineData("gb82west12345698765432", true)]
    [InlineData("GB83WEST12345698765432", false)]
    [InlineData("GB82WEST1234", false)]
    public void Mod_97_check(string iban, bool valid) => Assert.Equal(valid, PiiDetector.IsIban(iban));

    private static List<string> Found(string text, PiiKind kinds) =>
        [.. PiiDetector.Find(text, kinds).Select(m => $"{m.Kind}:{text.Substring(m.Start, m.Length)}")];
}
