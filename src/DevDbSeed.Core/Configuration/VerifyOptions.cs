using DevDbSeed.Yaml;
using YamlDotNet.RepresentationModel;

namespace DevDbSeed.Configuration;

/// <summary>
/// How a run proves that no original value of a masked column reached the new database (pipeline key
/// <c>verify</c>): how many distinct originals per masked column to look for, and how short a value may be before
/// it is too common to identify anyone. <c>verify: false</c> turns the check off.
/// </summary>
/// <param name="Enabled">Whether runs verify before the swap.</param>
/// <param name="SamplePerColumn">Distinct original values taken per masked column (or JSON path, array, scrubbed kind).</param>
/// <param name="MinLength">Values shorter than this many characters are not looked for.</param>
public sealed record VerifyOptions(bool Enabled = true, int SamplePerColumn = 10_000, int MinLength = 6)
{
    private static readonly string[] Keys = ["enabled", "sample", "min_length"];

    public static VerifyOptions Default { get; } = new();

    internal static VerifyOptions Parse(YamlFile file, YamlNode node)
    {
        if (node is YamlScalarNode)
        {
            return Default with { Enabled = file.Boolean(node, "verify") };
        }

        var options = Default;
        foreach (var (key, _, value) in file.Entries(file.Mapping(node, "verify"), "verify", Keys))
        {
            options = key switch
            {
                "enabled" => options with { Enabled = file.Boolean(value, "verify.enabled") },
                "sample" => options with { SamplePerColumn = file.Integer(value, "verify.sample", 1, 10_000_000) },
                _ => options with { MinLength = file.Integer(value, "verify.min_length", 1, 1000) },
            };
        }

        return options;
    }
}
