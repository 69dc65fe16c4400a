using System.Text.Json;

namespace DevDbSeed.Detection;

/// <summary>
/// The scalar members seen in sampled JSON documents, by path (<c>contact.email</c>, <c>addresses[*].line1</c>),
/// each with a <see cref="ContentProfile"/> of its values. Paths use the json rule's syntax; keys that syntax
/// cannot write (with dots or brackets) are counted apart.
/// </summary>
public sealed class JsonProfile
{
    private readonly SortedDictionary<string, ContentProfile> _paths = new(StringComparer.Ordinal);

    public IReadOnlyDictionary<string, ContentProfile> Paths => _paths;

    public int Documents { get; private set; }

    public void Add(string json)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            Documents++;
            Walk(document.RootElement, string.Empty);
        }
        catch (JsonException)
        {
            // not JSON: nothing to profile
        }
    }

    /// <summary>The last key of a path (what its name hint is read from).</summary>
    public static string LastKey(string path)
    {
        var key = path[(path.LastIndexOf('.') + 1)..];
        var bracket = key.IndexOf('[', StringComparison.Ordinal);
        return bracket < 0 ? key : key[..bracket];
    }

    private void Walk(JsonElement element, string path)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    if (property.Name.Length == 0 || property.Name.IndexOfAny(['.', '[', ']', '*']) >= 0)
                    {
                        continue;
                    }

                    Walk(property.Value, path.Length == 0 ? property.Name : $"{path}.{property.Name}");
                }

                break;
            case JsonValueKind.Array:
                foreach (var item in element.EnumerateArray())
                {
                    Walk(item, path + "[*]");
                }

                break;
            case JsonValueKind.String:
            case JsonValueKind.Number:
                if (path.Length > 0)
                {
                    if (!_paths.TryGetValue(path, out var profile))
                    {
                        _paths[path] = profile = new ContentProfile();
                    }

                    profile.Add(element.ValueKind == JsonValueKind.String ? element.GetString()! : element.GetRawText());
                }

                break;
        }
    }
}
