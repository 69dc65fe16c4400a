using DevDbSeed.Errors;

namespace DevDbSeed.Review.Formats;

/// <summary>How <c>rules diff</c> writes its changes.</summary>
public enum RulesDiffFormat
{
    /// <summary>One line per change, then the counts (the default).</summary>
    Text,

    /// <summary>Markdown for a pull-request comment or a job summary.</summary>
    Markdown,

    /// <summary>A stable JSON document for tools.</summary>
    Json,

    /// <summary>SARIF 2.1.0 for code-scanning UIs: each weakening on its line in the new file.</summary>
    Sarif,
}

/// <summary>The formats by their command-line names, and the writer of each.</summary>
public static class RulesDiffFormats
{
    /// <summary>The names <c>--format</c> takes.</summary>
    public static IReadOnlyList<string> Names { get; } = ["text", "md", "json", "sarif"];

    /// <summary>The format called <paramref name="name"/> (one of <see cref="Names"/>).</summary>
    public static RulesDiffFormat Parse(string name) => name switch
    {
        "text" => RulesDiffFormat.Text,
        "md" => RulesDiffFormat.Markdown,
        "json" => RulesDiffFormat.Json,
        "sarif" => RulesDiffFormat.Sarif,
        _ => throw new ConfigurationException($"--format must be one of {string.Join(", ", Names)} ('{name}' found)"),
    };

    /// <summary>The text of <paramref name="result"/> in <paramref name="format"/>.</summary>
    public static string Write(RulesDiffResult result, RulesDiffFormat format) => format switch
    {
        RulesDiffFormat.Markdown => RulesDiffMarkdown.Write(result),
        RulesDiffFormat.Json => RulesDiffJson.Write(result),
        RulesDiffFormat.Sarif => RulesDiffSarif.Write(result),
        _ => RulesDiffText.Write(result),
    };

    /// <summary>The word of a change kind, as every format writes it: weakened, strengthened, neutral, added, removed.</summary>
    public static string Word(ChangeKind kind) => kind.ToString().ToLowerInvariant();

    /// <summary>"1 weakened, 2 strengthened, 0 neutral, 1 added, 0 removed".</summary>
    public static string Counts(RulesDiffResult result) =>
        string.Join(", ", Enum.GetValues<ChangeKind>().Select(k => $"{result.Count(k)} {Word(k)}"));

    /// <summary>"public.customer.email: unique fake internet.email → keep (copied as it is now)".</summary>
    public static string Sentence(RuleChange change) =>
        $"{change.Name}: {change.Before ?? "(not named)"} → {change.After ?? "(not named)"} ({change.Reason})";
}
