using DevDbSeed.Catalog;
using DevDbSeed.Masking;
using DevDbSeed.Masking.Fakes;
using DevDbSeed.Tests.Support;

namespace DevDbSeed.Tests.Masking.Transformers;

/// <summary>Unique text fakes look like what people type: a fake and as few keyed digits as the rows need.</summary>
public sealed class UniqueFakeTests
{
    [Fact]
    public void A_unique_e_mail_carries_its_digits_at_the_end_of_the_local_part()
    {
        var transformer = Unique("internet.email", digits: 4);

        foreach (var original in Originals(3000))
        {
            var email = transformer.Apply(original)!;
            Assert.Matches(@"^[a-z]+([._][a-z]+)?[0-9]{4,6}@example\.(com|net|org)$", email); // a name's own 0-99, then 4 keyed digits
        }
    }

    [Fact]
    public void A_unique_user_name_carries_its_digits_at_the_end_without_a_separator()
    {
        var transformer = Unique("internet.userName", digits: 3);

        foreach (var original in Originals(3000))
        {
            Assert.Matches("^[A-Za-z]+([._][A-Za-z]+)?[0-9]{3,5}$", transformer.Apply(original)!);
        }
    }

    [Theory]
    [InlineData("name.fullName")]
    [InlineData("address.city")]
    [InlineData("{ template: \"{{name.firstName}} {{name.lastName}}\" }")]
    public void Other_unique_fakes_carry_their_digits_after_a_dash(string rule)
    {
        var transformer = Unique(rule, digits: 5);

        foreach (var original in Originals(500))
        {
            Assert.Matches("^[^ ].*[^ ]-[0-9]{5}$", transformer.Apply(original)!);
        }
    }

    [Fact]
    public void E_mail_fakes_of_every_locale_are_on_reserved_example_domains_that_reach_no_one()
    {
        // so a fake with a short suffix can equal only an original that is itself an example address
        var domains = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var locale in LocaleData.AvailableLocales)
        {
            var transformer = Masks.Rule("internet.email", locale).CreateTransformer(Masks.Context(unique: true, locale: locale) with
            {
                UniqueRules = Digits(Masks.Rule("internet.email", locale), 2),
            });
            domains.UnionWith(Originals(300).Select(o => transformer.Apply(o)!).Select(e => e[(e.LastIndexOf('@') + 1)..]));
        }

        Assert.Equal(["example.com", "example.net", "example.org"], domains);
    }

    [Fact]
    public void More_digits_extend_the_same_fake()
    {
        var four = Unique("internet.email", digits: 4);
        var six = Unique("internet.email", digits: 6);

        foreach (var original in Originals(500))
        {
            var (shorter, longer) = (four.Apply(original)!, six.Apply(original)!);
            var at = shorter.IndexOf('@', StringComparison.Ordinal);
            Assert.Equal(shorter[..at], longer[..at]);
            Assert.Equal(shorter[at..], longer[(at + 2)..]);
        }
    }

    [Fact]
    public void The_same_original_and_secret_give_the_same_unique_fake_and_another_secret_another()
    {
        var originals = Originals(1000).ToList();
        var first = originals.Select(Unique("internet.email", digits: 3).Apply).ToList();
        var again = originals.AsEnumerable().Reverse().Select(Unique("internet.email", digits: 3).Apply).Reverse().ToList();
        var other = originals.Select(Unique("internet.email", digits: 3, secret: "another secret").Apply).ToList();

        Assert.Equal(first, again);
        Assert.True(first.Zip(other).Count(p => p.First != p.Second) > 990);
    }

    [Fact]
    public void A_column_and_a_json_member_of_one_mapping_write_the_same_digits()
    {
        var rules = Digits("internet.email", 5);
        var column = Masks.Rule("internet.email").CreateTransformer(Masks.Context(maxLength: 254, unique: true) with { UniqueRules = rules });
        var member = Masks.Rule("internet.email").CreateTransformer(Masks.Context(type: ColumnType.JsonMember) with { UniqueRules = rules });

        Assert.All(Originals(300), o => Assert.Equal(column.Apply(o), member.Apply(o)));
    }

    [Fact]
    public void Without_a_plan_the_digits_keep_a_million_values_apart()
    {
        var email = Masks.Transformer("internet.email", unique: true).Apply("jane@corp.example")!;
        var expected = new SuffixSizing("fake:internet.email@en", () => new EmailFake(LocaleData.For("en"))).DigitsFor(UniqueSuffix.DefaultRows, null);

        Assert.Equal(7, expected);
        Assert.Matches($"[0-9]{{{expected}}}@", email);
    }

    [Theory]
    [InlineData("internet.email", 20, 7, 6)]
    [InlineData("internet.email", 16, 7, 2)] // the shortest address beside two digits
    [InlineData("name.firstName", 6, 9, 3)]
    [InlineData("internet.userName", 8, 4, 4)]
    public void A_short_column_holds_fewer_digits_and_a_shorter_fake(string generator, int maxLength, int digits, int held)
    {
        var transformer = Unique(generator, digits, maxLength);
        var fit = new ColumnFit("t.c", Catalogs.Varchar(maxLength), maxLength, false, true, 2000, SuffixDigits: digits);

        var fakes = Originals(2000).Select(o => transformer.Apply(o)!).ToList();

        Assert.Equal(held, Masks.Rule(generator).SuffixDigitsFor(fit));
        Assert.All(fakes, f => Assert.InRange(Masks.CodePoints(f), 1, maxLength));
        Assert.All(fakes, f => Assert.Matches($"[0-9]{{{held}}}(@|$)", f));
        if (generator == "internet.email")
        {
            Assert.All(fakes, f => Assert.Matches(@"^[a-z._]*[a-z][0-9]*@example\.(com|net|org)$", f));
        }
    }

    [Fact]
    public void A_unique_e_mail_needs_room_for_the_shortest_address_and_two_digits()
    {
        var problems = new List<string>();
        var rule = Masks.Rule("internet.email");

        rule.CheckFits(new ColumnFit("t.email", Catalogs.Varchar(15), 15, false, true, 10), problems);
        rule.CheckFits(new ColumnFit("t.email", Catalogs.Varchar(16), 16, false, true, 10), problems);

        Assert.Equal("t.email (rules.yaml:1:1): fake internet.email (unique) needs at least 16 characters; the column holds 15", Assert.Single(problems));
    }

    [Theory]
    [InlineData(100, 2)]
    [InlineData(3_000, 2)]
    [InlineData(100_000, 5)]
    [InlineData(1_000_000, 7)]
    [InlineData(0, 7)] // no statistics: sized for a million
    public void A_unique_e_mail_column_gets_the_digits_its_rows_need(long rows, int digits)
    {
        var rule = Masks.Rule("internet.email");
        var column = new ColumnFit("t.email", Catalogs.Varchar(254), 254, false, true, rows);

        Assert.Equal(digits, rule.SuffixDigitsFor(column));
        Assert.InRange(rule.UniqueBits(column), UniqueSuffix.Bits(digits) + 21, UniqueSuffix.Bits(digits) + 24); // an e-mail's own ~22 bits
    }

    private static IValueTransformer Unique(string rule, int digits, int? maxLength = null, string secret = Masks.Secret)
    {
        var parsed = Masks.Rule(rule);
        return parsed.CreateTransformer(Masks.Context(maxLength: maxLength, unique: true, secret: secret) with { UniqueRules = Digits(parsed, digits) });
    }

    private static UniqueRuleSet Digits(string rule, int digits) => Digits(Masks.Rule(rule), digits);

    private static UniqueRuleSet Digits(MaskingRule rule, int digits) =>
        new([rule.Canonical(false)], new Dictionary<string, int>(StringComparer.Ordinal) { [rule.Canonical(true)] = digits });

    private static IEnumerable<string> Originals(int count) =>
        Enumerable.Range(0, count).Select(i => i % 2 == 0 ? $"person{i}@corp.example" : $"Name {i}");
}
