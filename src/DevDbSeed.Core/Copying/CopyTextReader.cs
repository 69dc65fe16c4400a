namespace DevDbSeed.Copying;

/// <summary>
/// Reads a COPY text stream in runs of whole rows: each call returns every complete row that arrived (at least one),
/// keeping a trailing partial row for the next call. A row longer than the buffer grows it; a stream that ends inside
/// a row is an error. The masking copy and the verification scan both read COPY text through it.
/// </summary>
public sealed class CopyTextReader(Stream stream, int bufferSize = 1 << 16) : ICopyRowReader
{
    private byte[] _buffer = new byte[bufferSize];
    private int _filled;
    private int _consumed;

    /// <summary>Bytes read from the stream so far.</summary>
    public long Bytes { get; private set; }

    /// <summary>
    /// The next complete rows, each ending in a newline; empty at the end of the stream. The memory is the reader's
    /// buffer: valid until the next call.
    /// </summary>
    /// <exception cref="InvalidDataException">The stream ended inside a row.</exception>
    public async ValueTask<ReadOnlyMemory<byte>> ReadRowsAsync(CancellationToken cancellationToken)
    {
        _buffer.AsSpan(_consumed, _filled - _consumed).CopyTo(_buffer);
        _filled -= _consumed;
        _consumed = 0;
        var searched = 0;
        while (true)
        {
            var last = _buffer.AsSpan(searched, _filled - searched).LastIndexOf(CopyText.RowEnd);
            if (last >= 0)
            {
                _consumed = searched + last + 1;
                return _buffer.AsMemory(0, _consumed);
            }

            searched = _filled;
            if (_filled == _buffer.Length)
            {
                Array.Resize(ref _buffer, _buffer.Length * 2); // a row longer than the buffer
            }

            var read = await CopyStreamReads.ReadAsync(stream, _buffer.AsMemory(_filled), cancellationToken);
            if (read == 0)
            {
                return _filled == 0 ? ReadOnlyMemory<byte>.Empty : throw new InvalidDataException("the COPY stream ended inside a row");
            }

            Bytes += read;
            _filled += read;
        }
    }
}
