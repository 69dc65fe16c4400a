using DevDbSeed.Catalog;
using DevDbSeed.Masking;
using DevDbSeed.Verification;

namespace DevDbSeed.Copying;

/// <summary>
/// Masks rows of binary COPY in flight: kept fields pass through as their bytes, never decoded; a masked field, whose type
/// carries its text form in binary (<see cref="ColumnType.BinaryIsText"/>), is masked as that plain text and written with
/// its new length. No escapes to undo or redo, and the server neither prints nor parses the kept columns. Memory is bounded
/// by the largest row.
/// </summary>
public sealed class BinaryCopyRowMasker : ICopyRowMasker
{
    private const byte JsonbVersion = 1;

    private readonly ColumnMasker?[] _columns;
    private readonly bool[] _jsonb;
    private readonly SliceSearch? _search;

    /// <param name="columns">One entry per COPY column, null for a kept column.</param>
    /// <param name="types">The COPY columns' types (a jsonb value starts with a version byte).</param>
    /// <param name="search">What searches the masked values for originals as they are written; null: nothing does.</param>
    public BinaryCopyRowMasker(IReadOnlyList<ColumnMasker?> columns, IReadOnlyList<ColumnType> types, SliceSearch? search = null)
    {
        if (columns.Count == 0 || columns.Count != types.Count)
        {
            throw new ArgumentException("a table copy has at least one column, and a type for each", nameof(columns));
        }

        _columns = [.. columns];
        _jsonb = [.. types.Select(t => t.Category == TypeCategory.Jsonb)];
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
        var prefix = ReadOnlySpan<byte>.Empty;
        if (_jsonb[column])
        {
            if (value.IsEmpty || value[0] != JsonbVersion)
            {
                throw new InvalidDataException($"a jsonb value in binary COPY has a version other than {JsonbVersion}");
            }

            prefix = value[..1];
            value = value[1..];
        }

        if (!masker.MaskValue(value, out var masked))
        {
            BinaryCopy.WriteNull(output);
            return;
        }

        BinaryCopy.WriteField(prefix, masked, output);
        _search?.Value(column, masked);
    }
}
