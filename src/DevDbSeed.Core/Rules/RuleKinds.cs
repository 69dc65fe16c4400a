using DevDbSeed.Errors;
using DevDbSeed.Masking;
using DevDbSeed.Masking.Transformers;
using YamlDotNet.RepresentationModel;

namespace DevDbSeed.Rules;

/// <summary>
/// The registry of rule kinds. Adding a transformer is one file under Masking/Transformers, one line here
/// and its tests; unknown kinds and bad parameters are rejected while the rules load.
/// </summary>
public static class RuleKinds
{
    private delegate MaskingRule Parser(RuleParser parser, YamlNode value, SourceLocation at, bool unique);

    private static readonly Dictionary<string, Parser> Kinds = new(StringComparer.Ordinal)
    {
        ["fake"] = FakeRule.Parse,
        ["template"] = TemplateRule.Parse,
        ["mask"] = MaskRule.Parse,
        ["hash"] = HashRule.Parse,
        ["shift"] = ShiftRule.Parse,
        ["noise"] = NoiseRule.Parse,
        ["set"] = SetRule.Parse,
        ["json"] = JsonRule.Parse,
        ["each"] = EachRule.Parse,
        ["scrub"] = ScrubRule.Parse,
    };

    public static IReadOnlyList<string> Names { get; } = [.. Kinds.Keys];

    internal static MaskingRule Parse(string kind, RuleParser parser, YamlNode value, SourceLocation at, bool unique) =>
        Kinds[kind](parser, value, at, unique);
}
