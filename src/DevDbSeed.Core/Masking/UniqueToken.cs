namespace DevDbSeed.Masking;

/// <summary>
/// The keyed token that keeps unique fakes distinct: up to 13 base-36 characters (67 bits) drawn from the
/// keyed digest, on top of the fake's own variety. Planning refuses columns too short for the rows they
/// hold; where a collision is not negligible (short columns), a post-load check finds and repairs it.
/// </summary>
public static class UniqueToken
{
    public const int MaxLength = 13;
    public const int MinLength = 4;

    private static ReadOnlySpan<byte> Alphabet => "0123456789abcdefghijklmnopqrstuvwxyz"u8;

    /// <summary>Bits of a token of <paramref name="length"/> characters.</summary>
    public static double Bits(int length) => length * Math.Log2(36);

    /// <summary>Writes up to <see cref="MaxLength"/> token characters from 16 bytes of digest (two 64-bit halves: no 128-bit division).</summary>
    public static void Write(ReadOnlySpan<byte> digestBytes, Span<byte> token)
    {
        var low = System.Buffers.Binary.BinaryPrimitives.ReadUInt64LittleEndian(digestBytes);
        var high = System.Buffers.Binary.BinaryPrimitives.ReadUInt64LittleEndian(digestBytes[8..]);
        for (var i = 0; i < token.Length; i++)
        {
            ref var value = ref i < 7 ? ref low : ref high; // 7 characters use 36 bits of each half
            token[i] = Alphabet[(int)(value % 36)];
            value /= 36;
        }
    }

    /// <summary>
    /// Whether a mapping with <paramref name="bits"/> of distinctness could collide among <paramref name="rows"/>
    /// values with a chance above one in a million (the birthday bound): then the new database is checked.
    /// </summary>
    public static bool MayCollide(double bits, long rows) =>
        bits <= 0 || Math.Pow(Math.Max(rows, 1), 2) / Math.Pow(2, bits + 1) > 1e-6;

    /// <summary>How many token characters fit next to a value of at least <paramref name="minValueLength"/> characters.</summary>
    public static int LengthFor(int? maxChars, int minValueLength) =>
        maxChars is { } max ? Math.Clamp(max - minValueLength - 1, Math.Min(MinLength, max), MaxLength) : MaxLength;

    /// <summary>Whether <paramref name="length"/> base-36 characters comfortably separate <paramref name="rows"/> values.</summary>
    public static bool IsEnoughFor(int length, long rows) => BitsAreEnoughFor(Bits(length), rows);

    /// <summary>
    /// Whether a mapping with <paramref name="bits"/> of distinctness comfortably separates <paramref name="rows"/> values:
    /// 2^bits ≥ 16 × rows, the one criterion planning refuses unique mappings by (compared as logarithms, with room
    /// for rounding, so that 10^6 values count as 10^6 whether the bits came from digits or from a count).
    /// </summary>
    public static bool BitsAreEnoughFor(double bits, long rows) => bits + 1e-9 >= 4 + Math.Log2(Math.Max(rows, 1));
}
