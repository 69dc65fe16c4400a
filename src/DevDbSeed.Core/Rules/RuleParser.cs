using DevDbSeed.Masking;
using DevDbSeed.Masking.Fakes;
using DevDbSeed.Masking.Transformers;
using DevDbSeed.Yaml;
using YamlDotNet.RepresentationModel;

namespace DevDbSeed.Rules;

/// <summary>
/// Turns one column rule's YAML into a <see cref="MaskingRule"/> (null for <c>keep</c>). Short forms:
/// <c>keep</c>, <c>null</c>, and a bare generator name (<c>name.firstName</c>) for <c>{ fake: name.firstName }</c>.
/// Long form: a mapping with one rule kind from <see cref="RuleKinds"/> and optional <c>unique: true</c>.
/// Every mistake is an error at its file:line:column (exit 2).
/// </summary>
public sealed class RuleParser(YamlFile file, FakeCatalog fakes, string locale)
{
    private static readonly string[] Modifiers = ["unique"];

    public YamlFile File => file;

    public FakeCatalog Fakes => fakes;

    public string Locale => locale;

    /// <summary>Parses a column rule; null means <c>keep</c>.</summary>
    public MaskingRule? ParseColumnRule(YamlNode node)
    {
        if (node is YamlScalarNode { Value: "keep" } && !YamlNodes.IsNull(node))
        {
            return null;
        }

        return ParseMaskingRule(node);
    }

    /// <summary>Parses a rule that changes values (inside <c>json</c> and <c>each</c> too).</summary>
    public MaskingRule ParseMaskingRule(YamlNode node)
    {
        var at = file.At(node);
        if (YamlNodes.IsNull(node))
        {
            return NullRule.Declaration.Parse(this, node, at, unique: false);
        }

        if (node is YamlScalarNode scalar)
        {
            var text = scalar.Value ?? string.Empty;
            if (text == "keep")
            {
                throw file.Error(node, "'keep' cannot be used here: inside json and each, name what to do with the value");
            }

            return new FakeRule(at, Generator(node, text), locale, forcedUnique: false);
        }

        var mapping = file.Mapping(node, "a column rule");
        (RuleKind Kind, YamlNode Value)? kind = null;
        var unique = false;
        foreach (var (key, keyNode, value) in file.Entries(mapping, "a column rule", [.. RuleKinds.Names, .. Modifiers]))
        {
            if (key == "unique")
            {
                unique = file.Boolean(value, "unique");
            }
            else if (kind is not null)
            {
                throw file.Error(keyNode, $"a column rule has one kind; '{kind.Value.Kind.Name}' and '{key}' are both given");
            }
            else
            {
                kind = (RuleKinds.Find(key)!, value);
            }
        }

        if (kind is null)
        {
            throw file.Error(node, $"the rule names no kind (one of: {string.Join(", ", RuleKinds.Names)})");
        }

        if (unique && !kind.Value.Kind.CanBeUnique)
        {
            throw file.Error(node, $"'{kind.Value.Kind.Name}' cannot keep values distinct, so it cannot be unique: use fake, template or hash");
        }

        return kind.Value.Kind.Parse(this, kind.Value.Value, at, unique);
    }

    /// <summary>Resolves a generator name, or fails with the closest names; checks it works in the locale.</summary>
    public FakeDefinition Generator(YamlNode node, string name)
    {
        var generator = fakes.Find(name) ?? throw file.Error(node, $"unknown generator '{name}'{Suggestions.DidYouMean(name, fakes.Names)}");
        if (FakeRule.TryGenerate(generator, locale) is { } problem)
        {
            throw file.Error(node, $"generator '{name}' does not work in locale '{locale}' ({problem}); choose another generator or locale");
        }

        return generator;
    }

    /// <summary>
    /// The parameters of a rule kind written as a mapping (or nothing), checked against the kind's declaration: only
    /// declared keys, each value one the parameter takes, every required parameter given.
    /// </summary>
    public ParameterValues Parameters(YamlNode node, RuleKind kind)
    {
        var declared = kind.Value as ParametersValue
            ?? throw new ArgumentException($"'{kind.Name}' is not declared with parameters", nameof(kind));
        var values = new Dictionary<string, object>(StringComparer.Ordinal);
        if (!YamlNodes.IsNull(node))
        {
            var mapping = file.Mapping(node, $"the parameters of '{kind.Name}'");
            foreach (var (key, _, value) in file.Entries(mapping, $"'{kind.Name}'", declared.Names))
            {
                values[key] = declared.Find(key)!.ReadValue(file, value);
            }
        }

        if (declared.Parameters.FirstOrDefault(p => p.Required && !values.ContainsKey(p.Name)) is { } missing)
        {
            throw file.Error(node, $"{kind.Name} needs {missing.Name}, {missing.Values}");
        }

        return new ParameterValues(declared, values);
    }
}
