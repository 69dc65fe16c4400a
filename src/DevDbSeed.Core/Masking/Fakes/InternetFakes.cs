using System.Globalization;
using System.Text;

namespace DevDbSeed.Masking.Fakes;

/// <summary>
/// Builds ASCII user names from locale names, the way Bogus does (first, first.last, first_last42),
/// lower-cased and stripped of diacritics so they are valid in e-mail addresses.
/// </summary>
internal sealed class UserNameParts(LocaleData locale, bool lowerCase)
{
    private static readonly byte[][] Separators = ["."u8.ToArray(), "_"u8.ToArray()];

    private readonly LocaleList _first = Folded(locale, "first_name", lowerCase);
    private readonly LocaleList _last = Folded(locale, "last_name", lowerCase);

    public void Write(ref KeyedRandom random, Utf8Builder output)
    {
        var shape = random.Next(3);
        _first.Generate(ref random, output);
        if (shape != 0)
        {
            output.Append(random.Pick(Separators));
            _last.Generate(ref random, output);
        }

        if (shape != 1)
        {
            output.AppendNumber(random.Next(100));
        }
    }

    /// <summary>A name list folded to ASCII letters and digits once, so a user name costs two picks.</summary>
    private static LocaleList Folded(LocaleData locale, string key, bool lowerCase) =>
        locale.List("name", key).Map($"name.{key}.ascii", name =>
        {
            var ascii = new StringBuilder(name.Length);
            foreach (var c in Fold(name))
            {
                if (char.IsAsciiLetterOrDigit(c))
                {
                    ascii.Append(lowerCase ? char.ToLowerInvariant(c) : c);
                }
            }

            return ascii.Length > 0 ? ascii.ToString() : "user"; // names with no Latin letters (Cyrillic, CJK locales)
        });

    /// <summary>"Zoë Łukasz" → "Zoe Lukasz": decomposes and drops combining marks.</summary>
    private static string Fold(string text)
    {
        if (Ascii.IsValid(text))
        {
            return text;
        }

        var decomposed = text.Replace("ł", "l", StringComparison.Ordinal).Replace("Ł", "L", StringComparison.Ordinal)
            .Replace("ß", "ss", StringComparison.Ordinal).Replace("ø", "o", StringComparison.Ordinal).Normalize(NormalizationForm.FormD);
        var result = new StringBuilder(decomposed.Length);
        foreach (var c in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark)
            {
                result.Append(c);
            }
        }

        return result.ToString();
    }
}

/// <summary>
/// An e-mail address on a reserved example domain (example.com/.net/.org, from Bogus's locale data), so a dev
/// database never holds an address that reaches a real person. Unique: keyed digits before the <c>@</c>,
/// <c>jane.doe4821@example.net</c>.
/// </summary>
public sealed class EmailFake(LocaleData locale) : FakeGenerator
{
    private readonly UserNameParts _user = new(locale, lowerCase: true);
    private readonly LocaleList _domains = locale.List("internet", "example_email");

    public override int MinLength => 3 + _domains.MinLength;

    public override void Generate(ref KeyedRandom random, Utf8Builder output)
    {
        _user.Write(ref random, output);
        output.Append((byte)'@');
        _domains.Generate(ref random, output);
    }

    public override byte? SuffixSeparator => null;

    /// <summary>The digits go at the end of the local part, before the <c>@</c>: <c>jane.doe4821@example.net</c>.</summary>
    public override void WithSuffix(Utf8Builder value, ReadOnlySpan<byte> digits, Utf8Builder output)
    {
        var at = value.Written.LastIndexOf((byte)'@');
        if (at < 0)
        {
            base.WithSuffix(value, digits, output); // shortened past its domain: only in a column refused as too short
            return;
        }

        output.Clear();
        output.Append(value.Written[..at]);
        output.Append(digits);
        output.Append(value.Written[at..]);
    }

    public override void Shorten(Utf8Builder value, int maxChars)
    {
        var at = value.Written.LastIndexOf((byte)'@');
        var domainLength = value.Length - at;
        var localRoom = maxChars - domainLength;
        if (localRoom < 1)
        {
            base.Shorten(value, maxChars);
            return;
        }

        var domain = value.Written[at..].ToArray();
        value.Truncate(Utf8Text.ByteLengthOfChars(value.Written[..at], localRoom));
        while (value.Length > 1 && value.Written[^1] is (byte)'.' or (byte)'_')
        {
            value.Truncate(value.Length - 1);
        }

        value.Append(domain);
    }
}

/// <summary>A user name as Bogus makes them (<c>Kamron94</c>, <c>Neoma.DAmore</c>), ASCII only.</summary>
public sealed class UserNameFake(LocaleData locale) : FakeGenerator
{
    private readonly UserNameParts _user = new(locale, lowerCase: false);

    public override int MinLength => 2;

    /// <summary>Unique: keyed digits at the end, <c>Kamron944821</c>.</summary>
    public override byte? SuffixSeparator => null;

    public override void Generate(ref KeyedRandom random, Utf8Builder output) => _user.Write(ref random, output);
}

/// <summary>An IPv4 address (fills text and inet columns).</summary>
public sealed class Ipv4Fake : FakeGenerator
{
    public override int MinLength => 7;

    public override void Generate(ref KeyedRandom random, Utf8Builder output)
    {
        output.AppendNumber(random.Next(1, 255));
        for (var i = 0; i < 3; i++)
        {
            output.Append((byte)'.');
            output.AppendNumber(random.Next(256));
        }
    }
}

/// <summary>An IPv6 address in full hexadecimal groups.</summary>
public sealed class Ipv6Fake : FakeGenerator
{
    public override int MinLength => 15;

    public override void Generate(ref KeyedRandom random, Utf8Builder output)
    {
        for (var i = 0; i < 8; i++)
        {
            if (i > 0)
            {
                output.Append((byte)':');
            }

            AppendHex(output, random.Next(0x10000));
        }
    }

    private static void AppendHex(Utf8Builder output, int value)
    {
        Span<byte> digits = stackalloc byte[4];
        var written = 0;
        var started = false;
        for (var shift = 12; shift >= 0; shift -= 4)
        {
            var nibble = (value >> shift) & 0xF;
            if (nibble != 0 || started || shift == 0)
            {
                digits[written++] = (byte)"0123456789abcdef"[nibble];
                started = true;
            }
        }

        output.Append(digits[..written]);
    }
}

/// <summary>A MAC address (fills text and macaddr columns).</summary>
public sealed class MacFake : FakeGenerator
{
    public override int MinLength => 17;

    public override void Generate(ref KeyedRandom random, Utf8Builder output)
    {
        for (var i = 0; i < 6; i++)
        {
            if (i > 0)
            {
                output.Append((byte)':');
            }

            var b = random.Next(256);
            output.Append((byte)"0123456789abcdef"[b >> 4]);
            output.Append((byte)"0123456789abcdef"[b & 0xF]);
        }
    }
}

/// <summary>A random UUID (version 4 layout).</summary>
public sealed class UuidFake : FakeGenerator
{
    public override int MinLength => 36;

    public override void Generate(ref KeyedRandom random, Utf8Builder output)
    {
        Span<byte> bytes = stackalloc byte[16];
        for (var i = 0; i < 16; i++)
        {
            bytes[i] = (byte)random.Next(256);
        }

        bytes[6] = (byte)((bytes[6] & 0x0F) | 0x40);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        var text = Convert.ToHexStringLower(bytes);
        output.Append(text.AsSpan(0, 8));
        output.Append((byte)'-');
        output.Append(text.AsSpan(8, 4));
        output.Append((byte)'-');
        output.Append(text.AsSpan(12, 4));
        output.Append((byte)'-');
        output.Append(text.AsSpan(16, 4));
        output.Append((byte)'-');
        output.Append(text.AsSpan(20, 12));
    }
}
