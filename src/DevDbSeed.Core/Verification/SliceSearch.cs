namespace DevDbSeed.Verification;

/// <summary>Searches the masked fields of one slice for originals as they are written (see <see cref="CopySearch"/>).</summary>
public sealed class SliceSearch
{
    private readonly FieldSearch _search;
    private readonly int[] _columns;
    private readonly CopySearch.TableFindings _findings;

    internal SliceSearch(FieldSearch search, int[] columns, CopySearch.TableFindings findings)
    {
        _search = search;
        _columns = columns;
        _findings = findings;
    }

    /// <summary>Searches the COPY text the copy wrote for the <paramref name="column"/>-th column of a row.</summary>
    public void Field(int column, ReadOnlySpan<byte> copyText)
    {
        if (_columns[column] is var searched and >= 0)
        {
            _search.Search(searched, copyText);
        }
    }

    /// <summary>Searches the plain value (no escapes: binary COPY's text) the copy wrote for the <paramref name="column"/>-th column of a row.</summary>
    public void Value(int column, ReadOnlySpan<byte> value)
    {
        if (_columns[column] is var searched and >= 0)
        {
            _search.SearchValue(searched, value);
        }
    }

    /// <summary>The slice is complete: <paramref name="rows"/> rows were searched.</summary>
    public void Complete(long rows) => _findings.AddRows(rows);
}
