using System.Text;

namespace DevDbSeed.Masking;

/// <summary>Character-level helpers on UTF-8 bytes (PostgreSQL counts varchar(n) in characters, not bytes).</summary>
public static class Utf8Text
{
    /// <summary>Number of characters (code points) in valid UTF-8.</summary>
    public static int CharCount(ReadOnlySpan<byte> utf8)
    {
        var count = 0;
        foreach (var b in utf8)
        {
            if ((b & 0xC0) != 0x80)
            {
                count++;
            }
        }

        return count;
    }

    /// <summary>Byte length of the first <paramref name="maxChars"/> characters.</summary>
    public static int ByteLengthOfChars(ReadOnlySpan<byte> utf8, int maxChars)
    {
        var chars = 0;
        for (var i = 0; i < utf8.Length; i++)
        {
            if ((utf8[i] & 0xC0) != 0x80)
            {
                if (chars == maxChars)
                {
                    return i;
                }

                chars++;
            }
        }

        return utf8.Length;
    }

    /// <summary>Cuts <paramref name="value"/> to at most <paramref name="maxChars"/> characters, then drops trailing spaces and separators.</summary>
    public static void Shorten(Utf8Builder value, int maxChars)
    {
        value.Truncate(ByteLengthOfChars(value.Written, maxChars));
        while (value.Length > 1 && value.Written[^1] is (byte)' ' or (byte)'.' or (byte)'-' or (byte)'_' or (byte)',')
        {
            value.Truncate(value.Length - 1);
        }
    }

    public static bool IsAsciiDigits(ReadOnlySpan<byte> utf8)
    {
        if (utf8.IsEmpty)
        {
            return false;
        }

        foreach (var b in utf8)
        {
            if (b is < (byte)'0' or > (byte)'9')
            {
                return false;
            }
        }

        return true;
    }

    public static string Decode(ReadOnlySpan<byte> utf8) => Encoding.UTF8.GetString(utf8);
}
