using System.Globalization;
using System.Text.Json.Nodes;
using DevDbSeed.Errors;
using DevDbSeed.Rules;
using DevDbSeed.Tests.Rules;
using DevDbSeed.Tests.Support;

namespace DevDbSeed.Tests.Schemas;

/// <summary>The rules JSON Schema is generated from the rule kinds' declarations; the shipped file is that text.</summary>
public sealed class RulesSchemaTests
{
    private const string Regenerate = "dotnet run --project src/DevDbSeed.Cli -c Release -- rules schema --output rules/rules.schema.json";

    public static TheoryData<string> ParameterValues()
    {
        var data = new TheoryData<string>();
        foreach (var kind in RuleKinds.All)
        {
            if (kind.Value is ParametersValue declared)
            {
                foreach (var parameter in declared.Parameters)
                {
                    foreach (var value in Candidates(parameter))
                    {
                        var others = declared.Parameters.Where(p => p.Required && p != parameter).Select(p => $"{p.Name}: {Valid(p)}");
                        data.Add($"{{ {kind.Name}: {{ {string.Join(", ", [.. others, $"{parameter.Name}: {value}"])} }} }}");
                    }
                }
            }
        }

        return data;
    }

    [Fact]
    public void The_shipped_rules_schema_is_the_one_the_rule_kinds_declare()
    {
        var shipped = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Shipped", "rules", "rules.schema.json")).ReplaceLineEndings("\n");
        var generated = RulesSchema.Write();

        var firstDifference = shipped.Split('\n').Zip(generated.Split('\n')).TakeWhile(p => p.First == p.Second).Count() + 1;
        Assert.True(shipped == generated, $"rules/rules.schema.json differs from the generated schema from line {firstDifference} on; regenerate it: {Regenerate}");
    }

    [Fact]
    public void Every_registered_kind_is_an_alternative_of_the_schema_and_every_keyed_alternative_a_registered_kind()
    {
        var alternatives = Alternatives();

        var keyed = alternatives.Where(a => a["type"]?.GetValue<string>() == "object").Select(a => Assert.Single(a["required"]!.AsArray())!.GetValue<string>());
        var shortForms = alternatives.Where(a => a["type"]?.GetValue<string>() != "object").Select(a => a["$ref"]?.GetValue<string>() ?? a["type"]!.GetValue<string>());

        Assert.Equal(RuleKinds.Names, keyed);
        Assert.Equal(["null", "#/$defs/generator"], shortForms);
    }

    [Fact]
    public void Unique_is_offered_exactly_beside_the_kinds_that_can_be_unique()
    {
        foreach (var alternative in Alternatives().Where(a => a["type"]?.GetValue<string>() == "object"))
        {
            var properties = alternative["properties"]!.AsObject();
            var kind = RuleKinds.Find(properties.First().Key)!;

            Assert.Equal(kind.CanBeUnique, properties.ContainsKey("unique"));
        }
    }

    [Theory]
    [MemberData(nameof(ParameterValues))]
    public void The_parser_and_the_schema_agree_on_every_declared_parameter_at_and_beyond_its_bounds(string rule)
    {
        Assert.Equal(ParserAccepts(rule), SchemaAccepts(rule));
    }

    [Theory]
    [MemberData(nameof(RuleKindsTests.LongForms), MemberType = typeof(RuleKindsTests))]
    public void The_parser_and_the_schema_agree_on_unique_for_every_kind(string kind, string rule)
    {
        var unique = rule[..^1].TrimEnd() + ", unique: true }";

        Assert.Equal(RuleKinds.Find(kind)!.CanBeUnique, ParserAccepts(unique));
        Assert.Equal(ParserAccepts(unique), SchemaAccepts(unique));
    }

    [Fact]
    public void Parameters_carry_their_descriptions_into_the_schema()
    {
        var hash = Alternatives().Single(a => a["required"]?[0]?.GetValue<string>() == "hash")["properties"]!["hash"]!;

        Assert.False(string.IsNullOrWhiteSpace(hash["description"]?.GetValue<string>()));
        Assert.All(hash["properties"]!.AsObject(), p => Assert.False(string.IsNullOrWhiteSpace(p.Value!["description"]?.GetValue<string>())));
        Assert.Equal(1024, hash["properties"]!["length"]!["maximum"]!.GetValue<int>());
    }

    private static List<JsonObject> Alternatives() =>
        [.. JsonNode.Parse(RulesSchema.Write())!["$defs"]!["rule"]!["anyOf"]!.AsArray().Select(a => a!.AsObject())];

    private static IEnumerable<string> Candidates(RuleParameter parameter) => parameter switch
    {
        IntegerParameter i => [Text(i.Minimum - 1), Text(i.Minimum), Text(i.Maximum), Text(i.Maximum + 1), "1.5", "x"],
        NumberParameter n => [Text(n.ExclusiveMinimum), Text(n.ExclusiveMinimum + 0.001), Text(n.Maximum), Text(n.Maximum + 0.5), "x"],
        CharacterParameter => ["\"#\"", "é", "\"\U0001F600\"", "ab", "\"\""],
        _ => [.. parameter.Schema()["enum"]!.AsArray().Select(word => word!.GetValue<string>()), "bogus"],
    };

    private static string Valid(RuleParameter parameter) => parameter switch
    {
        IntegerParameter i => Text(i.Minimum),
        NumberParameter n => Text(n.Maximum),
        CharacterParameter => "\"#\"",
        _ => parameter.Schema()["enum"]![0]!.GetValue<string>(),
    };

    private static string Text(double value) => value.ToString(CultureInfo.InvariantCulture);

    private static bool ParserAccepts(string rule)
    {
        try
        {
            Masks.Rule(rule);
            return true;
        }
        catch (ConfigurationException)
        {
            return false;
        }
    }

    private static bool SchemaAccepts(string rule) =>
        JsonSchemas.RulesErrors($"version: 1\ntables:\n  public.t:\n    columns:\n      a: {rule}\n").Count == 0;
}
