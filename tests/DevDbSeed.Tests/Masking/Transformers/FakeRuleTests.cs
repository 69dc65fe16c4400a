using System.Text;
using System.Text.RegularExpressions;
using Bogus;
using DevDbSeed.Catalog;
using DevDbSeed.Tests.Support;

namespace DevDbSeed.Tests.Masking.Transformers;

public sealed partial class FakeRuleTests
{
    [Theory]
    [InlineData("internet.email")]
    [InlineData("name.firstName")]
    [InlineData("name.lastName")]
    [InlineData("name.fullName")]
    [InlineData("address.city")]
    [InlineData("address.streetAddress")]
    [InlineData("phone.phoneNumber")]
    [InlineData("company.companyName")]
    [InlineData("lorem.sentence")]
    [InlineData("name.jobTitle")]
    [InlineData("random.uuid")]
    public void Same_secret_rule_and_value_give_the_same_fake_in_separate_transformers(string generator)
    {
        var first = Masks.Transformer(generator);
        var second = Masks.Transformer(generator);
        var originals = Originals(500).ToList();

        var a = originals.Select(first.Apply).ToList();
        var b = originals.AsEnumerable().Reverse().Select(second.Apply).Reverse().ToList();

        Assert.Equal(a, b);
        Assert.Equal(a, originals.Select(first.Apply));
    }

    [Theory]
    [InlineData("internet.email")]
    [InlineData("name.firstName")]
    [InlineData("address.city")]
    [InlineData("name.jobTitle")]
    public void A_different_secret_changes_the_fakes(string generator)
    {
        var originals = Originals(300).ToList();
        var a = Masks.Transformer(generator, secret: "secret one");
        var b = Masks.Transformer(generator, secret: "secret two");

        var differing = originals.Count(o => a.Apply(o) != b.Apply(o));

        Assert.True(differing >= originals.Count * 0.9, $"only {differing} of {originals.Count} fakes changed with the secret");
    }

    [Fact]
    public void Unique_and_plain_mappings_of_one_generator_are_different_mappings()
    {
        var plain = Masks.Transformer("name.firstName");
        var unique = Masks.Transformer("name.firstName", unique: true);

        Assert.NotEqual(plain.Apply("Alice"), unique.Apply("Alice"));
    }

    [Fact]
    public void Realistic_first_names_are_replaced_by_other_names()
    {
        var faker = new Faker("en") { Random = new Randomizer(7) };
        var originals = Enumerable.Range(0, 2000).Select(_ => faker.Name.FirstName()).Distinct().ToList();
        var transformer = Masks.Transformer("name.firstName");

        var unchanged = originals.Count(o => transformer.Apply(o) == o);

        Assert.True(unchanged <= originals.Count / 100, $"{unchanged} of {originals.Count} first names were left as they were");
    }

    [Fact]
    public void Realistic_emails_are_never_left_as_they_were()
    {
        var faker = new Faker("en") { Random = new Randomizer(11) };
        var originals = Enumerable.Range(0, 2000).Select(_ => faker.Internet.Email()).Distinct().ToList();
        var transformer = Masks.Transformer("internet.email");

        Assert.DoesNotContain(originals, o => transformer.Apply(o) == o);
    }

    [Fact]
    public void Realistic_cities_and_streets_are_replaced_in_the_vast_majority_of_cases()
    {
        var faker = new Faker("en") { Random = new Randomizer(13) };
        var cities = Enumerable.Range(0, 1000).Select(_ => faker.Address.City()).Distinct().ToList();
        var streets = Enumerable.Range(0, 1000).Select(_ => faker.Address.StreetAddress()).Distinct().ToList();
        var city = Masks.Transformer("address.city");
        var street = Masks.Transformer("address.streetAddress");

        Assert.True(cities.Count(c => city.Apply(c) == c) <= cities.Count / 100);
        Assert.True(streets.Count(s => street.Apply(s) == s) <= streets.Count / 100);
    }

    [Theory]
    [InlineData("internet.email")]
    [InlineData("name.firstName")]
    [InlineData("address.city")]
    [InlineData("name.jobTitle")]
    public void Empty_string_stays_empty(string generator)
    {
        Assert.Equal(string.Empty, Masks.Transformer(generator).Apply(string.Empty));
        Assert.Equal(string.Empty, Masks.Transformer(generator, unique: true).Apply(string.Empty));
    }

    [Fact]
    public void Whitespace_is_a_value_and_gets_a_fake()
    {
        Assert.NotEqual(" ", Masks.Transformer("name.firstName").Apply(" "));
    }

    [Theory]
    [InlineData("internet.email")]
    [InlineData("name.firstName")]
    [InlineData("address.city")]
    public void Unique_column_gets_distinct_fakes_for_distinct_values(string generator)
    {
        const int count = 100_000;
        var transformer = Masks.Transformer(generator, unique: true);
        var fakes = new HashSet<string>(StringComparer.Ordinal);

        for (var i = 0; i < count; i++)
        {
            fakes.Add(transformer.Apply($"user{i}@corp.example")!);
        }

        Assert.Equal(count, fakes.Count);
    }

    [Fact]
    public void Unique_fakes_of_values_that_differ_only_in_case_or_trailing_space_are_distinct()
    {
        var transformer = Masks.Transformer("internet.email", unique: true);
        string[] originals = ["Ann@x.io", "ann@x.io", "ann@x.io ", "ann@x.io\t", "ann@x.i"];

        Assert.Equal(originals.Length, originals.Select(transformer.Apply).Distinct().Count());
    }

    [Fact]
    public void Emails_are_valid_lower_case_addresses_on_example_domains()
    {
        var transformer = Masks.Transformer("internet.email");
        var unique = Masks.Transformer("internet.email", unique: true);

        foreach (var original in Originals(5000))
        {
            foreach (var email in new[] { transformer.Apply(original)!, unique.Apply(original)! })
            {
                Assert.Matches(Email(), email);
                Assert.Equal(email.ToLowerInvariant(), email);
                Assert.Matches(@"@example\.(com|net|org)$", email);
            }
        }
    }

    [Theory]
    [InlineData("internet.email", 20, false)]
    [InlineData("internet.email", 14, false)]
    [InlineData("internet.email", 25, true)]
    [InlineData("internet.email", 30, true)]
    public void Emails_fit_short_columns_and_stay_valid(string generator, int maxLength, bool unique)
    {
        var transformer = Masks.Transformer(generator, maxLength: maxLength, unique: unique);
        var originals = Originals(maxLength == 25 ? 100_000 : 10_000).ToList();

        var emails = originals.Select(o => transformer.Apply(o)!).ToList();

        Assert.DoesNotContain(emails, e => Masks.CodePoints(e) > maxLength);
        Assert.DoesNotContain(emails, e => !Email().IsMatch(e) || e != e.ToLowerInvariant());
        if (unique)
        {
            Assert.Equal(originals.Count, emails.Distinct(StringComparer.Ordinal).Count());
        }
    }

    [Theory]
    [InlineData("address.streetAddress", 8)]
    [InlineData("address.streetAddress", 12)]
    [InlineData("company.companyName", 6)]
    [InlineData("lorem.paragraph", 40)]
    [InlineData("name.fullName", 5)]
    public void Fakes_are_shortened_to_the_column_length_in_characters(string generator, int maxLength)
    {
        var transformer = Masks.Transformer(generator, maxLength: maxLength);

        foreach (var original in Originals(5000))
        {
            var fake = transformer.Apply(original)!;
            Assert.InRange(Masks.CodePoints(fake), 1, maxLength);
            Assert.False(fake.EndsWith(' '), $"'{fake}' ends with a space");
        }
    }

    [Theory]
    [InlineData("ru", "name.lastName", 5)]
    [InlineData("ja", "address.city", 3)]
    [InlineData("el", "name.fullName", 6)]
    [InlineData("zh_CN", "name.fullName", 2)]
    public void Non_ascii_fakes_are_counted_and_cut_by_code_points(string locale, string generator, int maxLength)
    {
        var transformer = Masks.Transformer(generator, maxLength: maxLength, locale: locale);
        var strict = new UTF8Encoding(false, throwOnInvalidBytes: true);

        foreach (var original in Originals(2000))
        {
            var output = new DevDbSeed.Masking.Utf8Builder();
            transformer.Transform(Encoding.UTF8.GetBytes(original), output);
            var fake = strict.GetString(output.Written);
            Assert.InRange(Masks.CodePoints(fake), 1, maxLength);
        }
    }

    [Fact]
    public void Unique_fakes_fit_their_column_too()
    {
        var transformer = Masks.Transformer("name.firstName", maxLength: 12, unique: true);
        var seen = new HashSet<string>(StringComparer.Ordinal);

        foreach (var original in Originals(20_000))
        {
            var fake = transformer.Apply(original)!;
            Assert.True(Masks.CodePoints(fake) <= 12, $"'{fake}' is longer than 12");
            seen.Add(fake);
        }

        Assert.Equal(20_000, seen.Count);
    }

    [Fact]
    public void Uuid_fakes_are_version_4_uuids()
    {
        var transformer = Masks.Transformer("random.uuid", type: new ColumnType("uuid", TypeCategory.Uuid));

        foreach (var original in Originals(1000))
        {
            Assert.Matches("^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$", transformer.Apply(original));
        }
    }

    [Fact]
    public void Ip_fakes_are_addresses()
    {
        var v4 = Masks.Transformer("internet.ip");
        var v6 = Masks.Transformer("internet.ipv6");

        foreach (var original in Originals(1000))
        {
            Assert.True(System.Net.IPAddress.TryParse(v4.Apply(original), out var a) && a.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork);
            Assert.True(System.Net.IPAddress.TryParse(v6.Apply(original), out var b) && b.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6);
        }
    }

    [Fact]
    public void The_same_value_gets_the_same_fake_from_two_rules_written_alike()
    {
        var usersEmail = Masks.Rule("{ fake: internet.email, unique: true }").CreateTransformer(Masks.Context(unique: true));
        var ordersEmail = Masks.Rule("internet.email").CreateTransformer(Masks.Context(unique: true));

        Assert.Equal(usersEmail.Apply("jane@corp.example"), ordersEmail.Apply("jane@corp.example"));
    }

    [Fact]
    public void Fit_check_rejects_a_column_too_short_for_the_generator()
    {
        var rule = Masks.Rule("internet.email");
        var problems = new List<string>();

        rule.CheckFits(new DevDbSeed.Masking.ColumnFit("public.users.email", new ColumnType("character varying(5)", TypeCategory.Text, MaxLength: 5), 5, false, false, 10), problems);

        var problem = Assert.Single(problems);
        Assert.StartsWith("public.users.email (rules.yaml:1:1): ", problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("internet.email", TypeCategory.Integer)]
    [InlineData("name.firstName", TypeCategory.Uuid)]
    [InlineData("random.uuid", TypeCategory.Integer)]
    [InlineData("internet.email", TypeCategory.Inet)]
    public void Fit_check_rejects_a_generator_for_a_type_it_cannot_fill(string generator, TypeCategory category)
    {
        var problems = new List<string>();

        Masks.Rule(generator).CheckFits(new DevDbSeed.Masking.ColumnFit("t.c", new ColumnType("x", category), null, false, false, 10), problems);

        Assert.Single(problems);
    }

    [Theory]
    [InlineData("internet.ip", TypeCategory.Inet)]
    [InlineData("internet.mac", TypeCategory.MacAddr)]
    [InlineData("random.uuid", TypeCategory.Uuid)]
    [InlineData("name.firstName", TypeCategory.FixedChar)]
    public void Fit_check_accepts_a_generator_for_a_type_it_fills(string generator, TypeCategory category)
    {
        var problems = new List<string>();

        Masks.Rule(generator).CheckFits(new DevDbSeed.Masking.ColumnFit("t.c", new ColumnType("x", category), null, false, false, 10), problems);

        Assert.Empty(problems);
    }

    [Fact]
    public void Fit_check_rejects_unique_fakes_in_a_column_too_short_for_the_rows()
    {
        var problems = new List<string>();

        Masks.Rule("name.firstName").CheckFits(new DevDbSeed.Masking.ColumnFit("t.c", new ColumnType("character varying(9)", TypeCategory.Text, 9), 9, false, true, 1_000_000_000_000), problems);

        Assert.Single(problems);
    }

    private static IEnumerable<string> Originals(int count) =>
        Enumerable.Range(0, count).Select(i => i % 3 == 0 ? $"person{i}@corp.example" : i % 3 == 1 ? $"Name {i} Ünïcødé" : i.ToString(System.Globalization.CultureInfo.InvariantCulture));

    [GeneratedRegex(@"^[^@\s]+@[^@\s]+\.[^@\s]+$")]
    private static partial Regex Email();
}
