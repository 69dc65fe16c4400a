using System.Buffers.Binary;
using DevDbSeed.Masking;

namespace DevDbSeed.Copying;

/// <summary>
/// PostgreSQL's binary COPY format: a header (signature, flags, extension), then per row a 16-bit field count and each field
/// as a 32-bit length (-1 for NULL) and its bytes, then a trailer (a field count of -1). Integers are big-endian.
/// </summary>
public static class BinaryCopy
{
    /// <summary>The length of a NULL field.</summary>
    public const int NullLength = -1;

    /// <summary>The signature, flags and extension length of a header: the part every header has.</summary>
    public const int HeaderLength = 19;

    private const short TrailerCount = -1;

    /// <summary>The signature every binary COPY stream starts with: <c>PGCOPY\n\377\r\n\0</c>.</summary>
    public static ReadOnlySpan<byte> Signature => [(byte)'P', (byte)'G', (byte)'C', (byte)'O', (byte)'P', (byte)'Y', 0x0A, 0xFF, 0x0D, 0x0A, 0x00];

    /// <summary>The header this program writes: no flags, no extension.</summary>
    public static void WriteHeader(Utf8Builder output)
    {
        output.Append(Signature);
        output.AppendSpan(8).Clear();
    }

    public static void WriteTrailer(Utf8Builder output) => BinaryPrimitives.WriteInt16BigEndian(output.AppendSpan(2), TrailerCount);

    /// <summary>
    /// The length of the header at the start of <paramref name="data"/> (signature, flags, extension); 0 while it has not all
    /// arrived.
    /// </summary>
    /// <exception cref="InvalidDataException">Not a binary COPY header.</exception>
    public static int HeaderAt(ReadOnlySpan<byte> data)
    {
        if (data.Length < HeaderLength)
        {
            return 0;
        }

        if (!data.StartsWith(Signature))
        {
            throw new InvalidDataException("the COPY stream does not start with a binary COPY signature");
        }

        var extension = BinaryPrimitives.ReadInt32BigEndian(data[15..]);
        return extension < 0 ? throw new InvalidDataException("a binary COPY header extension has a negative length")
            : data.Length - HeaderLength >= extension ? HeaderLength + extension : 0;
    }

    /// <summary>
    /// The length of the whole rows at the start of <paramref name="data"/> (after the header); <paramref name="ended"/> tells
    /// whether the trailer follows them.
    /// </summary>
    public static int WholeRows(ReadOnlySpan<byte> data, out bool ended)
    {
        ended = false;
        var end = 0;
        while (data.Length - end >= 2)
        {
            var fields = BinaryPrimitives.ReadInt16BigEndian(data[end..]);
            if (fields == TrailerCount)
            {
                ended = true;
                return end;
            }

            var at = end + 2;
            for (var i = 0; i < fields; i++)
            {
                if (data.Length - at < 4)
                {
                    return end;
                }

                var length = BinaryPrimitives.ReadInt32BigEndian(data[at..]);
                at += 4;
                if (length > 0)
                {
                    if (data.Length - at < length)
                    {
                        return end;
                    }

                    at += length;
                }
            }

            end = at;
        }

        return end;
    }

    /// <summary>
    /// Takes the next field off <paramref name="row"/>; false for NULL. (The caller knows how many fields a row has: it reads
    /// the field count first, with <see cref="FieldCount"/>.)
    /// </summary>
    public static bool NextField(ref ReadOnlySpan<byte> row, out ReadOnlySpan<byte> value)
    {
        var length = BinaryPrimitives.ReadInt32BigEndian(row);
        if (length < 0)
        {
            value = default;
            row = row[4..];
            return false;
        }

        value = row.Slice(4, length);
        row = row[(4 + length)..];
        return true;
    }

    /// <summary>Takes the field count of the next row off <paramref name="rows"/> (whole rows, as <see cref="WholeRows"/> found them).</summary>
    public static int FieldCount(ref ReadOnlySpan<byte> rows)
    {
        var fields = BinaryPrimitives.ReadInt16BigEndian(rows);
        rows = rows[2..];
        return fields;
    }

    public static void WriteFieldCount(int fields, Utf8Builder output) => BinaryPrimitives.WriteInt16BigEndian(output.AppendSpan(2), (short)fields);

    public static void WriteNull(Utf8Builder output) => BinaryPrimitives.WriteInt32BigEndian(output.AppendSpan(4), NullLength);

    /// <summary>Writes a field whose bytes are <paramref name="prefix"/> (e.g. jsonb's version byte) then <paramref name="value"/>.</summary>
    public static void WriteField(ReadOnlySpan<byte> prefix, ReadOnlySpan<byte> value, Utf8Builder output)
    {
        BinaryPrimitives.WriteInt32BigEndian(output.AppendSpan(4), prefix.Length + value.Length);
        output.Append(prefix);
        output.Append(value);
    }
}
