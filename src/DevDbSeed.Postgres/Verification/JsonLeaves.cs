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

    /// <summary>Every scalar member of a JSON document with its path (keys, "[*]" for array elements); none when it is not JSON.</summary>
    /// <remarks>Streamed with <see cref="Utf8JsonReader"/> and one path list: only the leaves allocate.</remarks>
    public static IReadOnlyList<(string[] Path, string Value)> All(string json)
    {
        var found = new List<(string[], string)>();
        var bytes = ArrayPool<byte>.Shared.Rent(Encoding.UTF8.GetMaxByteCount(json.Length));
        try
        {
            var reader = new Utf8JsonReader(bytes.AsSpan(0, Encoding.UTF8.GetBytes(json, bytes)), new JsonReaderOptions { MaxDepth = 1000 });
            var path = new List<string>();
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
                        path.Add(reader.GetString() ?? string.Empty);
                        break;
                    case JsonTokenType.String:
                        found.Add(([.. path], reader.GetString()!));
                        PopKey(path, arrays);
                        break;
                    case JsonTokenType.Number:
                        found.Add(([.. path], Encoding.UTF8.GetString(reader.ValueSpan)));
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
            found.Clear(); // not JSON: no member values
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(bytes);
        }

        return found;
    }

    /// <summary>The values among <paramref name="leaves"/> (from <see cref="All"/>) at the members <paramref name="path"/> reaches.</summary>
    public static IEnumerable<string> At(IReadOnlyList<(string[] Path, string Value)> leaves, JsonPath path) =>
        leaves.Where(leaf => path.Covers(leaf.Path)).Select(leaf => leaf.Value);
}
