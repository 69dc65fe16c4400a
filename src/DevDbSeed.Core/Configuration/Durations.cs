using System.Globalization;
using System.Text.RegularExpressions;
using DevDbSeed.Yaml;
using YamlDotNet.RepresentationModel;

namespace DevDbSeed.Configuration;

/// <summary>A duration in a pipeline file: a whole number and a unit, <c>90m</c>, <c>26h</c>, <c>7d</c> (also <c>s</c>).</summary>
public static partial class Durations
{
    /// <summary>The duration <paramref name="text"/> names; null when it is not one.</summary>
    public static TimeSpan? Find(string text)
    {
        if (Duration().Match(text.Trim()) is not { Success: true } match
            || !int.TryParse(match.Groups["count"].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var count) || count == 0)
        {
            return null;
        }

        return match.Groups["unit"].Value switch
        {
            "s" => TimeSpan.FromSeconds(count),
            "m" => TimeSpan.FromMinutes(count),
            "h" => TimeSpan.FromHours(count),
            _ => TimeSpan.FromDays(count),
        };
    }

    /// <summary>How a duration is written back: the largest unit that divides it.</summary>
    public static string Text(TimeSpan duration) =>
        duration.TotalDays % 1 == 0 ? $"{duration.TotalDays:0}d"
        : duration.TotalHours % 1 == 0 ? $"{duration.TotalHours:0}h"
        : duration.TotalMinutes % 1 == 0 ? $"{duration.TotalMinutes:0}m"
        : $"{duration.TotalSeconds:0}s";

    internal static TimeSpan Parse(YamlFile file, YamlNode node, string what) =>
        Find(file.Scalar(node, what))
        ?? throw file.Error(node, $"{what} must be a whole number of s, m, h or d greater than 0 (26h, 7d)");

    [GeneratedRegex(@"^(?<count>\d{1,6})\s*(?<unit>[smhd])$")]
    private static partial Regex Duration();
}
