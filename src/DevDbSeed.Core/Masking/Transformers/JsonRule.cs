using System.Text;
using System.Text.Json;
using DevDbSeed.Catalog;
using DevDbSeed.Errors;
using DevDbSeed.Rules;
using DevDbSeed.Yaml;
using YamlDotNet.RepresentationModel;

namespace DevDbSeed.Masking.Transformers;

/// <summary>
/// <c>{ json: { contact.email: internet.email, "addresses[*].line1": address.streetAddress } }</c>: applies rules
/// to members of a JSON document. Paths are keys joined by dots, <c>[*]</c> for every element, <c>[2]</c> for one,
/// <c>*</c> for any key. A rule on an object or array applies to every value inside it; <c>null</c> and <c>set</c>
/// replace it whole. The rest of the document is copied byte for byte.
/// </summary>
public sealed class JsonRule(SourceLocation location, IReadOnlyList<(JsonPath Path, MaskingRule Rule)> members)
    : MaskingRule(location, forcedUnique: false)
{
    public IReadOnlyList<(JsonPath Path, MaskingRule Rule)> Members => members;

    public override string Kind => "json";

    public override bool CanBeUnique => false;

    public override string Canonical(bool unique) =>
        "json{" + string.Join(";", members.Select(m => $"{m.Path}={m.Rule.Canonical(false)}")) + "}";

    public override string Describe(bool unique) => "json: " + string.Join(", ", members.Select(m => $"{m.Path} → {m.Rule.Describe(false)}"));

    internal static MaskingRule Parse(RuleParser parser, YamlNode value, SourceLocation at, bool unique)
    {
        var mapping = parser.File.Mapping(value, "json (path: rule, ...)");
        var members = new List<(JsonPath, MaskingRule)>();
        foreach (var (key, keyNode, rule) in parser.File.Entries(mapping, "json"))
        {
            var path = JsonPath.TryParse(key) ?? throw parser.File.Error(keyNode, $"'{key}' is not a JSON path (keys joined by dots, [*] or [n] for array elements)");
            members.Add((path, parser.ParseMaskingRule(rule)));
        }

        if (members.Count == 0)
        {
            throw parser.File.Error(value, "json names no path");
        }

        return new JsonRule(at, members);
    }

    public override void CheckFits(ColumnFit column, ICollection<string> problems)
    {
        if (column.Type.Category is not (TypeCategory.Json or TypeCategory.Jsonb or TypeCategory.Text))
        {
            problems.Add(column.Problem(this, $"json applies to json, jsonb or text columns; the column is {column.Type}"));
            return;
        }

        foreach (var (path, rule) in members)
        {
            rule.CheckFits(column with { Name = $"{column.Name} {path}", Type = ColumnType.JsonMember, MaxLength = null, NotNull = false, Unique = false }, problems);
        }
    }

    public override IValueTransformer CreateTransformer(TransformerContext context) =>
        new JsonTransformer([.. members.Select(m => (m.Path, m.Rule, m.Rule.CreateTransformer(context.Nested(ColumnType.JsonMember))))]);

    private sealed class JsonTransformer(IReadOnlyList<(JsonPath Path, MaskingRule Rule, IValueTransformer Transformer)> members) : IValueTransformer
    {
        private readonly List<JsonPath.Step> _path = [];
        private readonly Utf8Builder _value = new();
        private readonly Utf8Builder _masked = new();
        private byte[] _unescaped = new byte[256];

        public bool Transform(ReadOnlySpan<byte> original, Utf8Builder output)
        {
            _path.Clear();
            var reader = new Utf8JsonReader(original, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip, MaxDepth = 1000 });
            var copied = 0;
            try
            {
                if (reader.Read())
                {
                    Value(ref reader, original, output, ref copied, inherited: null);
                }
            }
            catch (JsonException)
            {
                throw new InvalidDataException("a column with a json rule holds a value that is not JSON");
            }

            output.Append(original[copied..]);
            return true;
        }

        /// <summary>Handles the value the reader is on; the path to it is in <see cref="_path"/>.</summary>
        private void Value(ref Utf8JsonReader reader, ReadOnlySpan<byte> json, Utf8Builder output, ref int copied, (MaskingRule, IValueTransformer)? inherited)
        {
            var match = Match() ?? inherited;
            switch (reader.TokenType)
            {
                case JsonTokenType.StartObject:
                case JsonTokenType.StartArray:
                    if (match is ({ } rule, _) && rule is NullRule or SetRule)
                    {
                        var start = (int)reader.TokenStartIndex;
                        reader.Skip();
                        Splice(json, output, ref copied, start, (int)reader.BytesConsumed);
                        Replace(match.Value, "{}"u8, isString: false, output);
                        return;
                    }

                    Container(ref reader, json, output, ref copied, match);
                    return;
                case JsonTokenType.Null:
                    return;
                default:
                    if (match is { } scalar)
                    {
                        var start = (int)reader.TokenStartIndex;
                        var isString = reader.TokenType == JsonTokenType.String;
                        var text = isString ? Unescaped(ref reader) : json[start..(int)reader.BytesConsumed];
                        Splice(json, output, ref copied, start, (int)reader.BytesConsumed);
                        Replace(scalar, text, isString, output);
                    }

                    return;
            }
        }

        private void Container(ref Utf8JsonReader reader, ReadOnlySpan<byte> json, Utf8Builder output, ref int copied, (MaskingRule, IValueTransformer)? inherited)
        {
            var isObject = reader.TokenType == JsonTokenType.StartObject;
            var index = 0;
            while (reader.Read())
            {
                if (reader.TokenType is JsonTokenType.EndObject or JsonTokenType.EndArray)
                {
                    return;
                }

                if (isObject)
                {
                    var name = reader.GetString() ?? string.Empty;
                    reader.Read();
                    _path.Add(JsonPath.Step.Key(name));
                }
                else
                {
                    _path.Add(JsonPath.Step.Index(index++));
                }

                Value(ref reader, json, output, ref copied, inherited);
                _path.RemoveAt(_path.Count - 1);
            }
        }

        private (MaskingRule, IValueTransformer)? Match()
        {
            foreach (var (path, rule, transformer) in members)
            {
                if (path.Matches(_path))
                {
                    return (rule, transformer);
                }
            }

            return null;
        }

        private ReadOnlySpan<byte> Unescaped(ref Utf8JsonReader reader)
        {
            var needed = reader.HasValueSequence ? (int)reader.ValueSequence.Length : reader.ValueSpan.Length;
            if (_unescaped.Length < needed)
            {
                _unescaped = new byte[needed * 2];
            }

            var length = reader.CopyString(_unescaped);
            return _unescaped.AsSpan(0, length);
        }

        private static void Splice(ReadOnlySpan<byte> json, Utf8Builder output, ref int copied, int start, int end)
        {
            output.Append(json[copied..start]);
            copied = end;
        }

        private void Replace((MaskingRule Rule, IValueTransformer Transformer) rule, ReadOnlySpan<byte> original, bool isString, Utf8Builder output)
        {
            _masked.Clear();
            _value.Clear();
            _value.Append(original);
            if (!rule.Transformer.Transform(_value.Written, _masked))
            {
                output.Append("null"u8);
                return;
            }

            if (!isString && rule.Rule is not SetRule && IsJsonNumber(_masked.Written))
            {
                output.Append(_masked.Written);
                return;
            }

            WriteString(_masked.Written, output);
        }

        private static bool IsJsonNumber(ReadOnlySpan<byte> text)
        {
            var reader = new Utf8JsonReader(text);
            try
            {
                return reader.Read() && reader.TokenType == JsonTokenType.Number && reader.BytesConsumed == text.Length;
            }
            catch (JsonException)
            {
                return false;
            }
        }

        /// <summary>Writes a JSON string literal, escaping quotes, backslashes and control characters.</summary>
        private static void WriteString(ReadOnlySpan<byte> value, Utf8Builder output)
        {
            output.Append((byte)'"');
            foreach (var b in value)
            {
                switch (b)
                {
                    case (byte)'"':
                        output.Append("\\\""u8);
                        break;
                    case (byte)'\\':
                        output.Append("\\\\"u8);
                        break;
                    case (byte)'\n':
                        output.Append("\\n"u8);
                        break;
                    case (byte)'\r':
                        output.Append("\\r"u8);
                        break;
                    case (byte)'\t':
                        output.Append("\\t"u8);
                        break;
                    case < 0x20:
                        output.Append(Encoding.ASCII.GetBytes($"\\u{b:x4}"));
                        break;
                    default:
                        output.Append(b);
                        break;
                }
            }

            output.Append((byte)'"');
        }
    }
}

/// <summary>A path into a JSON document: <c>contact.email</c>, <c>addresses[*].line1</c>, <c>*.token</c>.</summary>
public sealed class JsonPath
{
    private readonly string _text;
    private readonly Step[] _steps;

    private JsonPath(string text, Step[] steps)
    {
        _text = text;
        _steps = steps;
    }

    public static JsonPath? TryParse(string text)
    {
        var body = text.StartsWith("$.", StringComparison.Ordinal) ? text[2..] : text;
        var steps = new List<Step>();
        foreach (var part in body.Split('.'))
        {
            var name = part;
            var bracket = name.IndexOf('[', StringComparison.Ordinal);
            var key = bracket < 0 ? name : name[..bracket];
            if (key.Length > 0)
            {
                steps.Add(key == "*" ? Step.AnyKey : Step.Key(key));
            }
            else if (bracket != 0)
            {
                return null;
            }

            while (bracket >= 0)
            {
                var close = name.IndexOf(']', bracket);
                if (close < 0)
                {
                    return null;
                }

                var inside = name[(bracket + 1)..close];
                if (inside == "*")
                {
                    steps.Add(Step.AnyIndex);
                }
                else if (int.TryParse(inside, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var i))
                {
                    steps.Add(Step.Index(i));
                }
                else
                {
                    return null;
                }

                name = name[(close + 1)..];
                if (name.Length > 0 && name[0] != '[')
                {
                    return null;
                }

                bracket = name.Length == 0 ? -1 : 0;
            }
        }

        return steps.Count == 0 ? null : new JsonPath(text, [.. steps]);
    }

    public bool Matches(IReadOnlyList<Step> path)
    {
        if (path.Count != _steps.Length)
        {
            return false;
        }

        for (var i = 0; i < _steps.Length; i++)
        {
            if (!_steps[i].Matches(path[i]))
            {
                return false;
            }
        }

        return true;
    }

    public override string ToString() => _text;

    /// <summary>One step: a key, an index, or a wildcard of either.</summary>
    public readonly record struct Step(string? Name, int Position, bool Wildcard)
    {
        public static readonly Step AnyKey = new(string.Empty, -1, true);
        public static readonly Step AnyIndex = new(null, -1, true);

        public static Step Key(string name) => new(name, -1, false);

        public static Step Index(int index) => new(null, index, false);

        public bool Matches(Step actual) =>
            Name is not null
                ? actual.Name is not null && (Wildcard || actual.Name == Name)
                : actual.Name is null && (Wildcard || actual.Position == Position);
    }
}
