using System.Collections.Frozen;

namespace DevDbSeed.Masking;

/// <summary>
/// The rules that map uniquely wherever they are used: as soon as one column with a rule must be unique (a unique key,
/// <c>unique: true</c>, a foreign key group), every column, JSON member and array element with that rule maps the same
/// way, so the same original gets the same fake everywhere and natural keys still join.
/// </summary>
public sealed class UniqueRuleSet
{
    public static readonly UniqueRuleSet None = new([]);

    private readonly FrozenSet<string> _canonicals;

    /// <param name="canonicals">The rules' canonical texts without uniqueness (<see cref="MaskingRule.Canonical"/> of false).</param>
    public UniqueRuleSet(IEnumerable<string> canonicals) => _canonicals = canonicals.ToFrozenSet(StringComparer.Ordinal);

    /// <summary>Whether <paramref name="rule"/> maps uniquely wherever it is used.</summary>
    public bool Contains(MaskingRule rule) => rule.CanBeUnique && _canonicals.Contains(rule.Canonical(false));

    public int Count => _canonicals.Count;
}
