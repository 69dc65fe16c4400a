using System.Globalization;
using System.Text.Json.Nodes;
using Json.Schema;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace DevDbSeed.Testing;

/// <summary>
/// The JSON Schemas the repository ships for editors (rules/rules.schema.json, pipelines/pipeline.schema.json),
/// applied to YAML the way an editor's YAML language server does: YAML core schema to JSON, then JSON Schema. Shared
/// by both test projects (linked source); the schemas are copied to Shipped/ in each one's output.
/// </summary>
public static class JsonSchemas
{
    /// <summary>Each schema loaded once: JsonSchema.Net registers schemas by $id, process-wide.</summary>
    private static readonly Lazy<JsonSchema> RulesSchema = new(() => JsonSchema.FromFile(Path.Combine(AppContext.BaseDirectory, "Shipped", "rules", "rules.schema.json")));

    private static readonly Lazy<JsonSchema> PipelineSchema = new(() => JsonSchema.FromFile(Path.Combine(AppContext.BaseDirectory, "Shipped", "pipelines", "pipeline.schema.json")));

    /// <summary>The errors of a rules file against the rules schema (empty when valid).</summary>
    public static List<string> RulesErrors(string yaml) => Errors(RulesSchema.Value, yaml);

    /// <summary>The errors of a pipeline file against the pipeline schema (empty when valid).</summary>
    public static List<string> PipelineErrors(string yaml) => Errors(PipelineSchema.Value, yaml);

    private static List<string> Errors(JsonSchema schema, string yaml)
    {
        var result = schema.Evaluate(System.Text.Json.JsonSerializer.SerializeToElement(Parse(yaml)), new EvaluationOptions { OutputFormat = OutputFormat.List });
        if (result.IsValid)
        {
            return [];
        }

        var errors = (result.Details ?? []).Where(d => d.Errors is not null).SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Value}")).ToList();
        return errors.Count > 0 ? errors : ["invalid (no details)"];
    }

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
}
