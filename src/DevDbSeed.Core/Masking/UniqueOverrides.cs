using System.Collections.Frozen;
using System.Collections.Immutable;
using System.Text;

namespace DevDbSeed.Masking;

/// <summary>
/// Collision repairs for unique mappings, immutable. When two distinct originals get the same masked value, the
/// repair (ordered by original, so independent of row order) gives all but one of them another attempt; transformers
/// consult this before hashing. Rare: a unique fake's digits are sized so that a column expects 0.01 collisions at most.
/// </summary>
public sealed class UniqueOverrides
{
    public static readonly UniqueOverrides None = new(ImmutableDictionary<string, IReadOnlyDictionary<string, int>>.Empty);

    private readonly ImmutableDictionary<string, IReadOnlyDictionary<string, int>> _byMapping;

    private UniqueOverrides(ImmutableDictionary<string, IReadOnlyDictionary<string, int>> byMapping) => _byMapping = byMapping;

    public bool IsEmpty => _byMapping.IsEmpty;

    /// <summary>How many originals take another attempt, over every mapping.</summary>
    public int Count => _byMapping.Values.Sum(m => m.Count);

    /// <summary>These repairs, with the attempts of one mapping (canonical rule) replaced by a copy of <paramref name="attempts"/>.</summary>
    public UniqueOverrides With(string canonicalRule, IEnumerable<KeyValuePair<string, int>> attempts) =>
        new(_byMapping.SetItem(canonicalRule, attempts.ToFrozenDictionary(StringComparer.Ordinal)));

    /// <summary>These repairs, with one original of one mapping taking another attempt.</summary>
    public UniqueOverrides With(string canonicalRule, string original, int attempt) =>
        With(canonicalRule, new Dictionary<string, int>(For(canonicalRule) ?? FrozenDictionary<string, int>.Empty, StringComparer.Ordinal) { [original] = attempt });

    /// <summary>The attempts of one mapping, or null when it has none.</summary>
    public IReadOnlyDictionary<string, int>? For(string canonicalRule) => _byMapping.GetValueOrDefault(canonicalRule);

    /// <summary>The attempt for <paramref name="original"/> in <paramref name="attempts"/> (0 when not repaired).</summary>
    public static int AttemptOf(IReadOnlyDictionary<string, int>? attempts, ReadOnlySpan<byte> original) =>
        attempts is null || attempts.Count == 0 ? 0 : attempts.GetValueOrDefault(Encoding.UTF8.GetString(original));
}
