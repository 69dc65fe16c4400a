using System.Text.Json;
using DevDbSeed.Serialization;

namespace DevDbSeed.Review.Formats;

/// <summary>
/// A diff as a stable JSON document for tools (<c>rules diff --format json</c>).
/// </summary>
/// <remarks>
/// Format version 1: a later version may add properties, never rename or remove one. camelCase, indented by two spaces,
/// <c>\n</c> line ends and a final one; changes weakened first, then by name.
/// <code>
/// {
///   "formatVersion": 1,
///   "old": "main", "new": "HEAD",                    // as given on the command line
///   "weakened": true,                                // whether rules diff exits 3
///   "counts": { "weakened": 1, "strengthened": 0, "neutral": 0, "added": 0, "removed": 0 },
///   "changes": [ {
///     "kind": "weakened",                            // weakened | strengthened | neutral | added | removed
///     "name": "public.customer.email",               // schema.table[.column][:json.path][[*]], or "pipeline FILE verify"
///     "before": "unique fake internet.email",        // null when added
///     "after": "keep",                               // null when removed
///     "reason": "copied as it is now",
///     "location": { "file": "rules/pagila.yaml", "line": 25, "column": 7 }  // in the new file (the old one when removed); may be null
///   } ]
/// }
/// </code>
/// </remarks>
public static class RulesDiffJson
{
    public const int FormatVersion = 1;

    private static JsonSerializerOptions Json => DocumentJson.Options;

    public static string Write(RulesDiffResult result) => JsonSerializer.Serialize(Document(result), Json) + "\n";

    private static DocumentModel Document(RulesDiffResult result) => new(
        FormatVersion,
        result.Old,
        result.New,
        result.HasWeakening,
        Enum.GetValues<ChangeKind>().ToDictionary(RulesDiffFormats.Word, result.Count),
        [.. result.Changes.Select(c => new ChangeModel(
            RulesDiffFormats.Word(c.Kind), c.Name, c.Before, c.After, c.Reason,
            c.Location is { } at ? new LocationModel(at.File, at.Line, at.Column) : null))]);

    private sealed record DocumentModel(int FormatVersion, string Old, string New, bool Weakened, Dictionary<string, int> Counts, List<ChangeModel> Changes);

    private sealed record ChangeModel(string Kind, string Name, string? Before, string? After, string Reason, LocationModel? Location);

    private sealed record LocationModel(string File, int Line, int Column);
}
