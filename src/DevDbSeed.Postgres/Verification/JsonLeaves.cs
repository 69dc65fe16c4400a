using System.Buffers;
using System.Text;
using System.Text.Json;
using DevDbSeed.Masking.Transformers;

namespace DevDbSeed.Postgres.Verification;

/// <summary>
/// Searches what a json rule keeps of a document: its keys and the members no rule masks (streamed with
/// <see cref="Utf8JsonReader"/>; masked members are skipped without decoding).
/// </summary>
internal static class JsonLeaves
{
    public static void SearchKept(ReadOnlySpan<byte> json, JsonRule rule, NeedleIndex index, Action<string> found)
    {
        var path = new List<string>();
        var reader = new Utf8JsonReader(json, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip, MaxDepth = 1000 });
        try
        {
            var arrays = new Stack<bool>();
            while (reader.Read())
            {
                switch (reader.TokenType)
                {
                    case JsonTokenType.StartObject:
                    case JsonTokenType.StartArray:
                        arrays.Push(reader.TokenType == JsonTokenType.StartArray);
                        if (reader.TokenType == JsonTokenType.StartArray)
                        {
                            path.Add("[*]");
                        }

                        break;
                    case JsonTokenType.EndObject:
                    case JsonTokenType.EndArray:
                        if (arrays.Pop())
                        {
                            path.RemoveAt(path.Count - 1);
                        }

                        PopKey(path, arrays);
                        break;
                    case JsonTokenType.PropertyName:
                        var name = reader.GetString() ?? string.Empty;
                        Search(name, index, found); // keys are kept as they are
                        path.Add(name);
                        break;
                    case JsonTokenType.String:
                    case JsonTokenType.Number:
                        if (reader.ValueSpan.Length >= index.MinLength && !Masked(path, rule))
                        {
                            Search(reader.TokenType == JsonTokenType.String ? reader.GetString()! : Encoding.UTF8.GetString(reader.ValueSpan), index, found);
                        }

                        PopKey(path, arrays);
                        break;
                    default:
                        PopKey(path, arrays);
                        break;
                }
            }
        }
        catch (JsonException)
        {
            Search(Encoding.UTF8.GetString(json), index, found); // not JSON after all: as text
        }
    }

    /// <summary>After a value inside an object, its key leaves the path.</summary>
    private static void PopKey(List<string> path, Stack<bool> arrays)
    {
        if (arrays.Count > 0 && !arrays.Peek() && path.Count > 0)
        {
            path.RemoveAt(path.Count - 1);
        }
    }

    private static bool Masked(List<string> path, JsonRule rule)
    {
        foreach (var (member, _) in rule.Members)
        {
            if (member.Covers(path))
            {
                return true;
            }
        }

        return false;
    }

    private static void Search(string text, NeedleIndex index, Action<string> found) => index.Find(text, found);

    /// <summary>Every scalar member of a JSON document with its path (keys, "[*]" for array elements).</summary>
    public static IEnumerable<(List<string> Path, string Value)> All(string json)
    {
        var found = new List<(List<string>, string)>();
        try
        {
            using var document = JsonDocument.Parse(json);
            Walk(document.RootElement, [], found);
        }
        catch (JsonException)
        {
            // not JSON: no member values
        }

        return found;
    }

    private static void Walk(JsonElement element, List<string> path, List<(List<string>, string)> found)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    Walk(property.Value, [.. path, property.Name], found);
                }

                break;
            case JsonValueKind.Array:
                foreach (var item in element.EnumerateArray())
                {
                    Walk(item, [.. path, "[*]"], found);
                }

                break;
            case JsonValueKind.String:
                found.Add((path, element.GetString()!));
                break;
            case JsonValueKind.Number:
                found.Add((path, element.GetRawText()));
                break;
        }
    }

    /// <summary>The scalar values of a JSON document at the members <paramref name="path"/> reaches.</summary>
    public static IEnumerable<string> At(string json, JsonPath path) => All(json).Where(leaf => path.Covers(leaf.Path)).Select(leaf => leaf.Value);
}
