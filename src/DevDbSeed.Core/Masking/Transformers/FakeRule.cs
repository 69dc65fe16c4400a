using DevDbSeed.Catalog;
using DevDbSeed.Errors;
using DevDbSeed.Masking.Fakes;
using DevDbSeed.Rules;
using DevDbSeed.Yaml;
using YamlDotNet.RepresentationModel;

namespace DevDbSeed.Masking.Transformers;

/// <summary>
/// <c>{ fake: dataset.method }</c> (short form: the bare name): a realistic value from Bogus's data, picked by
/// the keyed digest of the original. Unique mappings add a keyed token (<c>jane.doe.k3x9q2m7ab@example.net</c>).
/// Empty strings stay empty.
/// </summary>
public sealed class FakeRule(SourceLocation location, FakeDefinition generator, string locale, bool forcedUnique)
    : MaskingRule(Declaration, location, forcedUnique)
{
    public FakeDefinition Generator => generator;

    /// <summary>The <c>fake</c> kind: a generator name, and its parser.</summary>
    public static RuleKind Declaration { get; } = new(
        "fake",
        "A realistic fake from Bogus's locale data, picked by the keyed digest of the original (short form: the bare generator name).",
        RuleValue.Generator,
        CanBeUnique: true,
        Parse);

    public override string Canonical(bool unique) => $"fake:{generator.Name}@{locale}{(unique ? ":unique" : string.Empty)}";

    public override bool MayKeepByChance(bool unique) => !unique;

    public override bool MayEqualAnotherOriginal(bool unique) => !unique;

    public override string Describe(bool unique) => $"fake {generator.Name}{(unique ? " (unique)" : string.Empty)}";

    internal static MaskingRule Parse(RuleParser parser, YamlNode value, SourceLocation at, bool unique) =>
        new FakeRule(at, parser.Generator(value, parser.File.Scalar(value, "fake")), parser.Locale, unique);

    /// <summary>Whether the generator works in the locale (Bogus's data differs per locale): tried on a few seeds.</summary>
    internal static string? TryGenerate(FakeDefinition generator, string locale)
    {
        try
        {
            var instance = generator.Create(LocaleData.For(locale));
            _ = instance.MinLength;
            var output = new Utf8Builder();
            Span<byte> seed = stackalloc byte[32];
            for (var i = 0; i < 16; i++)
            {
                seed[0] = (byte)i;
                var random = new KeyedRandom(seed);
                output.Clear();
                instance.Generate(ref random, output);
            }

            return null;
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException or NullReferenceException or KeyNotFoundException
            or System.Reflection.TargetInvocationException or IndexOutOfRangeException or FormatException)
        {
            return (e.InnerException ?? e).Message;
        }
    }

    public override UniqueMethod UniqueMethodFor(ColumnType type) =>
        type.IsTextual ? UniqueMethod.KeyedToken : UniqueMethod.KeyedValue;

    public override double UniqueBits(ColumnType type, int? maxLength) =>
        type.IsTextual ? UniqueToken.Bits(UniqueToken.LengthFor(maxLength, generator.Create(LocaleData.For(locale)).MinLength))
        : generator.Output == FakeOutput.Uuid ? 122
        : 0;

    public override void CheckFits(ColumnFit column, ICollection<string> problems)
    {
        if (!generator.Fits(column.Type.Category))
        {
            problems.Add(column.Problem(this, $"fake {generator.Name} makes {generator.Output.ToString().ToLowerInvariant()} values, which a {column.Type} column cannot hold"));
            return;
        }

        var minimum = generator.Create(LocaleData.For(locale)).MinLength;
        if (column.Unique && !column.Type.IsTextual && DistinctOutOf(256) < 250)
        {
            problems.Add(column.Problem(this, $"fake {generator.Name} makes too few distinct values to keep a unique {column.Type} column distinct"));
        }

        if (column.MaxLength is { } max)
        {
            var needed = column.Unique ? minimum + 1 + UniqueToken.MinLength : minimum;
            if (max < needed)
            {
                problems.Add(column.Problem(this, $"fake {generator.Name}{(column.Unique ? " (unique)" : string.Empty)} needs at least {needed} characters; the column holds {max}"));
            }
            else if (column.Unique && !UniqueToken.IsEnoughFor(UniqueToken.LengthFor(max, minimum), column.EstimatedRows))
            {
                problems.Add(column.Problem(this, $"{max} characters are too few to give about {column.EstimatedRows} rows distinct fakes"));
            }
        }
    }

    public override IValueTransformer CreateTransformer(TransformerContext context)
    {
        var unique = context.IsUnique(this);
        return new FakeTransformer(context with { Unique = unique }, Canonical(unique), generator.Create(LocaleData.For(locale)));
    }

    /// <summary>How many distinct fakes <paramref name="draws"/> seeds give: a uniqueness check for non-text columns, which take no token.</summary>
    private int DistinctOutOf(int draws)
    {
        var instance = generator.Create(LocaleData.For(locale));
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var output = new Utf8Builder();
        Span<byte> seed = stackalloc byte[32];
        for (var i = 0; i < draws; i++)
        {
            System.Buffers.Binary.BinaryPrimitives.WriteInt32LittleEndian(seed, i);
            var random = new KeyedRandom(seed);
            output.Clear();
            instance.Generate(ref random, output);
            seen.Add(output.ToString());
        }

        return seen.Count;
    }
}

/// <summary>Runs a <see cref="FakeGenerator"/> with a keyed seed, making the result unique and fitting when asked.</summary>
public sealed class FakeTransformer : KeyedTransformer
{
    private const int FitAttempts = 8;

    private readonly FakeGenerator _generator;
    private readonly int? _maxChars;
    private readonly int _tokenLength;
    private readonly Utf8Builder _value = new(128);

    public FakeTransformer(TransformerContext context, string canonical, FakeGenerator generator)
        : base(context, canonical)
    {
        _generator = generator;
        _maxChars = context.MaxLength;
        _tokenLength = context.Unique && context.Type.IsTextual ? UniqueToken.LengthFor(context.MaxLength, generator.MinLength) : 0;
    }

    public override bool Transform(ReadOnlySpan<byte> original, Utf8Builder output)
    {
        if (original.IsEmpty)
        {
            return true;
        }

        Span<byte> seed = stackalloc byte[48];
        Seed(original, seed);
        var random = new KeyedRandom(seed);
        Span<byte> token = stackalloc byte[_tokenLength];
        UniqueToken.Write(seed[32..], token);
        for (var attempt = 0; attempt < FitAttempts; attempt++)
        {
            _value.Clear();
            _generator.Generate(ref random, _value);
            Compose(token, maxChars: null, output);
            if (_maxChars is not { } max || Utf8Text.CharCount(output.Written) <= max)
            {
                return true;
            }
        }

        if (_tokenLength == 0)
        {
            _generator.Shorten(_value, _maxChars!.Value);
        }

        Compose(token, _maxChars, output);
        return true;
    }

    private void Compose(ReadOnlySpan<byte> token, int? maxChars, Utf8Builder output)
    {
        if (token.IsEmpty)
        {
            output.Set(_value);
        }
        else
        {
            _generator.WithToken(_value, token, maxChars, output);
        }
    }
}
