using DevDbSeed.Masking;

namespace DevDbSeed.Tests.Masking;

public sealed class UniqueTokenTests
{
    [Fact]
    public void Writes_lower_case_base36_characters_deterministically()
    {
        var digest = Enumerable.Range(0, 16).Select(i => (byte)(i * 17)).ToArray();
        var a = new byte[UniqueToken.MaxLength];
        var b = new byte[UniqueToken.MaxLength];

        UniqueToken.Write(digest, a);
        UniqueToken.Write(digest, b);

        Assert.Equal(a, b);
        Assert.All(a, c => Assert.True(c is >= (byte)'0' and <= (byte)'9' or >= (byte)'a' and <= (byte)'z'));
    }

    [Fact]
    public void Different_digests_give_different_tokens()
    {
        var tokens = new HashSet<string>(StringComparer.Ordinal);
        var digest = new byte[16];
        var token = new byte[UniqueToken.MaxLength];

        for (var i = 0; i < 100_000; i++)
        {
            System.Buffers.Binary.BinaryPrimitives.WriteUInt64LittleEndian(digest, (ulong)i * 0x9E3779B97F4A7C15UL);
            System.Buffers.Binary.BinaryPrimitives.WriteInt64LittleEndian(digest.AsSpan(8), ~i);
            UniqueToken.Write(digest, token);
            tokens.Add(System.Text.Encoding.ASCII.GetString(token));
        }

        Assert.Equal(100_000, tokens.Count);
    }

    [Theory]
    [InlineData(null, 14, 13)]
    [InlineData(28, 14, 13)]
    [InlineData(25, 14, 10)]
    [InlineData(20, 14, 5)]
    [InlineData(19, 14, 4)]
    [InlineData(10, 14, 4)]
    [InlineData(3, 14, 3)]
    [InlineData(1000, 1, 13)]
    public void Length_fits_beside_the_shortest_value_within_bounds(int? maxChars, int minValueLength, int expected)
    {
        Assert.Equal(expected, UniqueToken.LengthFor(maxChars, minValueLength));
    }

    [Theory]
    [InlineData(4, 100_000, true)]
    [InlineData(4, 200_000, false)]
    [InlineData(10, 10_000_000_000, true)]
    [InlineData(1, 0, true)]
    [InlineData(1, 3, false)]
    public void Judges_whether_a_length_separates_the_rows(int length, long rows, bool expected)
    {
        Assert.Equal(expected, UniqueToken.IsEnoughFor(length, rows));
    }

    [Theory]
    [InlineData(4, 100_000)]
    [InlineData(4, 104_976)]
    [InlineData(4, 104_977)]
    [InlineData(10, 10_000_000_000)]
    [InlineData(1, 0)]
    [InlineData(1, 3)]
    public void A_length_is_enough_exactly_when_its_bits_are(int length, long rows)
    {
        Assert.Equal(UniqueToken.BitsAreEnoughFor(UniqueToken.Bits(length), rows), UniqueToken.IsEnoughFor(length, rows));
        Assert.Equal(Math.Pow(36, length) >= 16.0 * Math.Max(rows, 1), UniqueToken.IsEnoughFor(length, rows));
    }
}
