using System.Collections.Frozen;
using System.Reflection;
using Bogus;
using DevDbSeed.Catalog;

namespace DevDbSeed.Masking.Fakes;

/// <summary>
/// Every generator a rule can name: all of Bogus's <c>dataset.method</c> generators that take no required
/// argument, the common ones replaced by fast equivalents that pick from the same locale data.
/// </summary>
public sealed class FakeCatalog
{
    private static readonly Lazy<FakeCatalog> Instance = new(Build);
    private static readonly FrozenSet<TypeCategory> NoExtraTypes = FrozenSet<TypeCategory>.Empty;
    private readonly FrozenDictionary<string, FakeDefinition> _definitions;

    private FakeCatalog(Dictionary<string, FakeDefinition> definitions)
    {
        _definitions = definitions.ToFrozenDictionary(StringComparer.Ordinal);
        Names = [.. _definitions.Keys.Order(StringComparer.Ordinal)];
    }

    public static FakeCatalog Default => Instance.Value;

    /// <summary>Every generator name, sorted.</summary>
    public IReadOnlyList<string> Names { get; }

    public FakeDefinition? Find(string name) => _definitions.GetValueOrDefault(name);

    private static FakeCatalog Build()
    {
        var definitions = new Dictionary<string, FakeDefinition>(StringComparer.Ordinal);
        foreach (var definition in BogusGenerators())
        {
            definitions[definition.Name] = definition;
        }

        foreach (var definition in FastGenerators())
        {
            definitions[definition.Name] = definition;
        }

        return new FakeCatalog(definitions);
    }

    /// <summary>Bogus's own generators, found by reflection over <see cref="Faker"/>'s datasets.</summary>
    private static IEnumerable<FakeDefinition> BogusGenerators()
    {
        var datasets = typeof(Faker).GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => typeof(DataSet).IsAssignableFrom(p.PropertyType) || p.PropertyType == typeof(Randomizer));
        foreach (var dataset in datasets)
        {
            var methods = dataset.PropertyType.GetMethods(BindingFlags.Public | BindingFlags.Instance)
                .Where(m => !m.IsSpecialName && !m.IsGenericMethodDefinition && m.DeclaringType != typeof(object)
                    && m.DeclaringType != typeof(DataSet) && m.GetParameters().All(p => p.HasDefaultValue || p.IsOptional))
                .GroupBy(m => m.Name)
                .Select(g => g.OrderBy(m => m.GetParameters().Length).First());
            foreach (var method in methods)
            {
                if (BogusMethodFake.OutputOf(method.ReturnType) is not { } output)
                {
                    continue;
                }

                var call = BogusMethodFake.Invoker(dataset, method);
                yield return new FakeDefinition(
                    $"{CamelCase(dataset.Name)}.{CamelCase(method.Name)}", output,
                    locale => new BogusMethodFake(locale, call, output), NoExtraTypes, IsFast: false);
            }
        }
    }

    /// <summary>The generators used most, picking straight from compiled locale data with the keyed random source.</summary>
    private static IEnumerable<FakeDefinition> FastGenerators()
    {
        FakeDefinition Text(string name, Func<LocaleData, FakeGenerator> create, params TypeCategory[] extra) =>
            new(name, FakeOutput.Text, create, extra.Length == 0 ? NoExtraTypes : extra.ToFrozenSet(), IsFast: true);

        FakeDefinition List(string name, string category, string key, LocaleFormat format = LocaleFormat.Plain) =>
            Text(name, locale => new LocaleFake(locale.List(category, key, format)));

        yield return List("name.firstName", "name", "first_name");
        yield return List("name.lastName", "name", "last_name");
        yield return List("name.prefix", "name", "prefix");
        yield return List("name.suffix", "name", "suffix");
        yield return Text("name.fullName", locale => new FullNameFake(locale));
        yield return Text("name.findName", locale => new FullNameFake(locale));
        yield return List("address.city", "address", "city", LocaleFormat.Formatted);
        yield return List("address.cityPrefix", "address", "city_prefix");
        yield return List("address.citySuffix", "address", "city_suffix");
        yield return List("address.streetAddress", "address", "street_address", LocaleFormat.Formatted);
        yield return List("address.streetName", "address", "street_name", LocaleFormat.Formatted);
        yield return List("address.streetSuffix", "address", "street_suffix");
        yield return List("address.buildingNumber", "address", "building_number", LocaleFormat.Formatted);
        yield return List("address.secondaryAddress", "address", "secondary_address", LocaleFormat.Formatted);
        yield return List("address.zipCode", "address", "postcode", LocaleFormat.Formatted);
        yield return List("address.state", "address", "state");
        yield return List("address.stateAbbr", "address", "state_abbr");
        yield return List("address.county", "address", "county");
        yield return List("address.country", "address", "country");
        yield return List("address.countryCode", "address", "country_code");
        yield return List("address.direction", "address", "direction");
        yield return List("phone.phoneNumber", "phone_number", "formats", LocaleFormat.Phone);
        yield return List("company.companySuffix", "company", "suffix");
        yield return Text("company.companyName", locale => new LocaleFake(locale.List("company", "name", LocaleFormat.Formatted)));
        yield return Text("internet.email", locale => new EmailFake(locale));
        yield return Text("internet.exampleEmail", locale => new EmailFake(locale));
        yield return Text("internet.userName", locale => new UserNameFake(locale));
        yield return List("internet.domainSuffix", "internet", "domain_suffix");
        yield return Text("internet.ip", _ => new Ipv4Fake(), TypeCategory.Inet, TypeCategory.Cidr);
        yield return Text("internet.ipv6", _ => new Ipv6Fake(), TypeCategory.Inet, TypeCategory.Cidr);
        yield return Text("internet.mac", _ => new MacFake(), TypeCategory.MacAddr);
        yield return Text("lorem.word", locale => new LoremFake(locale, LoremFake.Shape.Word));
        yield return Text("lorem.words", locale => new LoremFake(locale, LoremFake.Shape.Words));
        yield return Text("lorem.sentence", locale => new LoremFake(locale, LoremFake.Shape.Sentence));
        yield return Text("lorem.sentences", locale => new LoremFake(locale, LoremFake.Shape.Sentences));
        yield return Text("lorem.paragraph", locale => new LoremFake(locale, LoremFake.Shape.Paragraph));
        yield return Text("lorem.paragraphs", locale => new LoremFake(locale, LoremFake.Shape.Paragraphs));
        yield return new FakeDefinition("random.uuid", FakeOutput.Uuid, _ => new UuidFake(), NoExtraTypes, IsFast: true);
    }

    private static string CamelCase(string name) => char.ToLowerInvariant(name[0]) + name[1..];
}
