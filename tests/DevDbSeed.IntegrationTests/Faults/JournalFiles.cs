using System.Globalization;
using System.Text.Json;

namespace DevDbSeed.IntegrationTests.Faults;

/// <summary>The summary and metrics files a faulted run is given, and what they say.</summary>
internal sealed class JournalFiles(string directory)
{
    public string Summary { get; } = Path.Combine(directory, "summary.json");

    public string Metrics { get; } = Path.Combine(directory, "devdbseed.prom");

    /// <summary>The command-line options that name both files.</summary>
    public string[] Options => ["--summary", Summary, "--metrics", Metrics];

    public PipelineOptions With(PipelineOptions options) => options with { SummaryFile = Summary, MetricsFile = Metrics };

    /// <summary>The summary's exit code, status and failing stage: <c>exit 1, failed at rows</c>, <c>exit 0, succeeded</c>.</summary>
    public string Outcome()
    {
        using var summary = JsonDocument.Parse(File.ReadAllText(Summary));
        var root = summary.RootElement;
        var stage = root.TryGetProperty("failure", out var failure) && failure.ValueKind == JsonValueKind.Object
            ? $" at {failure.GetProperty("stage").GetString()}"
            : string.Empty;
        return $"exit {root.GetProperty("exit_code").GetInt32()}, {root.GetProperty("status").GetString()}{stage}";
    }

    /// <summary>The summary's failure message.</summary>
    public string FailureMessage()
    {
        using var summary = JsonDocument.Parse(File.ReadAllText(Summary));
        return summary.RootElement.GetProperty("failure").GetProperty("message").GetString()!;
    }

    /// <summary>The kinds of the summary's warnings.</summary>
    public List<string> WarningKinds()
    {
        using var summary = JsonDocument.Parse(File.ReadAllText(Summary));
        return [.. summary.RootElement.GetProperty("warnings").EnumerateArray().Select(w => w.GetProperty("kind").GetString()!)];
    }

    /// <summary>A metric's value, null when the file does not have it.</summary>
    public double? Metric(string name) =>
        File.ReadAllLines(Metrics).Where(l => l.StartsWith(name + "{", StringComparison.Ordinal))
            .Select(l => (double?)double.Parse(l[(l.LastIndexOf(' ') + 1)..], CultureInfo.InvariantCulture)).FirstOrDefault();

    /// <summary>Files in the folder besides the two (a temporary file left by a write that did not finish).</summary>
    public List<string> Strays() =>
        [.. Directory.GetFiles(directory).Select(Path.GetFileName).Where(n => n!.Contains(".tmp", StringComparison.Ordinal)).Select(n => n!)];
}
