using System.Text.RegularExpressions;
using DevDbSeed.Errors;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace DevDbSeed.Yaml;

/// <summary>
/// A parsed YAML file that remembers where every node came from, so that every error names
/// <c>file:line:column</c>. Malformed YAML is a <see cref="ConfigurationException"/> (exit 2).
/// </summary>
public sealed partial class YamlFile
{
    private YamlFile(string path, string displayPath, YamlNode? root)
    {
        FullPath = path;
        DisplayPath = displayPath;
        Root = root;
    }

    /// <summary>The absolute path, for resolving files relative to this one.</summary>
    public string FullPath { get; }

    /// <summary>The path as the user wrote it, for messages.</summary>
    public string DisplayPath { get; }

    /// <summary>The document's root node; null for an empty file.</summary>
    public YamlNode? Root { get; }

    public string Directory => Path.GetDirectoryName(FullPath) ?? ".";

    public static YamlFile Load(string path, string? displayPath = null)
    {
        displayPath ??= path;
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ConfigurationException($"{displayPath}: cannot read the file: {e.Message}", e);
        }

        return Parse(text, Path.GetFullPath(path), displayPath);
    }

    public static YamlFile Parse(string text, string fullPath, string displayPath)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (YamlException e)
        {
            var (line, column) = ((int)e.Start.Line, (int)e.Start.Column);
            if (Describe(e).Contains("tab", StringComparison.Ordinal) && FirstTabIndentation(text) is { } tab)
            {
                (line, column) = tab; // YamlDotNet reports tab indentation at the document start
            }

            throw new ConfigurationException(new SourceLocation(displayPath, line, column), $"invalid YAML: {Describe(e)}", e);
        }

        if (stream.Documents.Count > 1)
        {
            var second = stream.Documents[1].RootNode;
            throw new ConfigurationException(new SourceLocation(displayPath, (int)second.Start.Line, (int)second.Start.Column),
                "the file holds more than one YAML document");
        }

        var root = stream.Documents.Count == 0 ? null : stream.Documents[0].RootNode;
        return new YamlFile(fullPath, displayPath, root);
    }

    public SourceLocation At(YamlNode node) => new(DisplayPath, (int)node.Start.Line, (int)node.Start.Column);

    public ConfigurationException Error(YamlNode node, string message) => new(At(node), message);

    /// <summary>The first line indented with a tab, and the tab's column.</summary>
    private static (int Line, int Column)? FirstTabIndentation(string text)
    {
        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var indentation = lines[i].Length - lines[i].TrimStart(' ', '\t').Length;
            var tab = lines[i].IndexOf('\t', StringComparison.Ordinal);
            if (tab >= 0 && tab < indentation)
            {
                return (i + 1, tab + 1);
            }
        }

        return null;
    }

    /// <summary>YamlDotNet prefixes messages with positions we already print; keep the words, lower-cased.</summary>
    private static string Describe(YamlException e)
    {
        var inner = e;
        while (inner.InnerException is YamlException deeper)
        {
            inner = deeper;
        }

        var message = PositionPrefix().Replace(inner.Message, string.Empty).Trim().TrimEnd('.');
        return message.Length > 0 ? char.ToLowerInvariant(message[0]) + message[1..] : "malformed document";
    }

    [GeneratedRegex(@"^\(Line: \d+, Col: \d+, Idx: \d+\) - \(Line: \d+, Col: \d+, Idx: \d+\):\s*")]
    private static partial Regex PositionPrefix();
}
