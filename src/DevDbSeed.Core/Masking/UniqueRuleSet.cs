using System.Collections.Frozen;

namespace DevDbSeed.Masking;

/// <summary>
/// The rules that map uniquely wherever they are used: as soon as one column with a rule must be unique (a unique key,
/// <c>unique: true</c>, a foreign key group), every column, JSON member and array element with that rule maps the same
/// way, so the same original gets the same fake everywhere and natural keys still join. For the unique text fakes among
/// them, it also holds how many keyed digits their suffix has (<see cref="UniqueSuffix"/>), sized by the plan for the
/// rows of their columns, so that every column and JSON member of a mapping writes the same digits.
/// </summary>
public sealed class UniqueRuleSet
{
    public static readonly UniqueRuleSet None = new([]);

    private readonly FrozenSet<string> _canonicals;
    private readonly FrozenDictionary<string, int> _suffixDigits;

    /// <param name="canonicals">The rules' canonical texts without uniqueness (<see cref="MaskingRule.Canonical"/> of false).</param>
    /// <param name="suffixDigits">The digits of each unique text fake mapping, by its unique canonical text (<see cref="MaskingRule.Canonical"/> of true).</param>
    public UniqueRuleSet(IEnumerable<string> canonicals, IReadOnlyDictionary<string, int>? suffixDigits = null)
    {
        _canonicals = canonicals.ToFrozenSet(StringComparer.Ordinal);
        _suffixDigits = (suffixDigits ?? FrozenDictionary<string, int>.Empty).ToFrozenDictionary(StringComparer.Ordinal);
    }

    /// <summary>Whether <paramref name="rule"/> maps uniquely wherever it is used.</summary>
    public bool Contains(MaskingRule rule) => rule.CanBeUnique && _canonicals.Contains(rule.Canonical(false));

    public int Count => _canonicals.Count;

    /// <summary>The digits of the unique mapping <paramref name="canonical"/>'s suffix; null when the plan did not size it.</summary>
    public int? SuffixDigitsOf(string canonical) => _suffixDigits.TryGetValue(canonical, out var digits) ? digits : null;
}
