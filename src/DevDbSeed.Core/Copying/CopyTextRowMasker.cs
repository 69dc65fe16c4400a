using DevDbSeed.Masking;

namespace DevDbSeed.Copying;

/// <summary>
/// Masks rows of COPY text in flight: splits each row on tabs, passes kept fields through as raw bytes
/// (byte for byte, escapes untouched) and rewrites the masked ones. Works on whatever chunk of the stream
/// it is given and reports how much it consumed, so memory is bounded by the largest row.
/// </summary>
public sealed class CopyTextRowMasker
{
    private readonly ColumnMasker?[] _columns;

    /// <param name="columns">One entry per COPY column, null for a kept column.</param>
    public CopyTextRowMasker(IReadOnlyList<ColumnMasker?> columns)
    {
        _columns = [.. columns];
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
        var consumed = 0;
        while (true)
        {
            var rest = input[consumed..];
            var end = rest.IndexOf(CopyText.RowEnd);
            if (end < 0)
            {
                return consumed;
            }

            MaskRow(rest[..end], output);
            output.Append(CopyText.RowEnd);
            consumed += end + 1;
            Rows++;
        }
    }

    private void MaskRow(ReadOnlySpan<byte> row, Utf8Builder output)
    {
        var last = _columns.Length - 1;
        for (var i = 0; i <= last; i++)
        {
            ReadOnlySpan<byte> field;
            if (i < last)
            {
                var tab = row.IndexOf(CopyText.FieldSeparator);
                if (tab < 0)
                {
                    throw new InvalidDataException($"a COPY row has {i + 1} fields, {_columns.Length} expected");
                }

                field = row[..tab];
                row = row[(tab + 1)..];
            }
            else
            {
                if (row.IndexOf(CopyText.FieldSeparator) >= 0)
                {
                    throw new InvalidDataException($"a COPY row has more than the {_columns.Length} fields expected");
                }

                field = row;
            }

            if (_columns[i] is { } masker)
            {
                masker.Mask(field, output);
            }
            else
            {
                output.Append(field);
            }

            if (i < last)
            {
                output.Append(CopyText.FieldSeparator);
            }
        }
    }
}
