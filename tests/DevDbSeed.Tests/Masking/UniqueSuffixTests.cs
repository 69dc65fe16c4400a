using System.Buffers.Binary;
using System.Text;
using DevDbSeed.Masking;

namespace DevDbSeed.Tests.Masking;

public sealed class UniqueSuffixTests
{
    [Fact]
    public void Writes_decimal_digits_deterministically()
    {
        var digest = Enumerable.Range(0, 16).Select(i => (byte)(i * 17)).ToArray();
        var a = new byte[UniqueSuffix.MaxDigits];
        var b = new byte[UniqueSuffix.MaxDigits];

        UniqueSuffix.Write(digest, a);
        UniqueSuffix.Write(digest, b);

        Assert.Equal(a, b);
        Assert.All(a, c => Assert.InRange(c, (byte)'0', (byte)'9'));
    }

    [Fact]
    public void A_longer_suffix_starts_with_the_shorter_one()
    {
        var digest = Digest(42);
        var longest = Suffix(digest, UniqueSuffix.MaxDigits);

        for (var digits = 1; digits < UniqueSuffix.MaxDigits; digits++)
        {
            Assert.Equal(longest[..digits], Suffix(digest, digits));
        }
    }

    [Fact]
    public void Different_digests_give_different_long_suffixes()
    {
        var suffixes = Enumerable.Range(0, 100_000).Select(i => Suffix(Digest(i), UniqueSuffix.MaxDigits)).ToHashSet(StringComparer.Ordinal);

        Assert.Equal(100_000, suffixes.Count);
    }

    [Fact]
    public void Short_suffixes_are_spread_evenly_over_their_values()
    {
        var counts = Enumerable.Range(0, 100_000).GroupBy(i => Suffix(Digest(i), 2), StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count());

        Assert.Equal(100, counts.Count); // 00 to 99, leading zeros kept
        Assert.All(counts.Values, n => Assert.InRange(n, 850, 1150)); // 1,000 each, ±4.7 standard deviations
    }

    [Theory]
    [InlineData(1_000, 1e6, 2, 1_000 * 999 / 2 / 1e8)]
    [InlineData(1_000_000, 6e6, 7, 1e6 * 999_999 / 2 / 1e7 / 6e6)]
    [InlineData(0, 10, 2, 0)]
    public void Expected_collisions_are_the_birthday_estimate(long rows, double variety, int digits, double expected)
    {
        Assert.Equal(expected, UniqueSuffix.ExpectedCollisions(rows, variety, digits), 12);
    }

    [Theory]
    [InlineData(100, 6e6, 2)] // the fewest digits, though fewer would do
    [InlineData(3_000, 6e6, 2)]
    [InlineData(20_000, 6e6, 4)]
    [InlineData(100_000, 6e6, 5)]
    [InlineData(1_000_000, 6e6, 7)]
    [InlineData(1_000_000, 3_000, 11)]
    [InlineData(1_000_000_000_000, 10, 18)] // as many as there are, and the check after the load does the rest
    public void Takes_the_fewest_digits_that_keep_expected_collisions_well_below_one(long rows, double variety, int expected)
    {
        var digits = UniqueSuffix.DigitsFor(rows, UniqueSuffix.MaxDigits, _ => variety);

        Assert.Equal(expected, digits);
        if (digits < UniqueSuffix.MaxDigits)
        {
            Assert.True(UniqueSuffix.ExpectedCollisions(rows, variety, digits) <= UniqueSuffix.TargetCollisions);
        }

        if (digits > UniqueSuffix.MinDigits)
        {
            Assert.True(UniqueSuffix.ExpectedCollisions(rows, variety, digits - 1) > UniqueSuffix.TargetCollisions);
        }
    }

    [Fact]
    public void Never_takes_more_digits_than_the_column_holds()
    {
        Assert.Equal(3, UniqueSuffix.DigitsFor(1_000_000, 3, _ => 100));
        Assert.Equal(1, UniqueSuffix.DigitsFor(1_000_000, 1, _ => 100));
    }

    [Fact]
    public void Counts_the_variety_the_fake_keeps_beside_each_number_of_digits()
    {
        // in a short column each digit costs the fake a character: 2 digits leave it much, 3 leave it little
        var digits = UniqueSuffix.DigitsFor(10_000, 10, d => d == 2 ? 1e8 : 10);

        Assert.Equal(2, digits);
        Assert.Equal(8, UniqueSuffix.DigitsFor(10_000, 10, d => d == 2 ? 1e5 : 1e2));
    }

    [Theory]
    [InlineData(4, 625, true)]
    [InlineData(4, 626, false)]
    [InlineData(10, 625_000_000, true)]
    [InlineData(1, 0, false)]
    [InlineData(2, 6, true)]
    [InlineData(2, 7, false)]
    public void A_number_of_digits_is_enough_exactly_when_its_bits_are(int digits, long rows, bool expected)
    {
        Assert.Equal(expected, CollisionBounds.BitsAreEnoughFor(UniqueSuffix.Bits(digits), rows));
        Assert.Equal(expected, Math.Pow(10, digits) >= 16.0 * Math.Max(rows, 1));
    }

    [Theory]
    [InlineData(67, 1_000_000, false)]
    [InlineData(40, 1_000_000, true)]
    [InlineData(0, 1, true)]
    public void A_mapping_may_collide_when_its_birthday_bound_is_above_one_in_a_million(double bits, long rows, bool expected)
    {
        Assert.Equal(expected, CollisionBounds.MayCollide(bits, rows));
    }

    private static byte[] Digest(long i)
    {
        var digest = new byte[16];
        BinaryPrimitives.WriteUInt64LittleEndian(digest, (ulong)i * 0x9E3779B97F4A7C15UL);
        BinaryPrimitives.WriteUInt64LittleEndian(digest.AsSpan(8), ~((ulong)i * 0xBF58476D1CE4E5B9UL));
        return digest;
    }

    private static string Suffix(byte[] digest, int digits)
    {
        var suffix = new byte[digits];
        UniqueSuffix.Write(digest, suffix);
        return Encoding.ASCII.GetString(suffix);
    }
}
