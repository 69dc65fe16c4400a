using DevDbSeed.Masking;
using DevDbSeed.Verification;

namespace DevDbSeed.Copying;

/// <summary>
/// Masks rows of binary COPY in flight: kept fields pass through as their bytes, never decoded; a masked field arrives as its
/// plain text (a type that carries its text in binary, or one read through its output function: <see cref="BinaryField"/>), is
/// masked as that text and written back in its type's binary form. No escapes to undo or redo, and the server neither prints
/// nor parses the kept columns. Memory is bounded by the largest row.
/// </summary>
public sealed class BinaryCopyRowMasker : ICopyRowMasker
{
    private const byte JsonbVersion = 1;

    private readonly ColumnMasker?[] _columns;
    private readonly BinaryField?[] _fields;
    private readonly string[] _names;
    private readonly SliceSearch? _search;

    /// <param name="columns">One entry per COPY column, null for a kept column.</param>
    /// <param name="fields">How each masked column travels (<see cref="BinaryFields.OfCopied"/>; a kept column's is not read).</param>
    /// <param name="names">The COPY columns' names, for the message of a masked value its type cannot take.</param>
    /// <param name="search">What searches the masked values for originals as they are written; null: nothing does.</param>
    public BinaryCopyRowMasker(IReadOnlyList<ColumnMasker?> columns, IReadOnlyList<BinaryField?> fields, IReadOnlyList<string> names, SliceSearch? search = null)
    {
        if (columns.Count == 0 || columns.Count != fields.Count || columns.Count != names.Count)
        {
            throw new ArgumentException("a table copy has at least one column, and a field form and a name for each", nameof(columns));
        }

        _columns = [.. columns];
        _fields = [.. fields];
        _names = [.. names];
        _search = search;
    }

    public long Rows { get; private set; }

    public int MaskRows(ReadOnlySpan<byte> input, Utf8Builder output)
    {
        var whole = BinaryCopy.WholeRows(input, out _);
        var rest = input[..whole];
        while (!rest.IsEmpty)
        {
            if (BinaryCopy.FieldCount(ref rest) != _columns.Length)
            {
                throw new InvalidDataException($"a binary COPY row does not have the {_columns.Length} fields expected");
            }

            BinaryCopy.WriteFieldCount(_columns.Length, output);
            for (var i = 0; i < _columns.Length; i++)
            {
                var field = rest;
                if (!BinaryCopy.NextField(ref rest, out var value))
                {
                    BinaryCopy.WriteNull(output);
                }
                else if (_columns[i] is { } masker)
                {
                    Mask(i, masker, value, output);
                }
                else
                {
                    output.Append(field[..(field.Length - rest.Length)]); // length and bytes as they came
                }
            }

            Rows++;
        }

        return whole;
    }

    private void Mask(int column, ColumnMasker masker, ReadOnlySpan<byte> value, Utf8Builder output)
    {
        var field = _fields[column];
        if (field == BinaryField.Jsonb)
        {
            if (value.IsEmpty || value[0] != JsonbVersion)
            {
                throw new InvalidDataException($"a jsonb value of {_names[column]} in binary COPY has a version other than {JsonbVersion}");
            }

            value = value[1..];
        }

        if (!masker.MaskValue(value, out var masked))
        {
            BinaryCopy.WriteNull(output);
            return;
        }

        if (field is BinaryField.Date or BinaryField.Inet)
        {
            var written = field == BinaryField.Date ? BinaryValues.TryWriteDate(masked, output) : BinaryValues.TryWriteInet(masked, output);
            if (!written)
            {
                throw new InvalidDataException($"a masked value of {_names[column]} is not {(field == BinaryField.Date ? "an ISO date" : "an IP address")}");
            }
        }
        else
        {
            BinaryCopy.WriteField(field == BinaryField.Jsonb ? [JsonbVersion] : [], masked, output);
        }

        _search?.Value(column, masked);
    }
}
