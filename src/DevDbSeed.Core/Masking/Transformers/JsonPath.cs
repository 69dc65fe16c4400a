namespace DevDbSeed.Masking.Transformers;

/// <summary>A path into a JSON document: <c>contact.email</c>, <c>addresses[*].line1</c>, <c>*.token</c>.</summary>
public sealed partial class JsonPath
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

    public override string ToString() => _text;

    /// <summary>The same path as a PostgreSQL jsonpath (<c>$."contact"."email"</c>, <c>$."addresses"[*]."line1"</c>).</summary>
    public string ToPostgresPath() => "$" + string.Concat(_steps.Select(s => s.Name is not null
        ? (s.Wildcard ? ".*" : ".\"" + s.Name.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"")
        : (s.Wildcard ? "[*]" : $"[{s.Position}]")));

    /// <summary>
    /// Whether this (rule) path reaches the values of <paramref name="seen"/>, a path seen in data (concrete keys,
    /// <c>[*]</c> for array elements): wildcards reach anything of their kind, an index reaches array elements.
    /// </summary>
    public bool Covers(JsonPath seen) =>
        seen._steps.Length == _steps.Length
        && _steps.Zip(seen._steps).All(p => p.First.Name is not null
            ? p.Second.Name is not null && (p.First.Wildcard || p.First.Name == p.Second.Name)
            : p.Second.Name is null);

    /// <summary>Whether this path reaches a member at <paramref name="seen"/>: keys, and "[*]" for array elements.</summary>
    public bool Covers(IReadOnlyList<string> seen)
    {
        if (seen.Count != _steps.Length)
        {
            return false;
        }

        for (var i = 0; i < _steps.Length; i++)
        {
            var element = seen[i] == "[*]";
            var step = _steps[i];
            if (step.Name is null ? !element : element || !(step.Wildcard || step.Name == seen[i]))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The literal key names the path uses.</summary>
    public IEnumerable<string> KeyNames => _steps.Where(s => s is { Name: not null, Wildcard: false }).Select(s => s.Name!);

    /// <summary>The path with key names replaced by their index in <paramref name="names"/>, for matching without strings.</summary>
    public Compiled Compile(List<string> names) => new([.. _steps.Select(s =>
        s.Name is not null
            ? (s.Wildcard ? Cursor.AnyKey : Cursor.Key(names.IndexOf(s.Name)))
            : (s.Wildcard ? Cursor.AnyElement : Cursor.Element(s.Position)))]);

    /// <summary>One step: a key, an index, or a wildcard of either.</summary>
    public readonly record struct Step(string? Name, int Position, bool Wildcard)
    {
        public static readonly Step AnyKey = new(string.Empty, -1, true);
        public static readonly Step AnyIndex = new(null, -1, true);

        public static Step Key(string name) => new(name, -1, false);

        public static Step Index(int index) => new(null, index, false);
    }
}
