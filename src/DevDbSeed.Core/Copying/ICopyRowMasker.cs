using DevDbSeed.Masking;

namespace DevDbSeed.Copying;

/// <summary>Masks whole rows of a COPY stream in flight, in text (<see cref="CopyTextRowMasker"/>) or binary (<see cref="BinaryCopyRowMasker"/>) format.</summary>
public interface ICopyRowMasker
{
    /// <summary>The rows masked so far.</summary>
    long Rows { get; }

    /// <summary>
    /// Masks every whole row at the start of <paramref name="input"/> into <paramref name="output"/>; returns the number of bytes
    /// consumed (a trailing partial row is left for the next call).
    /// </summary>
    int MaskRows(ReadOnlySpan<byte> input, Utf8Builder output);
}
