using DevDbSeed.Masking;
using DevDbSeed.Verification;

namespace DevDbSeed.Copying;

/// <summary>
/// Masks rows of COPY text in flight: splits each row on tabs, passes kept fields through as raw bytes
/// (byte for byte, escapes untouched) and rewrites the masked ones. Works on whatever chunk of the stream
/// it is given and reports how much it consumed, so memory is bounded by the largest row.
/// </summary>
public sealed class CopyTextRowMasker : ICopyRowMasker
{
    private readonly ColumnMasker?[] _columns;
    private readonly SliceSearch? _search;

    /// <param name="columns">One entry per COPY column, null for a kept column.</param>
    /// <param name="search">What searches the masked fields for originals as they are written; null: nothing does.</param>
    public CopyTextRowMasker(IReadOnlyList<ColumnMasker?> columns, SliceSearch? search = null)
    {
        _columns = [.. columns];
        _search = search;
        if (_columns.Length == 0)
        {
            throw new ArgumentException("a table copy has at least one column", nameof(columns));
        }
    }

    public long Rows { get; private set; }

    /// <summary>
    /// Masks every complete row at the start of <paramref name="input"/> into <paramref name="output"/>;
    /// returns the number of bytes consumed (a trailing partial row is left for the next call).
    /// </summary>
    public int MaskRows(ReadOnlySpan<byte> input, Utf8Builder output)
    {
        var rest = input;
        while (CopyText.NextRow(ref rest, out var row))
        {
            MaskRow(row, output);
            output.Append(CopyText.RowEnd);
            Rows++;
        }

        return input.Length - rest.Length;
    }

    private void MaskRow(ReadOnlySpan<byte> row, Utf8Builder output)
    {
        var fields = new CopyTextFields(row, _columns.Length);
        for (var i = 0; i < _columns.Length; i++)
        {
            var field = fields.Next();
            if (i > 0)
            {
                output.Append(CopyText.FieldSeparator);
            }

            if (_columns[i] is { } masker)
            {
                var start = output.Length;
                masker.Mask(field, output);
                _search?.Field(i, output.Written[start..]);
            }
            else
            {
                output.Append(field);
            }
        }
    }
}
