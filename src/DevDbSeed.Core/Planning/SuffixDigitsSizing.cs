using DevDbSeed.Masking;

namespace DevDbSeed.Planning;

/// <summary>
/// Sizes the keyed digits of each unique text fake mapping once for the plan (<see cref="UniqueSuffix"/>): as many as
/// its largest column that must hold distinct values needs for its rows, so that every column, JSON member and scrub
/// using the mapping writes the same digits. A mapping with no such column is sized for the largest column using it.
/// </summary>
internal sealed class SuffixDigitsSizing
{
    private readonly Dictionary<string, (bool Distinct, int Digits)> _sized = new(StringComparer.Ordinal);

    /// <summary>The digits of each mapping sized so far, by its unique canonical text.</summary>
    public Dictionary<string, int> Digits => _sized.ToDictionary(s => s.Key, s => s.Value.Digits, StringComparer.Ordinal);

    /// <summary>Counts a column mapped uniquely by <paramref name="rule"/>, and whether it must hold distinct values itself.</summary>
    public void Add(MaskingRule rule, ColumnFit column, bool distinct)
    {
        if (rule.SuffixDigitsFor(column with { SuffixDigits = null }) is not { } digits)
        {
            return;
        }

        var canonical = rule.Canonical(true);
        if (!_sized.TryGetValue(canonical, out var known) || (distinct && !known.Distinct) || (distinct == known.Distinct && digits > known.Digits))
        {
            _sized[canonical] = (distinct, digits);
        }
    }
}
