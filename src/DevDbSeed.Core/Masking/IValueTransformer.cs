namespace DevDbSeed.Masking;

/// <summary>
/// Masks one value. Input and output are UTF-8 text exactly as PostgreSQL prints and reads the value
/// (COPY text format without its escapes). Instances are not thread-safe: each table copy builds its own.
/// </summary>
public interface IValueTransformer
{
    /// <summary>
    /// Writes the masked form of a non-NULL <paramref name="original"/> into <paramref name="output"/>
    /// (cleared by the caller). Returns false when the masked value is NULL.
    /// </summary>
    bool Transform(ReadOnlySpan<byte> original, Utf8Builder output);
}
