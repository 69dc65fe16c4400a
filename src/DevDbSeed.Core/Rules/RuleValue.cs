using System.Text.Json.Nodes;

namespace DevDbSeed.Rules;

/// <summary>
/// The shape of the value a rule kind takes, as the rules JSON Schema describes it: parameters declared as data
/// (<see cref="ParametersValue"/>), or one of the other shapes a kind's own parser reads.
/// </summary>
public abstract record RuleValue
{
    /// <summary>A generator name, <c>dataset.method</c> (<c>fake</c>).</summary>
    public static RuleValue Generator { get; } = new GeneratorValue();

    /// <summary>Another column rule (<c>each</c>).</summary>
    public static RuleValue Rule { get; } = new RuleReferenceValue();

    /// <summary>A mapping of JSON paths to rules (<c>json</c>).</summary>
    public static RuleValue RulesByPath { get; } = new RulesByPathValue();

    /// <summary>A constant: any single value, or null (<c>set</c>).</summary>
    public static RuleValue Constant { get; } = new ConstantValue();

    /// <summary>Nothing: the kind is written as YAML null on its own (<c>null</c>).</summary>
    public static RuleValue Nothing { get; } = new NothingValue();

    /// <summary>Text matching <paramref name="pattern"/> (<c>template</c>: holds <c>{{</c>).</summary>
    public static RuleValue Text(string pattern) => new TextValue(pattern);

    /// <summary>A list of names out of <paramref name="names"/>, or <paramref name="all"/> for every one (<c>scrub</c>).</summary>
    public static NamesValue NameList(IReadOnlyList<string> names, string all) => new(names, all);

    /// <summary>A mapping of named parameters, each checked against its declaration.</summary>
    public static ParametersValue Mapping(params RuleParameter[] parameters) => new(parameters);

    /// <summary>The JSON Schema of the value.</summary>
    internal abstract JsonObject Schema();
}

/// <summary>A generator name, <c>dataset.method</c>.</summary>
public sealed record GeneratorValue : RuleValue
{
    internal override JsonObject Schema() => new() { ["$ref"] = RulesSchema.GeneratorReference };
}

/// <summary>Another column rule.</summary>
public sealed record RuleReferenceValue : RuleValue
{
    internal override JsonObject Schema() => new() { ["$ref"] = RulesSchema.RuleReference };
}

/// <summary>A mapping of JSON paths to rules, at least one.</summary>
public sealed record RulesByPathValue : RuleValue
{
    internal override JsonObject Schema() => new()
    {
        ["type"] = "object",
        ["minProperties"] = 1,
        ["additionalProperties"] = new JsonObject { ["$ref"] = RulesSchema.RuleReference },
    };
}

/// <summary>A constant: a string, number or boolean as written, or null.</summary>
public sealed record ConstantValue : RuleValue
{
    internal override JsonObject Schema() => new() { ["type"] = new JsonArray("string", "number", "boolean", "null") };
}

/// <summary>YAML null.</summary>
public sealed record NothingValue : RuleValue
{
    internal override JsonObject Schema() => new() { ["type"] = "null" };
}

/// <summary>Text matching a regular expression.</summary>
public sealed record TextValue(string Pattern) : RuleValue
{
    internal override JsonObject Schema() => new() { ["type"] = "string", ["pattern"] = Pattern };
}

/// <summary>A list of distinct names out of <paramref name="Names"/>, at least one, or the single word <paramref name="All"/>.</summary>
public sealed record NamesValue(IReadOnlyList<string> Names, string All) : RuleValue
{
    internal override JsonObject Schema() => new()
    {
        ["oneOf"] = new JsonArray(
            new JsonObject { ["const"] = All },
            new JsonObject
            {
                ["type"] = "array",
                ["minItems"] = 1,
                ["uniqueItems"] = true,
                ["items"] = new JsonObject { ["enum"] = RulesSchema.Strings(Names) },
            }),
    };
}

/// <summary>
/// A mapping of named parameters (<c>{ length: 12, alphabet: hex }</c>): no other key, every required one given. A
/// kind whose parameters are all optional may be written with nothing (<c>{ hash: ~ }</c>).
/// </summary>
public sealed record ParametersValue(IReadOnlyList<RuleParameter> Parameters) : RuleValue
{
    /// <summary>The parameter names, in declaration order: the keys the mapping may hold.</summary>
    public IReadOnlyList<string> Names { get; } = [.. Parameters.Select(p => p.Name)];

    /// <summary>The declared parameter called <paramref name="name"/>, if any.</summary>
    public RuleParameter? Find(string name) => Parameters.FirstOrDefault(p => p.Name == name);

    internal override JsonObject Schema()
    {
        var required = Parameters.Where(p => p.Required).Select(p => p.Name).ToList();
        var schema = new JsonObject
        {
            ["type"] = required.Count > 0 ? (JsonNode)"object" : new JsonArray("object", "null"),
            ["additionalProperties"] = false,
        };
        if (required.Count > 0)
        {
            schema["required"] = RulesSchema.Strings(required);
        }

        schema["properties"] = new JsonObject(Parameters.Select(p => KeyValuePair.Create(p.Name, (JsonNode?)p.Schema())));
        return schema;
    }
}
