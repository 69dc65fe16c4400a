namespace DevDbSeed.Masking.Fakes;

/// <summary>What kind of value a generator produces, which decides the column types it can fill.</summary>
public enum FakeOutput
{
    Text,
    Integer,
    Decimal,
    Boolean,
    Date,
    Timestamp,
    Time,
    Uuid,
}

/// <summary>
/// Produces one fake from a keyed random source. Generators are not thread-safe; each transformer
/// instance has its own.
/// </summary>
public abstract class FakeGenerator
{
    /// <summary>Writes a fake drawn from <paramref name="random"/>.</summary>
    public abstract void Generate(ref KeyedRandom random, Utf8Builder output);

    /// <summary>The fewest characters a fake can have (for fit checks against short columns).</summary>
    public virtual int MinLength => 1;

    /// <summary>What joins a fake and its uniqueness token in the default <see cref="WithToken"/>.</summary>
    protected virtual byte TokenSeparator => (byte)'-';

    /// <summary>
    /// Writes <paramref name="value"/> made unique by <paramref name="token"/>, in at most <paramref name="maxChars"/>
    /// characters when given. The default appends the separator and the token, shortening the value to make room.
    /// </summary>
    public virtual void WithToken(Utf8Builder value, ReadOnlySpan<byte> token, int? maxChars, Utf8Builder output)
    {
        if (maxChars is { } max && Utf8Text.CharCount(value.Written) + 1 + token.Length > max)
        {
            Shorten(value, max - 1 - token.Length);
        }

        output.Clear();
        if (value.Length > 0)
        {
            output.Append(value.Written);
            output.Append(TokenSeparator);
        }

        output.Append(token);
    }

    /// <summary>Shortens a fake to <paramref name="maxChars"/> characters (empty when nothing fits).</summary>
    public virtual void Shorten(Utf8Builder value, int maxChars)
    {
        if (maxChars <= 0)
        {
            value.Clear();
            return;
        }

        Utf8Text.Shorten(value, maxChars);
    }
}
