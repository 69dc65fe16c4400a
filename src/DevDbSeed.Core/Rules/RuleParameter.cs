using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using DevDbSeed.Yaml;
using YamlDotNet.RepresentationModel;

namespace DevDbSeed.Rules;

/// <summary>
/// One parameter of a rule kind written as a mapping (<c>length</c> in <c>{ hash: { length: 12 } }</c>): its name,
/// the values it takes, whether it must be given. The declaration reads and checks the YAML value and writes the
/// JSON Schema of it, so the two agree.
/// </summary>
public abstract record RuleParameter(string Name, string Description, bool Required)
{
    /// <summary>The values it takes, for messages: <c>a whole number from 1 to 1024</c>.</summary>
    public abstract string Values { get; }

    /// <summary>The JSON Schema of the value, with the description.</summary>
    internal JsonObject Schema()
    {
        var schema = ValueSchema();
        schema["description"] = Description;
        return schema;
    }

    private protected abstract JsonObject ValueSchema();

    /// <summary>Reads and checks the value (an error at its position when it is not one of <see cref="Values"/>).</summary>
    internal abstract object ReadValue(YamlFile file, YamlNode node);
}

/// <summary>A parameter whose values read as <typeparamref name="T"/>.</summary>
public abstract record RuleParameter<T>(string Name, string Description, bool Required) : RuleParameter(Name, Description, Required)
    where T : notnull
{
    internal abstract T Read(YamlFile file, YamlNode node);

    internal sealed override object ReadValue(YamlFile file, YamlNode node) => Read(file, node);
}

/// <summary>A whole number from <paramref name="Minimum"/> to <paramref name="Maximum"/>.</summary>
public sealed record IntegerParameter(string Name, int Minimum, int Maximum, string Description, bool Required = false)
    : RuleParameter<int>(Name, Description, Required)
{
    public override string Values => string.Create(CultureInfo.InvariantCulture, $"a whole number from {Minimum} to {Maximum}");

    internal override int Read(YamlFile file, YamlNode node) => file.Integer(node, Name, Minimum, Maximum);

    private protected override JsonObject ValueSchema() => new() { ["type"] = "integer", ["minimum"] = Minimum, ["maximum"] = Maximum };
}

/// <summary>A number above <paramref name="ExclusiveMinimum"/>, at most <paramref name="Maximum"/>.</summary>
public sealed record NumberParameter(string Name, double ExclusiveMinimum, double Maximum, string Description, bool Required = false)
    : RuleParameter<double>(Name, Description, Required)
{
    public override string Values => string.Create(CultureInfo.InvariantCulture, $"a number above {ExclusiveMinimum}, at most {Maximum}");

    internal override double Read(YamlFile file, YamlNode node)
    {
        var value = file.Number(node, Name, ExclusiveMinimum, Maximum);
        return value > ExclusiveMinimum
            ? value
            : throw file.Error(node, string.Create(CultureInfo.InvariantCulture, $"{Name} must be above {ExclusiveMinimum}"));
    }

    private protected override JsonObject ValueSchema() =>
        new() { ["type"] = "number", ["exclusiveMinimum"] = ExclusiveMinimum, ["maximum"] = Maximum };
}

/// <summary>One of a few words, each standing for a <typeparamref name="T"/>.</summary>
public sealed record ChoiceParameter<T>(string Name, IReadOnlyList<KeyValuePair<string, T>> Choices, string Description, bool Required = false)
    : RuleParameter<T>(Name, Description, Required)
    where T : notnull
{
    public override string Values => Choices.Count == 1
        ? Choices[0].Key
        : $"{string.Join(", ", Choices.SkipLast(1).Select(c => c.Key))} or {Choices[^1].Key}";

    internal override T Read(YamlFile file, YamlNode node)
    {
        var text = file.Scalar(node, Name);
        foreach (var (word, value) in Choices)
        {
            if (word == text)
            {
                return value;
            }
        }

        throw file.Error(node, $"{Name} must be {Values} ('{text}' found){Suggestions.DidYouMean(text, Choices.Select(c => c.Key))}");
    }

    private protected override JsonObject ValueSchema() => new() { ["enum"] = RulesSchema.Strings(Choices.Select(c => c.Key)) };
}

/// <summary>One character: one Unicode scalar value, which is one or two UTF-16 units.</summary>
public sealed record CharacterParameter(string Name, string Description, bool Required = false)
    : RuleParameter<Rune>(Name, Description, Required)
{
    /// <summary>One code point, whether a validator's regular expressions see code points or UTF-16 units (a surrogate pair).</summary>
    private const string OneCharacter = @"^(?:[\uD800-\uDBFF][\uDC00-\uDFFF]|[^\uD800-\uDFFF])$";

    public override string Values => "one character";

    internal override Rune Read(YamlFile file, YamlNode node)
    {
        var text = file.Scalar(node, Name);
        return text.EnumerateRunes().Count() == 1
            ? text.EnumerateRunes().First()
            : throw file.Error(node, $"{Name} must be one character ('{text}' found)");
    }

    private protected override JsonObject ValueSchema() =>
        new() { ["type"] = "string", ["minLength"] = 1, ["maxLength"] = 2, ["pattern"] = OneCharacter };
}

/// <summary>
/// The parameters written for one rule, each already read and checked by its declaration; the kind's parser takes
/// them by their declarations, so it reads no key its kind does not declare.
/// </summary>
public sealed class ParameterValues
{
    private readonly ParametersValue _declared;
    private readonly Dictionary<string, object> _values;

    internal ParameterValues(ParametersValue declared, Dictionary<string, object> values)
    {
        _declared = declared;
        _values = values;
    }

    /// <summary>The value written for <paramref name="parameter"/>, if it is written.</summary>
    public bool TryGet<T>(RuleParameter<T> parameter, out T value)
        where T : notnull
    {
        if (!_declared.Parameters.Contains(parameter))
        {
            throw new ArgumentException($"'{parameter.Name}' is not a declared parameter of this kind", nameof(parameter));
        }

        var written = _values.TryGetValue(parameter.Name, out var read);
        value = written ? (T)read! : default!;
        return written;
    }

    /// <summary>The value written for <paramref name="parameter"/>, or <paramref name="fallback"/>.</summary>
    public T Get<T>(RuleParameter<T> parameter, T fallback)
        where T : notnull => TryGet(parameter, out var value) ? value : fallback;

    /// <summary>The value of a required parameter (the parser has checked it is written).</summary>
    public T Required<T>(RuleParameter<T> parameter)
        where T : notnull => parameter.Required && TryGet(parameter, out var value)
            ? value
            : throw new ArgumentException($"'{parameter.Name}' is not a required parameter", nameof(parameter));
}
