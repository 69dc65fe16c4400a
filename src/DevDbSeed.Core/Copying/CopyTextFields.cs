namespace DevDbSeed.Copying;

/// <summary>
/// The fields of one COPY text row (without its newline), in order, with their escapes. A row with fewer or more
/// fields than its table's columns is an error, whoever reads it.
/// </summary>
public ref struct CopyTextFields
{
    private readonly int _count;
    private ReadOnlySpan<byte> _rest;
    private int _index;

    public CopyTextFields(ReadOnlySpan<byte> row, int count)
    {
        if (count < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(count), count, "a COPY row has at least one field");
        }

        _rest = row;
        _count = count;
    }

    /// <summary>The next field (call it exactly once per column).</summary>
    /// <exception cref="InvalidDataException">The row has fewer or more fields than expected.</exception>
    public ReadOnlySpan<byte> Next()
    {
        var tab = _rest.IndexOf(CopyText.FieldSeparator);
        if (++_index < _count)
        {
            if (tab < 0)
            {
                throw new InvalidDataException($"a COPY row has {_index} fields, {_count} expected");
            }

            var field = _rest[..tab];
            _rest = _rest[(tab + 1)..];
            return field;
        }

        if (tab >= 0 || _index > _count)
        {
            throw new InvalidDataException($"a COPY row has more than the {_count} fields expected");
        }

        return _rest;
    }
}
