namespace DevDbSeed.Copying;

/// <summary>
/// Reads from a COPY stream in runs of many rows. The server sends a COPY's rows one message each, and a read of Npgsql's
/// raw COPY stream returns at most the rest of one message: read one at a time, every row of a table would cost a pass of
/// the row reader (or counter) and a write of its own. Npgsql's own work stays one read a message, under one call here.
/// </summary>
public static class CopyStreamReads
{
    /// <summary>What a read gathers before it returns, unless the stream ends first (or the room left is smaller).</summary>
    public const int Gather = 1 << 15;

    /// <summary>
    /// Reads into <paramref name="buffer"/> until it holds <see cref="Gather"/> bytes or is full, or the stream ends;
    /// returns the bytes read (0 only at the end of the stream).
    /// </summary>
    public static ValueTask<int> ReadAsync(Stream stream, Memory<byte> buffer, CancellationToken cancellationToken) =>
        stream.ReadAtLeastAsync(buffer, Math.Min(buffer.Length, Gather), throwOnEndOfStream: false, cancellationToken);
}
