namespace DevDbSeed.Masking;

/// <summary>
/// The keyed token that keeps unique fakes distinct: base-36 characters drawn from 128 digest bits.
/// Ten characters carry 51 bits on top of the fake's own variety; planning refuses columns too short
/// for the rows they hold, and a post-load check repairs the rare collision.
/// </summary>
public static class UniqueToken
{
    public const int MaxLength = 10;
    public const int MinLength = 4;

    private static ReadOnlySpan<byte> Alphabet => "0123456789abcdefghijklmnopqrstuvwxyz"u8;

    /// <summary>Writes <paramref name="length"/> token characters from 16 bytes of digest.</summary>
    public static void Write(ReadOnlySpan<byte> digestBytes, Span<byte> token)
    {
        var value = System.Buffers.Binary.BinaryPrimitives.ReadUInt128LittleEndian(digestBytes);
        for (var i = 0; i < token.Length; i++)
        {
            token[i] = Alphabet[(int)(value % 36)];
            value /= 36;
        }
    }

    /// <summary>How many token characters fit next to a value of at least <paramref name="minValueLength"/> characters.</summary>
    public static int LengthFor(int? maxChars, int minValueLength) =>
        maxChars is { } max ? Math.Clamp(max - minValueLength - 1, Math.Min(MinLength, max), MaxLength) : MaxLength;

    /// <summary>Whether <paramref name="length"/> base-36 characters comfortably separate <paramref name="rows"/> values.</summary>
    public static bool IsEnoughFor(int length, long rows) => Math.Pow(36, length) >= 16.0 * Math.Max(rows, 1);
}
