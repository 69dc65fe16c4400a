namespace DevDbSeed.Copying;

/// <summary>
/// Reads a binary COPY stream in runs of whole rows: the header is checked and skipped, each call returns every complete row
/// that arrived (at least one), keeping a trailing partial row for the next call, and the trailer ends it. A row longer than
/// the buffer grows it; a stream that ends before its trailer is an error.
/// </summary>
public sealed class BinaryCopyReader(Stream stream, int bufferSize = 1 << 16) : ICopyRowReader
{
    private byte[] _buffer = new byte[bufferSize];
    private int _filled;
    private int _consumed;
    private bool _headerRead;
    private bool _ended;

    public long Bytes { get; private set; }

    public async ValueTask<ReadOnlyMemory<byte>> ReadRowsAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            _buffer.AsSpan(_consumed, _filled - _consumed).CopyTo(_buffer);
            _filled -= _consumed;
            _consumed = 0;
            if (!_headerRead && BinaryCopy.HeaderAt(_buffer.AsSpan(0, _filled)) is var header and > 0)
            {
                _headerRead = true;
                _consumed = header;
                continue;
            }

            if (_headerRead && !_ended)
            {
                _consumed = BinaryCopy.WholeRows(_buffer.AsSpan(0, _filled), out _ended);
                if (_consumed > 0)
                {
                    return _buffer.AsMemory(0, _consumed);
                }
            }

            if (_ended)
            {
                while (await stream.ReadAsync(_buffer, cancellationToken) > 0)
                {
                    // nothing follows the trailer but the end of the stream
                }

                return ReadOnlyMemory<byte>.Empty;
            }

            if (_filled == _buffer.Length)
            {
                Array.Resize(ref _buffer, _buffer.Length * 2); // a row longer than the buffer
            }

            var read = await CopyStreamReads.ReadAsync(stream, _buffer.AsMemory(_filled), cancellationToken);
            if (read == 0)
            {
                throw new InvalidDataException("the binary COPY stream ended before its trailer");
            }

            Bytes += read;
            _filled += read;
        }
    }
}
