using System.Reflection;
using System.Security.Cryptography;
using Bogus;
using DevDbSeed.Catalog;
using DevDbSeed.Masking;
using DevDbSeed.Masking.Fakes;
using DevDbSeed.Yaml;

namespace DevDbSeed.Tests.Masking.Fakes;

public sealed class FakeCatalogTests
{
    public static TheoryData<string> FastGenerators => [.. FakeCatalog.Default.Names.Where(n => FakeCatalog.Default.Find(n)!.IsFast)];

    [Fact]
    public void Has_fast_generators_for_the_common_names()
    {
        string[] common = ["name.firstName", "name.lastName", "name.fullName", "internet.email", "address.city", "address.streetAddress", "phone.phoneNumber", "internet.ip", "random.uuid"];

        Assert.All(common, name => Assert.True(FakeCatalog.Default.Find(name)?.IsFast, $"{name} has no fast generator"));
    }

    [Fact]
    public void Offers_bogus_generators_beyond_the_fast_ones()
    {
        Assert.False(FakeCatalog.Default.Find("name.jobTitle")!.IsFast);
        Assert.NotNull(FakeCatalog.Default.Find("commerce.productName"));
        Assert.NotNull(FakeCatalog.Default.Find("finance.iban"));
        Assert.Null(FakeCatalog.Default.Find("name.frist_name"));
        Assert.Null(FakeCatalog.Default.Find("Name.FirstName"));
    }

    [Fact]
    public void Names_are_sorted_and_unique()
    {
        var names = FakeCatalog.Default.Names;

        Assert.Equal(names.Order(StringComparer.Ordinal), names);
        Assert.Equal(names.Count, names.Distinct(StringComparer.Ordinal).Count());
    }

    [Theory]
    [MemberData(nameof(FastGenerators))]
    public void Every_fast_generator_has_a_name_bogus_itself_offers(string name)
    {
        var dot = name.IndexOf('.', StringComparison.Ordinal);
        var dataset = typeof(Faker).GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => typeof(Bogus.DataSet).IsAssignableFrom(p.PropertyType) || p.PropertyType == typeof(Randomizer))
            .SingleOrDefault(p => CamelCase(p.Name) == name[..dot]);
        Assert.True(dataset is not null, $"Bogus has no dataset '{name[..dot]}'");

        var methods = dataset.PropertyType.GetMethods(BindingFlags.Public | BindingFlags.Instance)
            .Where(m => CamelCase(m.Name) == name[(dot + 1)..] && m.GetParameters().All(p => p.IsOptional))
            .ToList();
        Assert.True(methods.Count > 0, $"Bogus's {dataset.Name} has no method '{name[(dot + 1)..]}' callable without arguments");
    }

    [Theory]
    [MemberData(nameof(FastGenerators))]
    public void Every_fast_generator_makes_non_empty_values_no_shorter_than_its_minimum(string name)
    {
        var generator = FakeCatalog.Default.Find(name)!.Create(LocaleData.For("en"));
        var output = new Utf8Builder();
        var shortest = int.MaxValue;

        for (var i = 0; i < 3000; i++)
        {
            var random = new KeyedRandom(SHA256.HashData(BitConverter.GetBytes(i)));
            output.Clear();
            generator.Generate(ref random, output);
            Assert.True(output.Length > 0, $"{name} made an empty value for seed {i}");
            shortest = Math.Min(shortest, Utf8Text.CharCount(output.Written));
        }

        Assert.True(generator.MinLength <= shortest, $"{name} claims at least {generator.MinLength} characters, made {shortest}");
        Assert.True(generator.MinLength >= 1);
    }

    [Fact]
    public void Every_generator_is_a_pure_function_of_its_seed_and_never_empty()
    {
        var problems = new List<string>();

        foreach (var name in FakeCatalog.Default.Names)
        {
            var definition = FakeCatalog.Default.Find(name)!;
            var forward = Generate(definition.Create(LocaleData.For("en")), Enumerable.Range(0, 30));
            var backward = Generate(definition.Create(LocaleData.For("en")), Enumerable.Range(0, 30).Reverse());
            if (!forward.SequenceEqual(backward))
            {
                problems.Add($"{name} is not deterministic");
            }

            if (forward.Values.Any(string.IsNullOrEmpty))
            {
                problems.Add($"{name} made an empty value");
            }
        }

        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Fact]
    public void Every_generator_writes_values_postgresql_reads_as_its_output_kind()
    {
        var problems = new List<string>();

        foreach (var name in FakeCatalog.Default.Names)
        {
            var definition = FakeCatalog.Default.Find(name)!;
            foreach (var value in Generate(definition.Create(LocaleData.For("en")), Enumerable.Range(0, 20)).Values)
            {
                var ok = definition.Output switch
                {
                    FakeOutput.Integer => decimal.TryParse(value, System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out _),
                    FakeOutput.Decimal => double.TryParse(value, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out _),
                    FakeOutput.Boolean => value is "true" or "false",
                    FakeOutput.Date => System.Text.RegularExpressions.Regex.IsMatch(value, @"^\d{4}-\d{2}-\d{2}$"),
                    FakeOutput.Timestamp => System.Text.RegularExpressions.Regex.IsMatch(value, @"^\d{4}-\d{2}-\d{2}( \d{2}:\d{2}:\d{2}(\.\d+)?([+-]\d{2}:\d{2})?)?$"),
                    FakeOutput.Time => TimeOnly.TryParse(value, System.Globalization.CultureInfo.InvariantCulture, out _),
                    FakeOutput.Uuid => Guid.TryParse(value, out _),
                    _ => true,
                };
                if (!ok)
                {
                    problems.Add($"{name} ({definition.Output}) wrote '{value}'");
                    break;
                }
            }
        }

        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Theory]
    [InlineData("de")]
    [InlineData("fr")]
    [InlineData("ja")]
    [InlineData("ru")]
    [InlineData("pt_BR")]
    [InlineData("cz")]
    public void Fast_generators_work_in_other_locales(string locale)
    {
        var output = new Utf8Builder();
        var broken = new List<string>();

        foreach (var name in FakeCatalog.Default.Names.Where(n => FakeCatalog.Default.Find(n)!.IsFast))
        {
            try
            {
                var generator = FakeCatalog.Default.Find(name)!.Create(LocaleData.For(locale));
                for (var i = 0; i < 200; i++)
                {
                    var random = new KeyedRandom(SHA256.HashData(BitConverter.GetBytes(i)));
                    output.Clear();
                    generator.Generate(ref random, output);
                    if (output.Length == 0 || generator.MinLength > Utf8Text.CharCount(output.Written))
                    {
                        broken.Add($"{name}: '{output}' is empty or shorter than its minimum {generator.MinLength}");
                        break;
                    }
                }
            }
            catch (Exception e) when (e is ArgumentException or InvalidOperationException)
            {
                broken.Add($"{name}: {e.GetType().Name}: {e.Message.Split('\n')[0]}");
            }
        }

        Assert.True(broken.Count == 0, $"in locale {locale}:\n" + string.Join("\n", broken));
    }

    [Theory]
    [InlineData("name.firstName", "name", "first_name")]
    [InlineData("name.lastName", "name", "last_name")]
    [InlineData("address.country", "address", "country")]
    [InlineData("address.state", "address", "state")]
    [InlineData("company.companySuffix", "company", "suffix")]
    public void Fast_list_generators_pick_from_bogus_own_data(string name, string category, string key)
    {
        var array = (Bogus.Bson.BArray)Database.Get(category, key, "en");
        var known = Enumerable.Range(0, array.Count).Select(i => array[i].StringValue).ToHashSet(StringComparer.Ordinal);
        var generator = FakeCatalog.Default.Find(name)!.Create(LocaleData.For("en"));
        var output = new Utf8Builder();
        var seen = new HashSet<string>(StringComparer.Ordinal);

        for (var i = 0; i < 2000; i++)
        {
            var random = new KeyedRandom(SHA256.HashData(BitConverter.GetBytes(i)));
            output.Clear();
            generator.Generate(ref random, output);
            Assert.Contains(output.ToString(), known);
            seen.Add(output.ToString());
        }

        Assert.True(seen.Count >= Math.Min(known.Count / 2, 500), $"only {seen.Count} distinct values of {known.Count}");
    }

    [Theory]
    [InlineData("name.frist_name", "name.firstName")]
    [InlineData("name.firstname", "name.firstName")]
    [InlineData("name.first_name", "name.firstName")]
    [InlineData("internet.emial", "internet.email")]
    [InlineData("adress.city", "address.city")]
    [InlineData("address.streetadress", "address.streetAddress")]
    [InlineData("phone.phone_number", "phone.phoneNumber")]
    public void Typos_get_the_intended_name_suggested_first(string typo, string intended)
    {
        var closest = Suggestions.Closest(typo, FakeCatalog.Default.Names);

        Assert.NotEmpty(closest);
        Assert.Equal(intended, closest[0]);
    }

    [Fact]
    public void Nonsense_gets_no_suggestion()
    {
        Assert.Empty(Suggestions.Closest("zzzzzzzzzzzzzz.qqqqqqqqq", FakeCatalog.Default.Names));
        Assert.Equal(string.Empty, Suggestions.DidYouMean("zzzzzzzzzzzzzz.qqqqqqqqq", FakeCatalog.Default.Names));
    }

    [Theory]
    [InlineData("internet.ip", TypeCategory.Inet, true)]
    [InlineData("internet.ip", TypeCategory.Integer, false)]
    [InlineData("random.uuid", TypeCategory.Uuid, true)]
    [InlineData("random.uuid", TypeCategory.Text, true)]
    [InlineData("random.number", TypeCategory.Integer, true)]
    [InlineData("random.bool", TypeCategory.Boolean, true)]
    [InlineData("date.past", TypeCategory.TimestampTz, true)]
    [InlineData("name.firstName", TypeCategory.Date, false)]
    public void Generators_say_which_column_types_they_fill(string name, TypeCategory category, bool fits)
    {
        Assert.Equal(fits, FakeCatalog.Default.Find(name)!.Fits(category));
    }

    [Fact]
    public void Slow_bogus_generators_are_deterministic_per_seed()
    {
        var definition = FakeCatalog.Default.Find("date.past")!;
        var a = definition.Create(LocaleData.For("en"));
        var b = definition.Create(LocaleData.For("en"));
        var outputA = new Utf8Builder();
        var outputB = new Utf8Builder();

        for (var i = 0; i < 200; i++)
        {
            var ra = new KeyedRandom(SHA256.HashData(BitConverter.GetBytes(i)));
            var rb = new KeyedRandom(SHA256.HashData(BitConverter.GetBytes(i)));
            outputA.Clear();
            outputB.Clear();
            a.Generate(ref ra, outputA);
            b.Generate(ref rb, outputB);
            Assert.Equal(outputA.ToString(), outputB.ToString());
        }
    }

    private static Dictionary<int, string> Generate(FakeGenerator generator, IEnumerable<int> seeds)
    {
        var values = new Dictionary<int, string>();
        var output = new Utf8Builder();
        foreach (var seed in seeds)
        {
            var random = new KeyedRandom(SHA256.HashData(BitConverter.GetBytes(seed)));
            output.Clear();
            generator.Generate(ref random, output);
            values[seed] = output.ToString();
        }

        return values.OrderBy(v => v.Key).ToDictionary();
    }

    private static string CamelCase(string name) => char.ToLowerInvariant(name[0]) + name[1..];
}
