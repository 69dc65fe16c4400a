using System.Globalization;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace DevDbSeed.Yaml;

/// <summary>Typed reads of YAML nodes; every mismatch is an error at the node's position.</summary>
public static class YamlNodes
{
    /// <summary>A plain scalar that YAML reads as null: empty, <c>~</c> or <c>null</c>.</summary>
    public static bool IsNull(YamlNode node) =>
        node is YamlScalarNode { Style: ScalarStyle.Plain or ScalarStyle.Any } scalar
        && (scalar.Value is null or "" or "~" or "null" or "Null" or "NULL");

    public static YamlMappingNode Mapping(this YamlFile file, YamlNode node, string what) =>
        node as YamlMappingNode ?? throw file.Error(node, $"{what} must be a mapping ({Shape(node)} found)");

    public static string Scalar(this YamlFile file, YamlNode node, string what) =>
        node is YamlScalarNode { Value: { } value } && !IsNull(node)
            ? value
            : throw file.Error(node, $"{what} must be a single value ({Shape(node)} found)");

    public static int Integer(this YamlFile file, YamlNode node, string what, int min, int max)
    {
        var text = file.Scalar(node, what);
        if (!int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) || value < min || value > max)
        {
            throw file.Error(node, $"{what} must be a whole number from {min} to {max} ('{text}' found)");
        }

        return value;
    }

    public static double Number(this YamlFile file, YamlNode node, string what, double min, double max)
    {
        var text = file.Scalar(node, what);
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || value < min || value > max
            || double.IsNaN(value))
        {
            throw file.Error(node, $"{what} must be a number from {min.ToString(CultureInfo.InvariantCulture)} to {max.ToString(CultureInfo.InvariantCulture)} ('{text}' found)");
        }

        return value;
    }

    public static bool Boolean(this YamlFile file, YamlNode node, string what)
    {
        var text = file.Scalar(node, what);
        return text switch
        {
            "true" or "True" or "TRUE" or "yes" or "on" => true,
            "false" or "False" or "FALSE" or "no" or "off" => false,
            _ => throw file.Error(node, $"{what} must be true or false ('{text}' found)"),
        };
    }

    /// <summary>Iterates a mapping's entries with string keys, rejecting keys not in <paramref name="allowed"/>.</summary>
    public static IEnumerable<(string Key, YamlNode KeyNode, YamlNode Value)> Entries(
        this YamlFile file, YamlMappingNode mapping, string what, IReadOnlyCollection<string>? allowed = null)
    {
        foreach (var (keyNode, value) in mapping.Children)
        {
            var key = file.Scalar(keyNode, $"a key of {what}");
            if (allowed is not null && !allowed.Contains(key))
            {
                throw file.Error(keyNode, $"unknown key '{key}' in {what}{Suggestions.DidYouMean(key, allowed)}");
            }

            yield return (key, keyNode, value);
        }
    }

    /// <summary>Whether a plain scalar's text is what YAML reads as a boolean or a number, not a string.</summary>
    public static bool IsNonString(string text) => ScalarKind(text) != "string";

    /// <summary>What YAML reads a plain scalar's text as: boolean, number or string.</summary>
    public static string ScalarKind(string text) =>
        text is "true" or "True" or "TRUE" or "false" or "False" or "FALSE" or "yes" or "no" or "on" or "off" ? "boolean"
        : double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out _) ? "number"
        : "string";

    /// <summary>How a node looks, for messages: "a mapping", "a list", "a value", "nothing".</summary>
    public static string Shape(YamlNode node) => node switch
    {
        YamlMappingNode => "a mapping",
        YamlSequenceNode => "a list",
        _ when IsNull(node) => "nothing",
        _ => "a value",
    };
}
