using System.Buffers;
using System.Text;
using System.Text.Json;
using DevDbSeed.Masking.Transformers;

namespace DevDbSeed.Masking;

/// <summary>
/// The members of JSON documents, streamed with <see cref="Utf8JsonReader"/> and one path list (keys, "[*]" for array
/// elements): the scalar members a json rule's paths reach, for verification to find the originals it masks and to
/// compare a row's members with the source's, and every key and scalar for the search of what it keeps.
/// </summary>
public static class JsonLeaves
{
    /// <summary>Called at a scalar value with the path that leads to it.</summary>
    public delegate void Visit(List<string> path, ref Utf8JsonReader reader);

    /// <summary>
    /// The scalar members of a JSON document that one of <paramref name="paths"/> covers, with the index of each path that
    /// covers it; only those values become strings. None when it is not JSON.
    /// </summary>
    public static void Matching(string json, IReadOnlyList<JsonPath> paths, Action<int, string> found)
    {
        var matched = new List<(int, string)>();
        var bytes = ArrayPool<byte>.Shared.Rent(Encoding.UTF8.GetMaxByteCount(json.Length));
        try
        {
            Walk(bytes.AsSpan(0, Encoding.UTF8.GetBytes(json, bytes)), static _ => { }, (List<string> path, ref Utf8JsonReader reader) =>
            {
                for (var i = 0; i < paths.Count; i++)
                {
                    if (paths[i].Covers(path))
                    {
                        matched.Add((i, Scalar(ref reader)));
                    }
                }
            });
        }
        catch (JsonException)
        {
            return; // not JSON: no member values
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(bytes);
        }

        foreach (var (index, value) in matched)
        {
            found(index, value);
        }
    }

    /// <summary>Reads a document token by token, keeping the path: every key goes to <paramref name="key"/>, every string and number value to <paramref name="scalar"/>.</summary>
    /// <exception cref="JsonException">The text is not JSON.</exception>
    public static void Walk(ReadOnlySpan<byte> json, Action<string> key, Visit scalar)
    {
        var reader = new Utf8JsonReader(json, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip, MaxDepth = 1000 });
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
                    var name = reader.GetString() ?? string.Empty;
                    key(name);
                    path.Add(name);
                    break;
                case JsonTokenType.String:
                case JsonTokenType.Number:
                    scalar(path, ref reader);
                    PopKey(path, arrays);
                    break;
                default:
                    PopKey(path, arrays);
                    break;
            }
        }
    }

    /// <summary>A string value unescaped, a number as written.</summary>
    public static string Scalar(ref Utf8JsonReader reader) =>
        reader.TokenType == JsonTokenType.String ? reader.GetString()! : Encoding.UTF8.GetString(reader.ValueSpan);

    /// <summary>After a value inside an object, its key leaves the path.</summary>
    private static void PopKey(List<string> path, Stack<bool> arrays)
    {
        if (arrays.Count > 0 && !arrays.Peek() && path.Count > 0)
        {
            path.RemoveAt(path.Count - 1);
        }
    }
}
