using System.Text.Json;
using System.Text.Json.Serialization;
using DevDbSeed.Errors;
using DevDbSeed.Journal;
using DevDbSeed.Serialization;

namespace DevDbSeed.Review.Formats;

/// <summary>
/// A diff as SARIF 2.1.0 (<c>rules diff --format sarif</c>), what code-scanning UIs read: one result per weakening, level
/// <c>error</c>, rule <c>devdbseed/masking-weakened</c>, located at the column's entry in the new file (its path as git
/// names it, relative to the repository, when refs are compared). Strengthened, neutral, added and removed changes are
/// not findings and are left out; the Markdown and JSON formats list them.
/// </summary>
public static class RulesDiffSarif
{
    public const string RuleId = "devdbseed/masking-weakened";

    private static JsonSerializerOptions Json => DocumentJson.WithoutNulls;

    public static string Write(RulesDiffResult result) => JsonSerializer.Serialize(Log(result), Json) + "\n";

    private static SarifLog Log(RulesDiffResult result)
    {
        var rule = new ReportingDescriptor(
            RuleId,
            "MaskingWeakened",
            new Message("A change to the rules lets more of the original data into the dev database."),
            new Message("The change masks the value less than before (masked to keep, a keyed fake to a mask or constant, unique dropped, "
                + "a mask keeping more characters, a shorter hash, scrub kinds removed, verification turned off), or cannot be judged. "
                + "Review it before merging."),
            new Configuration("error"));
        var driver = new ToolComponent("devdbseed", RunSummaryDocument.ToolVersion, "https://github.com/your-org/devdbseed#reviewing-rules-changes", [rule]);
        var results = result.Changes.Where(c => c.Kind == ChangeKind.Weakened).Select(c => new Result(
            RuleId,
            0,
            "error",
            new Message(RulesDiffFormats.Sentence(c)),
            c.Location is { } at ? [Located(at)] : [],
            new Dictionary<string, string> { ["devdbseedName/v1"] = c.Name }));
        return new SarifLog("https://json.schemastore.org/sarif-2.1.0.json", "2.1.0", [new Run(new Tool(driver), [.. results])]);
    }

    private static Location Located(SourceLocation at) =>
        new(new PhysicalLocation(new ArtifactLocation(UriOf(at.File)), new Region(at.Line, at.Column)));

    /// <summary>A relative path with forward slashes (as the repository names it), or a file URI for an absolute one.</summary>
    private static string UriOf(string path) =>
        Path.IsPathFullyQualified(path)
            ? new Uri(path).AbsoluteUri
            : string.Join('/', path.Replace('\\', '/').Split('/').Select(System.Uri.EscapeDataString));

    private sealed record SarifLog([property: JsonPropertyName("$schema")] string Schema, string Version, List<Run> Runs);

    private sealed record Run(Tool Tool, List<Result> Results);

    private sealed record Tool(ToolComponent Driver);

    private sealed record ToolComponent(string Name, string Version, string InformationUri, List<ReportingDescriptor> Rules);

    private sealed record ReportingDescriptor(string Id, string Name, Message ShortDescription, Message FullDescription, Configuration DefaultConfiguration);

    private sealed record Configuration(string Level);

    private sealed record Message(string Text);

    private sealed record Result(string RuleId, int RuleIndex, string Level, Message Message, List<Location> Locations, Dictionary<string, string> PartialFingerprints);

    private sealed record Location(PhysicalLocation PhysicalLocation);

    private sealed record PhysicalLocation(ArtifactLocation ArtifactLocation, Region Region);

    private sealed record ArtifactLocation(string Uri);

    private sealed record Region(int StartLine, int StartColumn);
}
