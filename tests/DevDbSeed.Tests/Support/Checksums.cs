namespace DevDbSeed.Tests.Support;

/// <summary>Reference checksums written from their definitions, independent of the detector's own.</summary>
internal static class Checksums
{
    /// <summary>Luhn (ISO/IEC 7812): doubling every second digit from the right, the sum ends in 0.</summary>
    public static bool Luhn(string text)
    {
        var digits = text.Where(char.IsAsciiDigit).Select(c => c - '0').Reverse().ToList();
        var sum = digits.Select((d, i) => i % 2 == 0 ? d : d * 2 > 9 ? (d * 2) - 9 : d * 2).Sum();
        return digits.Count > 0 && sum % 10 == 0;
    }

    /// <summary>ISO 13616: the first four characters moved to the end, letters as 10..35, the number mod 97 is 1.</summary>
    public static bool Mod97(string text)
    {
        var compact = new string([.. text.Where(c => c != ' ').Select(char.ToUpperInvariant)]);
        if (compact.Length < 5)
        {
            return false;
        }

        var digits = string.Concat((compact[4..] + compact[..4]).Select(c => char.IsAsciiDigit(c) ? c.ToString() : (c - 'A' + 10).ToString(System.Globalization.CultureInfo.InvariantCulture)));
        return System.Numerics.BigInteger.Parse(digits, System.Globalization.CultureInfo.InvariantCulture) % 97 == 1;
    }
}
