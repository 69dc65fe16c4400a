using System.Buffers.Binary;
using System.Collections.Concurrent;

namespace DevDbSeed.Masking.Fakes;

/// <summary>
/// How many equally likely values a generator's fakes are worth when counting collisions: its effective variety
/// V = 1 / Σ p², where p is the chance of each fake. Bogus's lists are uneven once combined (a user name is a first
/// name alone with a number in a third of the draws), so V is far below the count of possible fakes.
/// <para>
/// Estimated at plan time by drawing a sample of fakes from fixed seeds (capture–recapture, or the birthday estimate):
/// among m draws the number of equal pairs c has expectation m (m − 1) / 2 · Σ p², so V ≈ m (m − 1) / (2 c). The draws
/// double from 4,096 until 64 pairs are seen or 65,536 draws are made; c is a Poisson count, replaced by its upper bound
/// c + 2√c + 3 (about 95 %), so that a lucky sample never overstates V (a generator with no pair in 65,536 draws counts
/// as about 7·10⁸). Deterministic: the same generator, locale data and room give the same estimate. Cached per
/// generator, locale and room, for the process.
/// </para>
/// </summary>
public static class FakeVariety
{
    private const int FirstDraws = 4096;
    private const int MaxDraws = 65_536;
    private const int EnoughPairs = 64;

    private static readonly ConcurrentDictionary<(string Key, int? Room), Lazy<Estimate>> Cache = new();

    /// <summary>
    /// The effective variety of the fakes of <paramref name="create"/>'s generator (named <paramref name="key"/>: its rule
    /// and locale) when each must fit <paramref name="room"/> characters, as the transformer fits them (null: no limit).
    /// </summary>
    public static double Of(string key, Func<FakeGenerator> create, int? room)
    {
        var unlimited = EstimateOf(key, create, null);
        return room is not { } chars || chars >= unlimited.LongestChars ? unlimited.Variety : EstimateOf(key, create, chars).Variety;
    }

    private static Estimate EstimateOf(string key, Func<FakeGenerator> create, int? room) =>
        Cache.GetOrAdd((key, room), k => new Lazy<Estimate>(() => Sample(create(), k.Room))).Value;

    private static Estimate Sample(FakeGenerator generator, int? room)
    {
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        var output = new Utf8Builder(64);
        Span<byte> seed = stackalloc byte[32];
        long pairs = 0;
        var longest = 0;
        var draws = 0;
        for (var target = FirstDraws; ; target *= 2)
        {
            for (; draws < target; draws++)
            {
                SeedOf(draws, seed);
                var random = new KeyedRandom(seed);
                generator.GenerateFitting(ref random, room, output);
                longest = Math.Max(longest, Utf8Text.CharCount(output.Written));
                var text = output.ToString();
                seen.TryGetValue(text, out var earlier);
                pairs += earlier;
                seen[text] = earlier + 1;
            }

            if (pairs >= EnoughPairs || draws >= MaxDraws)
            {
                break;
            }
        }

        var bound = pairs + (2 * Math.Sqrt(pairs)) + 3;
        return new Estimate(Math.Max(1, draws * (draws - 1.0) / 2 / bound), longest);
    }

    /// <summary>32 well-mixed seed bytes for draw <paramref name="index"/> (splitmix64), standing in for keyed digests.</summary>
    private static void SeedOf(int index, Span<byte> seed)
    {
        var state = 0x5EED_FA4E_0000_0000UL + (ulong)index;
        for (var i = 0; i < 4; i++)
        {
            state += 0x9E3779B97F4A7C15UL;
            var z = state;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            BinaryPrimitives.WriteUInt64LittleEndian(seed[(i * 8)..], z ^ (z >> 31));
        }
    }

    /// <param name="Variety">The effective variety.</param>
    /// <param name="LongestChars">The longest fake drawn: a room of at least this many characters changes nothing.</param>
    private sealed record Estimate(double Variety, int LongestChars);
}
