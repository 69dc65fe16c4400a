namespace DevDbSeed.Copying;

/// <summary>A COPY stream read in runs of whole rows, in text (<see cref="CopyTextReader"/>) or binary (<see cref="BinaryCopyReader"/>) format.</summary>
public interface ICopyRowReader
{
    /// <summary>Bytes read from the stream so far.</summary>
    long Bytes { get; }

    /// <summary>The next whole rows; empty at the end of the stream. The memory is the reader's buffer: valid until the next call.</summary>
    /// <exception cref="InvalidDataException">The stream ended inside a row, or is not in the reader's format.</exception>
    ValueTask<ReadOnlyMemory<byte>> ReadRowsAsync(CancellationToken cancellationToken);
}
