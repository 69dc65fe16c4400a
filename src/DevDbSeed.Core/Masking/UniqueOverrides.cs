using System.Collections.Concurrent;
using System.Text;

namespace DevDbSeed.Masking;

/// <summary>
/// Collision repairs for unique mappings. When two distinct originals get the same masked value, the
/// repair (ordered by digest, so independent of row order) gives all but one of them another attempt;
/// transformers consult this before hashing. Empty in practice: unique fakes carry a keyed token.
/// </summary>
public sealed class UniqueOverrides
{
    private readonly ConcurrentDictionary<string, ConcurrentDictionary<string, int>> _byMapping = new(StringComparer.Ordinal);

    public bool IsEmpty => _byMapping.IsEmpty;

    public void Set(string canonicalRule, string original, int attempt) => Of(canonicalRule)[original] = attempt;

    /// <summary>The attempts of one mapping, created empty when missing (transformers built after this see later repairs).</summary>
    public ConcurrentDictionary<string, int> Of(string canonicalRule) =>
        _byMapping.GetOrAdd(canonicalRule, _ => new ConcurrentDictionary<string, int>(StringComparer.Ordinal));

    /// <summary>The attempts of one mapping, or null when it has none.</summary>
    public IReadOnlyDictionary<string, int>? For(string canonicalRule) => _byMapping.GetValueOrDefault(canonicalRule);

    public int Count => _byMapping.Values.Sum(m => m.Count);

    /// <summary>The attempt for <paramref name="original"/> in <paramref name="attempts"/> (0 when not repaired).</summary>
    public static int AttemptOf(IReadOnlyDictionary<string, int>? attempts, ReadOnlySpan<byte> original) =>
        attempts is null || attempts.Count == 0 ? 0 : attempts.GetValueOrDefault(Encoding.UTF8.GetString(original));
}
