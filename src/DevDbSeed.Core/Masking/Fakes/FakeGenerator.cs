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
    /// <summary>How many draws <see cref="GenerateFitting"/> tries before it shortens one.</summary>
    private const int FitAttempts = 8;

    /// <summary>Writes a fake drawn from <paramref name="random"/>.</summary>
    public abstract void Generate(ref KeyedRandom random, Utf8Builder output);

    /// <summary>The fewest characters a fake can have (for fit checks against short columns).</summary>
    public virtual int MinLength => 1;

    /// <summary>
    /// What joins a fake and its unique digit suffix in the default <see cref="WithSuffix"/> (<c>Jane Doe-4821</c>); null
    /// when the digits follow the fake directly, as in a user name (<c>jdoe77</c>).
    /// </summary>
    public virtual byte? SuffixSeparator => (byte)'-';

    /// <summary>Characters a unique fake has beside the fake and its digits: its separator.</summary>
    public int SuffixOverhead => SuffixSeparator is null ? 0 : 1;

    /// <summary>
    /// Writes a fake of at most <paramref name="maxChars"/> characters (any length when null): the first of a few draws
    /// that fits, else the last one shortened. Unique fakes are fitted with the room their digits leave.
    /// </summary>
    public void GenerateFitting(ref KeyedRandom random, int? maxChars, Utf8Builder output)
    {
        for (var attempt = 0; attempt < FitAttempts; attempt++)
        {
            output.Clear();
            Generate(ref random, output);
            if (maxChars is not { } max || Utf8Text.CharCount(output.Written) <= max)
            {
                return;
            }
        }

        Shorten(output, maxChars!.Value);
    }

    /// <summary>
    /// Writes <paramref name="value"/> made unique by the keyed <paramref name="digits"/>. The default appends the separator
    /// and the digits (only the digits after an empty value). The value already fits the room the digits leave.
    /// </summary>
    public virtual void WithSuffix(Utf8Builder value, ReadOnlySpan<byte> digits, Utf8Builder output)
    {
        output.Clear();
        if (value.Length > 0)
        {
            output.Append(value.Written);
            if (SuffixSeparator is { } separator)
            {
                output.Append(separator);
            }
        }

        output.Append(digits);
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
