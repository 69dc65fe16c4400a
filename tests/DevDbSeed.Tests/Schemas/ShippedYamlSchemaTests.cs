using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using DevDbSeed.Masking.Fakes;
using Json.Schema;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace DevDbSeed.Tests.Schemas;

/// <summary>The JSON Schemas editors validate rules and pipelines with, against every shipped YAML file.</summary>
public sealed partial class ShippedYamlSchemaTests
{
    private static readonly string Shipped = Path.Combine(AppContext.BaseDirectory, "Shipped");

    public static TheoryData<string> RulesFiles => [.. new[] { "rules/vca.yaml", "pagila/rules.yaml" }];

    public static TheoryData<string> PipelineFiles => [.. Directory.GetFiles(Path.Combine(Shipped, "pipelines"), "*.yaml").Select(f => "pipelines/" + Path.GetFileName(f))];

    [Theory]
    [MemberData(nameof(RulesFiles))]
    public void Every_shipped_rules_file_is_valid_against_the_rules_schema(string file)
    {
        AssertValid(Schema("rules/rules.schema.json"), file);
    }

    [Theory]
    [MemberData(nameof(PipelineFiles))]
    public void Every_shipped_pipeline_is_valid_against_the_pipeline_schema(string file)
    {
        AssertValid(Schema("pipelines/pipeline.schema.json"), file);
    }

    [Theory]
    [MemberData(nameof(RulesFiles))]
    [MemberData(nameof(PipelineFiles))]
    public void Every_shipped_yaml_file_names_its_schema_for_editors(string file)
    {
        var first = File.ReadLines(Path.Combine(Shipped, file)).First();
        var match = SchemaComment().Match(first);
        Assert.True(match.Success, $"{file} does not start with a yaml-language-server $schema comment");
        Assert.EndsWith(".schema.json", match.Groups[1].Value, StringComparison.Ordinal);
    }

    [Fact]
    public void The_rules_schema_offers_exactly_the_generators_devdbseed_knows()
    {
        var schema = JsonNode.Parse(File.ReadAllText(Path.Combine(Shipped, "rules", "rules.schema.json")))!;
        var names = schema["$defs"]!["generator"]!["enum"]!.AsArray().Select(n => n!.GetValue<string>());

        Assert.Equal(FakeCatalog.Default.Names, names);
    }

    [Fact]
    public void The_rules_schema_offers_exactly_the_locales_devdbseed_knows()
    {
        var schema = JsonNode.Parse(File.ReadAllText(Path.Combine(Shipped, "rules", "rules.schema.json")))!;
        var locales = schema["properties"]!["locale"]!["enum"]!.AsArray().Select(n => n!.GetValue<string>());

        Assert.Equal(LocaleData.AvailableLocales, locales);
    }

    [Theory]
    [InlineData("version: 1\ntables:\n  public.t:\n    columns:\n      a: { fake: name.frist_name }\n")]
    [InlineData("version: 1\ntables:\n  public.t:\n    columns:\n      a: { mask: { keep_lats: 2 } }\n")]
    [InlineData("version: 1\ntables:\n  public.t: kept\n")]
    [InlineData("version: 2\ntables:\n  public.t: keep\n")]
    [InlineData("version: 1\ntables:\n  t: keep\n")]
    [InlineData("version: 1\ntables:\n  public.t:\n    columns:\n      a: { scrub: [email, postcode] }\n")]
    public void The_rules_schema_rejects_mistakes_an_editor_should_flag(string yaml)
    {
        Assert.False(Validate(Schema("rules/rules.schema.json"), Parse(yaml)).IsValid);
    }

    private static void AssertValid(JsonSchema schema, string file)
    {
        var result = Validate(schema, Parse(File.ReadAllText(Path.Combine(Shipped, file))));
        var errors = (result.Details ?? []).Where(d => d.Errors is not null).SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Value}"));
        Assert.True(result.IsValid, $"{file} is not valid: {string.Join("; ", errors.Take(10))}");
    }

    private static EvaluationResults Validate(JsonSchema schema, JsonNode? document) =>
        schema.Evaluate(System.Text.Json.JsonSerializer.SerializeToElement(document), new EvaluationOptions { OutputFormat = OutputFormat.List });

    /// <summary>Each schema loaded once: JsonSchema.Net registers schemas by $id, process-wide.</summary>
    private static JsonSchema Schema(string file) => Loaded.GetOrAdd(file, f => JsonSchema.FromFile(Path.Combine(Shipped, f)));

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, JsonSchema> Loaded = new(StringComparer.Ordinal);

    /// <summary>YAML to JSON by the YAML core schema: plain null, booleans and numbers are typed; quoted scalars are strings.</summary>
    private static JsonNode? Parse(string yaml)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        return Convert(stream.Documents[0].RootNode);
    }

    private static JsonNode? Convert(YamlNode node) => node switch
    {
        YamlMappingNode mapping => new JsonObject(mapping.Children.Select(e => KeyValuePair.Create(((YamlScalarNode)e.Key).Value!, Convert(e.Value)))),
        YamlSequenceNode sequence => new JsonArray([.. sequence.Children.Select(Convert)]),
        YamlScalarNode scalar => Scalar(scalar),
        _ => null,
    };

    private static JsonNode? Scalar(YamlScalarNode scalar)
    {
        var value = scalar.Value ?? string.Empty;
        if (scalar.Style is not (ScalarStyle.Plain or ScalarStyle.Any))
        {
            return JsonValue.Create(value);
        }

        return value switch
        {
            "" or "~" or "null" or "Null" or "NULL" => null,
            "true" or "True" or "TRUE" => JsonValue.Create(true),
            "false" or "False" or "FALSE" => JsonValue.Create(false),
            _ when long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var integer) => JsonValue.Create(integer),
            _ when double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) => JsonValue.Create(number),
            _ => JsonValue.Create(value),
        };
    }

    [GeneratedRegex(@"^# yaml-language-server: \$schema=(\S+)$")]
    private static partial Regex SchemaComment();
}
