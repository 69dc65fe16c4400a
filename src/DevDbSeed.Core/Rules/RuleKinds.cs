using DevDbSeed.Masking.Transformers;

namespace DevDbSeed.Rules;

/// <summary>
/// The registry of the rule kinds a column rule's mapping can name. Adding a transformer is one file under
/// Masking/Transformers (its rule, transformer and <see cref="RuleKind"/> declaration), one line here and its tests;
/// unknown kinds and bad parameters are rejected while the rules load, and the rules JSON Schema follows.
/// </summary>
public static class RuleKinds
{
    /// <summary>Every kind, in the order the rules schema lists them.</summary>
    public static IReadOnlyList<RuleKind> All { get; } =
    [
        FakeRule.Declaration,
        TemplateRule.Declaration,
        MaskRule.Declaration,
        HashRule.Declaration,
        ShiftRule.Declaration,
        NoiseRule.Declaration,
        SetRule.Declaration,
        JsonRule.Declaration,
        EachRule.Declaration,
        ScrubRule.Declaration,
    ];

    private static readonly Dictionary<string, RuleKind> ByName = All.ToDictionary(k => k.Name, StringComparer.Ordinal);

    public static IReadOnlyList<string> Names { get; } = [.. All.Select(k => k.Name)];

    /// <summary>The kind called <paramref name="name"/>, or null.</summary>
    public static RuleKind? Find(string name) => ByName.GetValueOrDefault(name);
}
