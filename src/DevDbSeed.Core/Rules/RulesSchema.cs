using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using DevDbSeed.Masking.Fakes;
using DevDbSeed.Masking.Transformers;

namespace DevDbSeed.Rules;

/// <summary>
/// The JSON Schema of rules files, for editors: the shipped rules/rules.schema.json is this text, and
/// <c>devdbseed rules schema</c> prints it. The file layout, the locales and generators this build knows, and one
/// alternative per rule kind of <see cref="RuleKinds"/>, made from the kind's own declaration (its value, its
/// parameters, whether <c>unique</c> is allowed), so the schema accepts what the parser accepts.
/// </summary>
public static class RulesSchema
{
    /// <summary>The schema's <c>$id</c>.</summary>
    public const string Id = "https://devdbseed.dev/schemas/rules.schema.json";

    internal const string GeneratorReference = "#/$defs/generator";
    internal const string RuleReference = "#/$defs/rule";
    private const string TableReference = "#/$defs/table";
    private const string ColumnRuleReference = "#/$defs/columnRule";
    private const string UniqueReference = "#/$defs/unique";

    /// <summary>The schema as indented JSON: two spaces, <c>\n</c> line ends, a final line end.</summary>
    public static string Write()
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, NewLine = "\n", Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            Schema().WriteTo(writer);
        }

        return Encoding.UTF8.GetString(stream.ToArray()) + "\n";
    }

    /// <summary>The schema as a JSON document.</summary>
    public static JsonObject Schema() => new()
    {
        ["$schema"] = "https://json-schema.org/draft/2020-12/schema",
        ["$id"] = Id,
        ["title"] = $"DevDbSeed rules file, version {RulesLoader.Version}",
        ["description"] = "Every table of the source needs an entry: keep (reviewed, nothing sensitive), empty (structure only), or a rule per column.",
        ["type"] = "object",
        ["additionalProperties"] = false,
        ["required"] = Strings(["version", "tables"]),
        ["properties"] = new JsonObject
        {
            ["version"] = new JsonObject { ["const"] = RulesLoader.Version },
            ["locale"] = new JsonObject
            {
                ["type"] = "string",
                ["description"] = $"Bogus locale of the fakes (default {LocaleData.Fallback}).",
                ["enum"] = Strings(LocaleData.AvailableLocales),
            },
            ["tables"] = new JsonObject
            {
                ["type"] = "object",
                ["description"] = "schema.table, exactly as the catalog names it (no SQL quoting).",
                ["propertyNames"] = new JsonObject { ["pattern"] = @"^[^.]+\..+$" },
                ["additionalProperties"] = new JsonObject { ["$ref"] = TableReference },
            },
        },
        ["$defs"] = new JsonObject
        {
            ["table"] = Table(),
            ["columnRule"] = new JsonObject
            {
                ["anyOf"] = new JsonArray(new JsonObject { ["const"] = "keep" }, new JsonObject { ["$ref"] = RuleReference }),
            },
            ["generator"] = new JsonObject
            {
                ["type"] = "string",
                ["description"] = "A Bogus generator, dataset.method.",
                ["enum"] = Strings(FakeCatalog.Default.Names),
            },
            ["unique"] = new JsonObject
            {
                ["type"] = "boolean",
                ["description"] = "Keep distinct values distinct even without a unique constraint.",
            },
            ["rule"] = new JsonObject { ["anyOf"] = new JsonArray([.. Rules()]) },
        },
    };

    /// <summary>A table: <c>keep</c>, <c>empty</c>, or its columns' rules (and the rows kept unmasked).</summary>
    private static JsonObject Table() => new()
    {
        ["oneOf"] = new JsonArray(
            new JsonObject { ["enum"] = Strings(["keep", "empty"]) },
            new JsonObject
            {
                ["type"] = "object",
                ["additionalProperties"] = false,
                ["required"] = Strings(["columns"]),
                ["properties"] = new JsonObject
                {
                    ["columns"] = new JsonObject
                    {
                        ["type"] = "object",
                        ["minProperties"] = 1,
                        ["additionalProperties"] = new JsonObject { ["$ref"] = ColumnRuleReference },
                    },
                    ["keep_rows"] = new JsonObject
                    {
                        ["type"] = "string",
                        ["pattern"] = @"\S",
                        ["description"] = "An SQL predicate over the table's columns, evaluated by the source server in the run's snapshot: "
                            + "the rows it matches are copied unmasked (the team's own test accounts); every other row is masked.",
                    },
                },
            }),
    };

    /// <summary>The alternatives of a rule: the short forms (null, a bare generator name), then one per registered kind.</summary>
    private static IEnumerable<JsonNode> Rules()
    {
        yield return Described(NullRule.Declaration.Value.Schema(), NullRule.Declaration.Description);
        yield return Described(RuleValue.Generator.Schema(), $"Short for {{ {FakeRule.Declaration.Name}: dataset.method }}.");
        foreach (var kind in RuleKinds.All)
        {
            yield return Keyed(kind);
        }
    }

    /// <summary>A kind written as a mapping: its key, with <c>unique</c> beside it when the kind can be unique.</summary>
    private static JsonObject Keyed(RuleKind kind)
    {
        var properties = new JsonObject { [kind.Name] = Described(kind.Value.Schema(), kind.Description) };
        if (kind.CanBeUnique)
        {
            properties["unique"] = new JsonObject { ["$ref"] = UniqueReference };
        }

        return new JsonObject
        {
            ["type"] = "object",
            ["additionalProperties"] = false,
            ["required"] = Strings([kind.Name]),
            ["properties"] = properties,
        };
    }

    private static JsonObject Described(JsonObject schema, string description)
    {
        schema["description"] = description;
        return schema;
    }

    internal static JsonArray Strings(IEnumerable<string> values) => new([.. values.Select(v => (JsonNode)JsonValue.Create(v))]);
}
