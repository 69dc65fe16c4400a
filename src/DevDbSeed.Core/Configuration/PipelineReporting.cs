using DevDbSeed.Errors;
using DevDbSeed.Yaml;
using YamlDotNet.RepresentationModel;

namespace DevDbSeed.Configuration;

/// <summary>
/// How a pipeline file says a run reports itself (its name, <c>summary</c>, <c>metrics</c>, <c>log_format</c>), read
/// leniently: what a run refused because the file is not a valid pipeline (exit 2) still writes its refusal with, as
/// long as these settings themselves can be read.
/// </summary>
/// <param name="Pipeline">The pipeline's name: the file's name without its extension (<see cref="NameOf"/>).</param>
/// <param name="SummaryFile">The summary file, relative to the pipeline file, <c>${VAR}</c> expanded; null: none, or it cannot be expanded.</param>
/// <param name="MetricsFile">The metrics file, the same way.</param>
/// <param name="LogFormat">The log format; null: none, or not a known one.</param>
public sealed record PipelineReporting(string Pipeline, string? SummaryFile, string? MetricsFile, LogFormat? LogFormat)
{
    /// <summary>A pipeline's name: its file's name without the extension (<c>pipelines/nightly.yaml</c>: <c>nightly</c>).</summary>
    public static string NameOf(string pipelineFile)
    {
        ArgumentNullException.ThrowIfNull(pipelineFile);
        return Path.GetFileNameWithoutExtension(pipelineFile);
    }

    /// <summary>
    /// The reporting settings of <paramref name="pipelineFile"/>, whatever else the file holds: each of <c>summary</c>,
    /// <c>metrics</c> and <c>log_format</c> that is a single value at the top of the file, with variables from
    /// <paramref name="environment"/> (default: the process environment). None when the file cannot be read or is not a
    /// YAML mapping; never throws for the file's content.
    /// </summary>
    public static PipelineReporting Read(string pipelineFile, Func<string, string?>? environment = null)
    {
        ArgumentNullException.ThrowIfNull(pipelineFile);
        environment ??= Environment.GetEnvironmentVariable;
        var none = new PipelineReporting(NameOf(pipelineFile), null, null, null);
        YamlFile file;
        try
        {
            file = YamlFile.Load(pipelineFile);
        }
        catch (ConfigurationException)
        {
            return none;
        }

        if (file.Root is not YamlMappingNode mapping)
        {
            return none;
        }

        string? Value(string key) =>
            mapping.Children.FirstOrDefault(c => c.Key is YamlScalarNode { Value: { } name } && name == key).Value is YamlScalarNode { Value: { Length: > 0 } value } node
                && !YamlNodes.IsNull(node)
                ? value
                : null;
        string? PathOf(string key)
        {
            var text = Value(key);
            try
            {
                return text is not null && new EnvironmentText(text, new SourceLocation(file.DisplayPath, 1, 1)).TryExpand(environment, out var path, out _)
                    && path.Length > 0
                    ? Path.Combine(file.Directory, path)
                    : null;
            }
            catch (ConfigurationException)
            {
                return null; // not a valid ${...} reference
            }
        }

        return none with
        {
            SummaryFile = PathOf("summary"),
            MetricsFile = PathOf("metrics"),
            LogFormat = Value("log_format") is { } format ? LogFormats.Find(format) : null,
        };
    }
}
