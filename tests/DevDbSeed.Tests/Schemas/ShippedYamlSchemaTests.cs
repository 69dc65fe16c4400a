using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using DevDbSeed.Configuration;
using DevDbSeed.Masking.Fakes;

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
        AssertValid(JsonSchemas.RulesErrors, file);
    }

    [Theory]
    [MemberData(nameof(PipelineFiles))]
    public void Every_shipped_pipeline_is_valid_against_the_pipeline_schema(string file)
    {
        AssertValid(JsonSchemas.PipelineErrors, file);
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
    [InlineData("version: 1\ntables:\n  public.t:\n    columns:\n      a: { set: null, unique: true }\n")]
    [InlineData("version: 1\ntables:\n  public.t:\n    columns:\n      a: { mask: { with: ab } }\n")]
    [InlineData("version: 1\ntables:\n  public.t:\n    columns:\n      a: { shift: { days: 0 } }\n")]
    public void The_rules_schema_rejects_mistakes_an_editor_should_flag(string yaml)
    {
        Assert.NotEmpty(JsonSchemas.RulesErrors(yaml));
    }

    [Fact]
    public void The_pipeline_schema_describes_exactly_the_keys_the_pipeline_loader_knows()
    {
        var schema = JsonNode.Parse(File.ReadAllText(Path.Combine(Shipped, "pipelines", "pipeline.schema.json")))!;
        var described = schema["properties"]!.AsObject().Select(p => p.Key);

        Assert.Equal(PipelineFile.KnownKeys.Order(StringComparer.Ordinal), described.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void The_pipeline_schema_takes_after_scripts_as_a_list_of_files_only()
    {
        Assert.Empty(JsonSchemas.PipelineErrors("rules: r.yaml\nafter: [post.sql, after/dev-accounts.sql]\n"));
        Assert.NotEmpty(JsonSchemas.PipelineErrors("rules: r.yaml\nafter: post.sql\n"));
        Assert.NotEmpty(JsonSchemas.PipelineErrors("rules: r.yaml\nafter: [{ file: post.sql }]\n"));
    }

    private static void AssertValid(Func<string, List<string>> errorsOf, string file)
    {
        var errors = errorsOf(File.ReadAllText(Path.Combine(Shipped, file)));
        Assert.True(errors.Count == 0, $"{file} is not valid: {string.Join("; ", errors.Take(10))}");
    }

    [GeneratedRegex(@"^# yaml-language-server: \$schema=(\S+)$")]
    private static partial Regex SchemaComment();
}
