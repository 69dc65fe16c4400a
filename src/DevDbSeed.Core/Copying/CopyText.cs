using System.Buffers;

namespace DevDbSeed.Copying;

/// <summary>
/// PostgreSQL's COPY text format: rows end with <c>\n</c>, fields are separated by <c>\t</c>, NULL is <c>\N</c>,
/// and backslash escapes stand for special bytes (<c>\\ \t \n \r \b \f \v</c>, octal <c>\123</c>, hex <c>\x4F</c>).
/// A literal value <c>\N</c> is written <c>\\N</c>, so it never reads as NULL.
/// </summary>
public static class CopyText
{
    public const byte RowEnd = (byte)'\n';
    public const byte FieldSeparator = (byte)'\t';

    public static ReadOnlySpan<byte> Null => "\\N"u8;

    private static readonly SearchValues<byte> Escaped = SearchValues.Create("\\\n\r\t"u8);

    /// <summary>
    /// Takes the first row off <paramref name="rows"/> (complete rows, each ending in a newline, as
    /// <see cref="CopyTextReader"/> returns them); false when none is left.
    /// </summary>
    public static bool NextRow(ref ReadOnlySpan<byte> rows, out ReadOnlySpan<byte> row)
    {
        var end = rows.IndexOf(RowEnd);
        if (end < 0)
        {
            row = default;
            return false;
        }

        row = rows[..end];
        rows = rows[(end + 1)..];
        return true;
    }

    public static bool IsNull(ReadOnlySpan<byte> field) => field.Length == 2 && field[0] == (byte)'\\' && field[1] == (byte)'N';

    /// <summary>Decodes the escapes of one (non-NULL) field.</summary>
    public static void Unescape(ReadOnlySpan<byte> field, Masking.Utf8Builder output)
    {
        var backslash = field.IndexOf((byte)'\\');
        if (backslash < 0)
        {
            output.Append(field);
            return;
        }

        output.Append(field[..backslash]);
        var i = backslash;
        while (i < field.Length)
        {
            var b = field[i];
            if (b != (byte)'\\' || i + 1 == field.Length)
            {
                output.Append(b);
                i++;
                continue;
            }

            var c = field[i + 1];
            i += 2;
            switch (c)
            {
                case (byte)'b':
                    output.Append((byte)'\b');
                    break;
                case (byte)'f':
                    output.Append((byte)'\f');
                    break;
                case (byte)'n':
                    output.Append((byte)'\n');
                    break;
                case (byte)'r':
                    output.Append((byte)'\r');
                    break;
                case (byte)'t':
                    output.Append((byte)'\t');
                    break;
                case (byte)'v':
                    output.Append((byte)'\v');
                    break;
                case >= (byte)'0' and <= (byte)'7':
                    var octal = c - '0';
                    for (var k = 0; k < 2 && i < field.Length && field[i] is >= (byte)'0' and <= (byte)'7'; k++, i++)
                    {
                        octal = (octal * 8) + (field[i] - '0');
                    }

                    output.Append((byte)octal);
                    break;
                case (byte)'x' when i < field.Length && IsHex(field[i]):
                    var hex = HexValue(field[i++]);
                    if (i < field.Length && IsHex(field[i]))
                    {
                        hex = (hex * 16) + HexValue(field[i++]);
                    }

                    output.Append((byte)hex);
                    break;
                default:
                    output.Append(c); // \\ and any other escaped byte stand for themselves
                    break;
            }
        }
    }

    /// <summary>Encodes one value for COPY FROM: backslash, newline, carriage return and tab are escaped.</summary>
    public static void Escape(ReadOnlySpan<byte> value, Masking.Utf8Builder output)
    {
        int next;
        while ((next = value.IndexOfAny(Escaped)) >= 0)
        {
            output.Append(value[..next]);
            output.Append((byte)'\\');
            output.Append(value[next] switch
            {
                (byte)'\n' => (byte)'n',
                (byte)'\r' => (byte)'r',
                (byte)'\t' => (byte)'t',
                _ => (byte)'\\',
            });
            value = value[(next + 1)..];
        }

        output.Append(value);
    }

    private static bool IsHex(byte b) => b is >= (byte)'0' and <= (byte)'9' or >= (byte)'a' and <= (byte)'f' or >= (byte)'A' and <= (byte)'F';

    private static int HexValue(byte b) => b <= '9' ? b - '0' : (b | 0x20) - 'a' + 10;
}
