namespace DevDbSeed.Tests.Support;

/// <summary>A stream that gives at most <paramref name="chunk"/> bytes a read, as a network stream (or a COPY stream, a row a read) may.</summary>
internal sealed class ChunkedStream(byte[] data, int chunk) : MemoryStream(data)
{
    /// <summary>How many asynchronous reads were made.</summary>
    public int Reads { get; private set; }

    public override int Read(byte[] buffer, int offset, int count) => base.Read(buffer, offset, Math.Min(count, chunk));

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        Reads++;
        return base.ReadAsync(buffer[..Math.Min(chunk, buffer.Length)], cancellationToken);
    }
}
