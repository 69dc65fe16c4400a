using DevDbSeed.Yaml;
using YamlDotNet.RepresentationModel;

namespace DevDbSeed.Configuration;

/// <summary>How the command line prints what happens (pipeline key <c>log_format</c>, option <c>--log-format</c>).</summary>
public enum LogFormat
{
    /// <summary>Readable lines, or the live display on a terminal.</summary>
    Text,

    /// <summary>One JSON object per line, on stdout and stderr alike, for log collectors.</summary>
    Json,
}

/// <summary>Reads a <see cref="LogFormat"/> from its name.</summary>
public static class LogFormats
{
    /// <summary>The names, as the pipeline file and the command line spell them.</summary>
    public static IReadOnlyList<string> Names { get; } = ["text", "json"];

    /// <summary>The format named <paramref name="name"/>; null when there is none of that name.</summary>
    public static LogFormat? Find(string name) => name switch
    {
        "text" => LogFormat.Text,
        "json" => LogFormat.Json,
        _ => null,
    };

    internal static LogFormat Parse(YamlFile file, YamlNode node) =>
        Find(file.Scalar(node, "log_format"))
        ?? throw file.Error(node, $"log_format must be one of {string.Join(", ", Names)}");
}
