namespace DevDbSeed.Masking;

/// <summary>
/// Base of transformers whose output is a pure function of (secret, rule, value): it owns the rule's
/// keyed digester and applies collision repairs of unique mappings.
/// </summary>
public abstract class KeyedTransformer : IValueTransformer
{
    private readonly ValueDigester _digester;
    private readonly IReadOnlyDictionary<string, int>? _attempts;

    protected KeyedTransformer(TransformerContext context, string canonical)
    {
        _digester = new ValueDigester(context.Keys.For(canonical));
        _attempts = context.Overrides?.For(canonical);
    }

    public abstract bool Transform(ReadOnlySpan<byte> original, Utf8Builder output);

    /// <summary>Fills <paramref name="seed"/> (32 bytes or more) with the keyed digest of <paramref name="original"/>.</summary>
    protected void Seed(ReadOnlySpan<byte> original, Span<byte> seed)
    {
        var attempt = UniqueOverrides.AttemptOf(_attempts, original);
        if (seed.Length == ValueDigester.Size)
        {
            _digester.Digest(original, attempt, seed);
        }
        else
        {
            _digester.Expand(original, attempt, seed);
        }
    }
}
