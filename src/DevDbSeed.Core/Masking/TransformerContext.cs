using DevDbSeed.Catalog;
using DevDbSeed.Masking.Fakes;

namespace DevDbSeed.Masking;

/// <summary>Everything a rule needs to build its transformer for one column (or one JSON path, or array element).</summary>
/// <param name="Keys">Derives the rule's key from the secret.</param>
/// <param name="Type">The type the values have (for arrays handled by <c>each</c>: the element type).</param>
/// <param name="MaxLength">Characters a value may have (the smallest limit among columns sharing this mapping).</param>
/// <param name="Unique">Distinct originals must get distinct masked values.</param>
/// <param name="Fakes">The generators fakes come from.</param>
/// <param name="Locale">The Bogus locale of the rules.</param>
/// <param name="Overrides">Collision repairs for unique mappings: which originals take another attempt.</param>
/// <param name="UniqueRules">Rules unique wherever used: a JSON member or array element with one of them maps like the unique column.</param>
public sealed record TransformerContext(
    MaskingKeys Keys,
    ColumnType Type,
    int? MaxLength,
    bool Unique,
    FakeCatalog Fakes,
    string Locale,
    UniqueOverrides? Overrides = null,
    UniqueRuleSet? UniqueRules = null)
{
    /// <summary>The context of a value nested in this one (a JSON member, an array element): no limits of its own.</summary>
    public TransformerContext Nested(ColumnType type) => this with { Type = type, MaxLength = type.MaxLength, Unique = false };

    /// <summary>Whether <paramref name="rule"/> maps uniquely here: asked for, or unique wherever the plan uses it.</summary>
    public bool IsUnique(MaskingRule rule) => rule.CanBeUnique && (Unique || UniqueRules?.Contains(rule) == true);
}
