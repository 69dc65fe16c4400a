using System.Buffers.Binary;

namespace DevDbSeed.Masking;

/// <summary>
/// The keyed digits that keep unique text fakes apart, as people add them to a name (<c>jane.doe4821@example.net</c>,
/// <c>jdoe77</c>): as few as keep collisions rare for the rows of the column, the rest left to the check after the load,
/// which finds and repairs any collision.
/// <para>
/// How many. A fake is worth V equally likely values (its effective variety, <see cref="Fakes.FakeVariety"/>); a suffix
/// of d keyed digits, independent of the fake, multiplies that by 10^d, and because the suffix always has d digits the
/// fake and its digits can be told apart again, so no two pairs give one text. Among n values the expected number of
/// colliding pairs is then (the birthday estimate)
/// <code>E(d) = n (n − 1) / 2 · 10^−d / V</code>
/// and the suffix takes the fewest digits, at least <see cref="MinDigits"/>, that bring E under
/// <see cref="TargetCollisions"/>: 4 digits for a million e-mails (V ≈ 7·10⁶ for <c>internet.email</c> in en), 2 for a
/// few thousand. A collision left is found by the check after the load (cheap) and repaired by copying the tables of the
/// mapping again (expensive on big tables): one in a hundred runs at most pays that.
/// </para>
/// </summary>
public static class UniqueSuffix
{
    /// <summary>The fewest digits a unique fake carries: two, as people add them (<c>jdoe77</c>).</summary>
    public const int MinDigits = 2;

    /// <summary>The most digits a suffix can have: 9 from each half of the 16 digest bytes it is drawn from.</summary>
    public const int MaxDigits = 18;

    /// <summary>The expected number of collisions in a column the digits are chosen to stay under: well below one.</summary>
    public const double TargetCollisions = 0.01;

    /// <summary>The rows a suffix is sized for when nothing says how many values it must keep apart (no statistics, a scrub).</summary>
    public const long DefaultRows = 1_000_000;

    private const int DigitsPerHalf = 9;
    private const ulong HalfRange = 1_000_000_000;

    /// <summary>Bits of a suffix of <paramref name="digits"/> digits.</summary>
    public static double Bits(int digits) => digits * Math.Log2(10);

    /// <summary>
    /// The expected number of colliding pairs among <paramref name="rows"/> values of a fake worth <paramref name="variety"/>
    /// equally likely values with a suffix of <paramref name="digits"/> digits: n (n − 1) / 2 · 10^−d / V.
    /// </summary>
    public static double ExpectedCollisions(long rows, double variety, int digits)
    {
        var n = (double)Math.Max(rows, 1);
        return n * (n - 1) / 2 / Math.Pow(10, digits) / Math.Max(variety, 1);
    }

    /// <summary>
    /// The fewest digits, from <see cref="MinDigits"/> up to <paramref name="maxDigits"/>, that keep the expected
    /// collisions among <paramref name="rows"/> values under <see cref="TargetCollisions"/>; <paramref name="maxDigits"/>
    /// when none does. The fake's variety may depend on the digits (<paramref name="varietyWith"/>): in a short column each
    /// digit leaves one character less for the fake.
    /// </summary>
    public static int DigitsFor(long rows, int maxDigits, Func<int, double> varietyWith)
    {
        maxDigits = Math.Clamp(maxDigits, 1, MaxDigits);
        for (var digits = Math.Min(MinDigits, maxDigits); digits < maxDigits; digits++)
        {
            if (ExpectedCollisions(rows, varietyWith(digits), digits) <= TargetCollisions)
            {
                return digits;
            }
        }

        return maxDigits;
    }

    /// <summary>
    /// Writes <paramref name="digits"/>.Length (at most <see cref="MaxDigits"/>) decimal digits from 16 bytes of keyed
    /// digest: the first nine from the low half, the rest from the high one, so a longer suffix starts with the shorter
    /// one (a table that grows past a size keeps its fakes' first digits). Each half is taken modulo 10⁹: a bias of 5·10⁻¹¹.
    /// </summary>
    public static void Write(ReadOnlySpan<byte> digestBytes, Span<byte> digits)
    {
        var low = BinaryPrimitives.ReadUInt64LittleEndian(digestBytes) % HalfRange;
        var high = BinaryPrimitives.ReadUInt64LittleEndian(digestBytes[8..]) % HalfRange;
        for (var i = 0; i < digits.Length; i++)
        {
            ref var value = ref i < DigitsPerHalf ? ref low : ref high;
            digits[i] = (byte)('0' + (int)(value % 10));
            value /= 10;
        }
    }
}
