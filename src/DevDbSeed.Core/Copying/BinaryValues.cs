using System.Buffers.Binary;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using DevDbSeed.Masking;
using DevDbSeed.Masking.Transformers;

namespace DevDbSeed.Copying;

/// <summary>
/// Writes a masked value given as text in the binary form its type's receive function reads (<c>date_recv</c>,
/// <c>inet_recv</c>), for the text forms the rules allowed in binary write (<see cref="BinaryFields.Of"/>): ISO dates, with a time
/// after them or an era, and infinities; IPv4 and IPv6 addresses with an optional prefix length.
/// </summary>
public static class BinaryValues
{
    /// <summary>Days from 1970-01-01 to PostgreSQL's epoch, 2000-01-01.</summary>
    private const long EpochDays = 10_957;

    /// <summary>PostgreSQL's inet family codes (not the platform's AF_ values).</summary>
    private const byte InetFamily4 = 2;
    private const byte InetFamily6 = 3;

    /// <summary>Writes <paramref name="text"/> (a date as the ISO DateStyle prints it) as a binary COPY field; false when it is not one.</summary>
    public static bool TryWriteDate(ReadOnlySpan<byte> text, Utf8Builder output)
    {
        int days;
        if (text.SequenceEqual("infinity"u8))
        {
            days = int.MaxValue;
        }
        else if (text.SequenceEqual("-infinity"u8))
        {
            days = int.MinValue;
        }
        else if (IsoDate.TryParse(text, out var year, out var month, out var day, out var rest, out var bc)
            && (rest.IsEmpty || rest[0] == (byte)' ')
            && ToDays(bc ? 1 - year : year, month, day) is { } since)
        {
            days = since;
        }
        else
        {
            return false;
        }

        BinaryPrimitives.WriteInt32BigEndian(output.AppendSpan(4), 4);
        BinaryPrimitives.WriteInt32BigEndian(output.AppendSpan(4), days);
        return true;
    }

    /// <summary>Writes <paramref name="text"/> (an address, optionally <c>/bits</c>) as a binary COPY inet field; false when it is not one.</summary>
    public static bool TryWriteInet(ReadOnlySpan<byte> text, Utf8Builder output)
    {
        var slash = text.IndexOf((byte)'/');
        var address = slash < 0 ? text : text[..slash];
        Span<byte> bytes = stackalloc byte[16];
        var length = TryParseIpv4(address, bytes) ? 4 : TryParseIpv6(address, bytes) ? 16 : 0;
        var bits = length * 8;
        if (length == 0 || slash >= 0 && (!int.TryParse(text[(slash + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out bits) || bits > length * 8))
        {
            return false;
        }

        BinaryPrimitives.WriteInt32BigEndian(output.AppendSpan(4), 4 + length);
        var field = output.AppendSpan(4 + length);
        field[0] = length == 4 ? InetFamily4 : InetFamily6;
        field[1] = (byte)bits;
        field[2] = 0; // inet, not cidr
        field[3] = (byte)length;
        bytes[..length].CopyTo(field[4..]);
        return true;
    }

    /// <summary>A dotted quad, four numbers 0–255 (what inet reads; not the shorter forms <see cref="IPAddress"/> also takes).</summary>
    private static bool TryParseIpv4(ReadOnlySpan<byte> text, Span<byte> bytes)
    {
        for (var part = 0; part < 4; part++)
        {
            var end = part < 3 ? text.IndexOf((byte)'.') : text.Length;
            if (end is <= 0 or > 3 || !byte.TryParse(text[..end], NumberStyles.None, CultureInfo.InvariantCulture, out bytes[part]))
            {
                return false;
            }

            text = part < 3 ? text[(end + 1)..] : [];
        }

        return true;
    }

    private static bool TryParseIpv6(ReadOnlySpan<byte> text, Span<byte> bytes)
    {
        Span<char> chars = stackalloc char[64];
        if (text.Length > chars.Length || text.IndexOf((byte)':') < 0 || text.IndexOf((byte)'%') >= 0 || !Ascii.IsValid(text))
        {
            return false;
        }

        var written = Encoding.ASCII.GetChars(text, chars);
        return IPAddress.TryParse(chars[..written], out var ip) && ip.AddressFamily == AddressFamily.InterNetworkV6 && ip.TryWriteBytes(bytes, out _);
    }

    /// <summary>Days from 2000-01-01 of a valid proleptic Gregorian date (astronomical year); null for a day its month does not have.</summary>
    private static int? ToDays(long year, int month, int day)
    {
        var since = IsoDate.DaysFromCivil(year, month, day) - EpochDays;
        return day <= IsoDate.DaysInMonth(year, month) && since is > int.MinValue and < int.MaxValue ? (int)since : null;
    }
}
