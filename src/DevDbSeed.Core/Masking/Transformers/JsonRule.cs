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
    : MaskingRule(Declaration, location, forcedUnique: false)
{
    private IReadOnlyList<ValuePart>? _parts;

    private readonly JsonPath[] _paths = [.. members.Select(m => m.Path)];

    public IReadOnlyList<(JsonPath Path, MaskingRule Rule)> Members => members;

    /// <summary>The <c>json</c> kind: paths and their rules, and its parser.</summary>
    public static RuleKind Declaration { get; } = new(
        "json",
        "JSON paths (keys joined by dots, [*] or [n] for array elements, * for any key) and their rules.",
        RuleValue.RulesByPath,
        CanBeUnique: false,
        Parse);

    public override bool MayKeepByChance(bool unique) => members.Any(m => m.Rule.MayKeepByChance(false));

    public override string Canonical(bool unique) =>
        "json{" + string.Join(";", members.Select(m => $"{m.Path}={m.Rule.Canonical(false)}")) + "}";

    public override string Describe(bool unique) => "json: " + string.Join(", ", members.Select(m => $"{m.Path} → {m.Rule.Describe(false)}"));

    public override IReadOnlyList<ValuePart> Parts => _parts ??= [.. members.Select(m => new ValuePart(PartKind.JsonMember, m.Path.ToString(), m.Rule, m.Path))];

    public override void FindOriginals(string value, Action<int, string> found) => JsonLeaves.Matching(value, _paths, found);

    /// <summary>A masked member still holds a value it held in the source, where its rule changes that value.</summary>
    public override bool StillHoldsOriginal(string before, string after, Func<int, string, bool> changes)
    {
        var was = new HashSet<(int Member, string Value)>();
        JsonLeaves.Matching(before, _paths, (member, value) => was.Add((member, value)));
        var kept = false;
        if (was.Count > 0)
        {
            JsonLeaves.Matching(after, _paths, (member, value) => kept = kept || (was.Contains((member, value)) && changes(member, value)));
        }

        return kept;
    }

    public override TargetSearch SearchInTarget(bool unique) => TargetSearch.KeptMembers;

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

    /// <summary>
    /// Walks a document with <see cref="Utf8JsonReader"/> and splices masked values into a copy of it. Member paths are
    /// compiled to key indexes, and a subtree no path can reach is skipped without looking at its values.
    /// </summary>
    private sealed class JsonTransformer : IValueTransformer
    {
        private const int MaxMembers = 64;

        private readonly (MaskingRule Rule, IValueTransformer Transformer, DevDbSeed.Copying.MemoCache Memo)[] _members;
        private readonly JsonPath.Compiled[] _paths;
        private readonly byte[][] _names;
        private readonly Utf8Builder _value = new();
        private readonly Utf8Builder _masked = new();
        private readonly JsonPath.Cursor _path = new();
        private byte[] _unescaped = new byte[256];

        public JsonTransformer(IReadOnlyList<(JsonPath Path, MaskingRule Rule, IValueTransformer Transformer)> members)
        {
            if (members.Count > MaxMembers)
            {
                throw new ArgumentException($"a json rule has at most {MaxMembers} paths", nameof(members));
            }

            _names = [.. members.SelectMany(m => m.Path.KeyNames).Distinct(StringComparer.Ordinal).Select(Encoding.UTF8.GetBytes)];
            var names = _names.Select(Encoding.UTF8.GetString).ToList();
            _paths = [.. members.Select(m => m.Path.Compile(names))];
            _members = [.. members.Select(m => (m.Rule, m.Transformer, new DevDbSeed.Copying.MemoCache()))];
        }

        public bool Transform(ReadOnlySpan<byte> original, Utf8Builder output)
        {
            var reader = new Utf8JsonReader(original, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip, MaxDepth = 1000 });
            var copied = 0;
            _path.Reset();
            try
            {
                if (reader.Read())
                {
                    Value(ref reader, original, output, ref copied, AllMembers(), inherited: -1);
                }
            }
            catch (JsonException)
            {
                throw new InvalidDataException("a column with a json rule holds a value that is not JSON");
            }

            output.Append(original[copied..]);
            return true;
        }

        private ulong AllMembers() => _paths.Length == 64 ? ulong.MaxValue : (1UL << _paths.Length) - 1;

        /// <summary>
        /// Handles the value the reader is on. <paramref name="live"/>: the members whose path matches the path so far;
        /// <paramref name="inherited"/>: a member whose path matched an enclosing object or array (-1: none).
        /// </summary>
        private void Value(ref Utf8JsonReader reader, ReadOnlySpan<byte> json, Utf8Builder output, ref int copied, ulong live, int inherited)
        {
            var path = _path;
            var match = inherited;
            for (var m = 0; m < _paths.Length && match < 0; m++)
            {
                if ((live & (1UL << m)) != 0 && _paths[m].Length == path.Depth)
                {
                    match = m;
                }
            }

            switch (reader.TokenType)
            {
                case JsonTokenType.StartObject:
                case JsonTokenType.StartArray:
                    if (match >= 0 && _members[match].Rule is { AlwaysNull: true } or { Constant: not null })
                    {
                        var start = (int)reader.TokenStartIndex;
                        reader.Skip();
                        Splice(json, output, ref copied, start, (int)reader.BytesConsumed);
                        Replace(match, "{}"u8, isString: false, output);
                        return;
                    }

                    if (match < 0 && !CanReachDeeper(live, path.Depth))
                    {
                        reader.Skip();
                        return;
                    }

                    Container(ref reader, json, output, ref copied, live, match);
                    return;
                case JsonTokenType.Null:
                    return;
                default:
                    if (match >= 0)
                    {
                        var start = (int)reader.TokenStartIndex;
                        var isString = reader.TokenType == JsonTokenType.String;
                        var text = isString ? Unescaped(ref reader) : json[start..(int)reader.BytesConsumed];
                        Splice(json, output, ref copied, start, (int)reader.BytesConsumed);
                        Replace(match, text, isString, output);
                    }

                    return;
            }
        }

        private void Container(ref Utf8JsonReader reader, ReadOnlySpan<byte> json, Utf8Builder output, ref int copied, ulong live, int inherited)
        {
            var path = _path;
            var isObject = reader.TokenType == JsonTokenType.StartObject;
            var index = 0;
            while (reader.Read())
            {
                if (reader.TokenType is JsonTokenType.EndObject or JsonTokenType.EndArray)
                {
                    return;
                }

                int step;
                if (isObject)
                {
                    step = KeyIndex(ref reader);
                    reader.Read();
                }
                else
                {
                    step = JsonPath.Cursor.Element(index++);
                }

                path.Push(step);
                var childLive = 0UL;
                for (var m = 0; m < _paths.Length; m++)
                {
                    if ((live & (1UL << m)) != 0 && _paths[m].Length >= path.Depth && _paths[m].Matches(path.Depth - 1, step))
                    {
                        childLive |= 1UL << m;
                    }
                }

                if (childLive == 0 && inherited < 0)
                {
                    reader.Skip(); // nothing below can match
                }
                else
                {
                    Value(ref reader, json, output, ref copied, childLive, inherited);
                }

                path.Pop();
            }
        }

        private bool CanReachDeeper(ulong live, int depth)
        {
            for (var m = 0; m < _paths.Length; m++)
            {
                if ((live & (1UL << m)) != 0 && _paths[m].Length > depth)
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>The property name as an index into the names the paths use (unknown names match only <c>*</c>).</summary>
        private int KeyIndex(ref Utf8JsonReader reader)
        {
            for (var i = 0; i < _names.Length; i++)
            {
                if (reader.ValueTextEquals(_names[i]))
                {
                    return JsonPath.Cursor.Key(i);
                }
            }

            return JsonPath.Cursor.Key(-1);
        }

        private ReadOnlySpan<byte> Unescaped(ref Utf8JsonReader reader)
        {
            if (!reader.ValueIsEscaped && !reader.HasValueSequence)
            {
                return reader.ValueSpan;
            }

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

        private void Replace(int member, ReadOnlySpan<byte> original, bool isString, Utf8Builder output)
        {
            var (rule, transformer, memo) = _members[member];
            if (isString && memo.TryGet(original, out var known))
            {
                output.Append(known);
                return;
            }

            _masked.Clear();
            _value.Clear();
            _value.Append(original);
            var start = output.Length;
            if (!transformer.Transform(_value.Written, _masked))
            {
                output.Append("null"u8);
            }
            else if (!isString && rule.Constant is null && IsJsonNumber(_masked.Written))
            {
                output.Append(_masked.Written);
            }
            else
            {
                WriteString(_masked.Written, output);
            }

            if (isString)
            {
                memo.Add(_value.Written, output.Written[start..]);
            }
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
