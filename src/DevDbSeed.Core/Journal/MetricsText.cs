using System.Globalization;
using System.Text.RegularExpressions;

namespace DevDbSeed.Journal;

/// <summary>
/// The <c>devdbseed_…</c> samples of a metrics file in Prometheus text exposition, as a run found it: what it carries
/// over (the last success) and keeps (the series of other pipelines and targets writing the same file). Lines that are
/// not samples of a <c>devdbseed_</c> family, or that do not parse, are left out.
/// </summary>
internal sealed partial class MetricsText
{
    private const string Prefix = "devdbseed_";

    private MetricsText(IReadOnlyList<MetricSample> samples, IReadOnlyDictionary<string, IReadOnlyList<string>> headers)
    {
        Samples = samples;
        Headers = headers;
    }

    /// <summary>Each series once (its first line), in the file's order.</summary>
    public IReadOnlyList<MetricSample> Samples { get; }

    /// <summary>Each family's first <c># HELP</c> and first <c># TYPE</c> line, verbatim, in that order.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Headers { get; }

    /// <summary>The file's text parsed; null or unreadable text: no samples.</summary>
    public static MetricsText Parse(string? text)
    {
        var samples = new List<MetricSample>();
        var seen = new HashSet<(string, string)>();
        var help = new Dictionary<string, string>(StringComparer.Ordinal);
        var type = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var raw in (text ?? string.Empty).Split('\n'))
        {
            var line = raw.TrimEnd('\r', ' ', '\t');
            if (Header().Match(line) is { Success: true } header && header.Groups["name"].Value.StartsWith(Prefix, StringComparison.Ordinal))
            {
                (header.Groups["kind"].Value == "HELP" ? help : type).TryAdd(header.Groups["name"].Value, line);
            }
            else if (SampleLine().Match(line) is { Success: true } sample && sample.Groups["name"].Value.StartsWith(Prefix, StringComparison.Ordinal)
                && seen.Add((sample.Groups["name"].Value, sample.Groups["labels"].Value)))
            {
                samples.Add(new MetricSample(sample.Groups["name"].Value, sample.Groups["labels"].Value, LabelsOf(sample.Groups["labels"].Value),
                    sample.Groups["value"].Value, line));
            }
        }

        var headers = help.Keys.Union(type.Keys).ToDictionary(name => name,
            name => (IReadOnlyList<string>)[.. new[] { help.GetValueOrDefault(name), type.GetValueOrDefault(name) }.OfType<string>()], StringComparer.Ordinal);
        return new MetricsText(samples, headers);
    }

    /// <summary>The value of <paramref name="name"/> for exactly these labels; null when the file has none, or not a finite number.</summary>
    public double? Value(string name, IReadOnlyDictionary<string, string> labels) =>
        Samples.FirstOrDefault(s => s.Name == name && s.Has(labels)) is { } sample
            && double.TryParse(sample.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value)
            ? value
            : null;

    /// <summary>The label values of <c>{name="value",...}</c>, unescaped (<c>\\</c>, <c>\"</c>, <c>\n</c>).</summary>
    private static Dictionary<string, string> LabelsOf(string labels)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (Match label in Label().Matches(labels))
        {
            values[label.Groups["name"].Value] = Escape().Replace(label.Groups["value"].Value, m => m.Groups[1].Value == "n" ? "\n" : m.Groups[1].Value);
        }

        return values;
    }

    [GeneratedRegex(@"^#[ \t]+(?<kind>HELP|TYPE)[ \t]+(?<name>[a-zA-Z_:][a-zA-Z0-9_:]*)(?:[ \t]|$)")]
    private static partial Regex Header();

    /// <summary>A sample: name, optional labels (quoted values with escapes), value, optional timestamp.</summary>
    [GeneratedRegex(@"^(?<name>[a-zA-Z_:][a-zA-Z0-9_:]*)(?<labels>\{(?:[^""}]|""(?:[^""\\]|\\.)*"")*\})?[ \t]+(?<value>\S+)(?:[ \t]+-?\d+)?$")]
    private static partial Regex SampleLine();

    [GeneratedRegex(@"(?<name>[a-zA-Z_][a-zA-Z0-9_]*)=""(?<value>(?:[^""\\]|\\.)*)""")]
    private static partial Regex Label();

    [GeneratedRegex(@"\\(.)")]
    private static partial Regex Escape();
}

/// <summary>One series' line of a metrics file.</summary>
/// <param name="Name">Its family (the metric's name).</param>
/// <param name="LabelText">Its labels as written, <c>{pipeline="nightly",target="dev"}</c>; empty without labels.</param>
/// <param name="Labels">The same, unescaped.</param>
/// <param name="Value">The value as written.</param>
/// <param name="Line">The whole line, verbatim.</param>
internal sealed record MetricSample(string Name, string LabelText, IReadOnlyDictionary<string, string> Labels, string Value, string Line)
{
    /// <summary>Whether its labels are exactly <paramref name="labels"/>, no more and no fewer.</summary>
    public bool Has(IReadOnlyDictionary<string, string> labels) =>
        Labels.Count == labels.Count && labels.All(l => Labels.TryGetValue(l.Key, out var value) && value == l.Value);
}
