using DevDbSeed.Catalog;
using DevDbSeed.Errors;
using DevDbSeed.Masking.Fakes;
using DevDbSeed.Rules;
using DevDbSeed.Yaml;
using YamlDotNet.RepresentationModel;

namespace DevDbSeed.Masking.Transformers;

/// <summary>
/// <c>{ fake: dataset.method }</c> (short form: the bare name): a realistic value from Bogus's data, picked by
/// the keyed digest of the original. Unique mappings add keyed digits, as few as the rows need
/// (<c>jane.doe4821@example.net</c>, <c>Kamron9417</c>: <see cref="UniqueSuffix"/>). Empty strings stay empty.
/// <para>
/// A unique fake and the originals. Verification takes a unique fake for one that never gives back an original
/// (<see cref="MayKeepByChance"/>, <see cref="MayEqualAnotherOriginal"/>): an original in its column is a leak. With a
/// short digit suffix that is no longer impossible, only rare, and rare in the direction that cannot hide a leak. A fake
/// equals an original only if the original has exactly a fake's shape: the generator's words, case and separators, as
/// many trailing digits as the fake has, and, for <c>internet.email</c>, one of the reserved example domains its fakes
/// use (example.com, example.net, example.org: RFC 2606, no real person's address; Bogus's <c>example_email</c> list in
/// every locale). Were the originals shaped like the fakes, the expected number of fakes equal to some original would be
/// about twice the expected collisions among the fakes (under 0.01 × 2 per column, as the digits are sized); real
/// originals are mostly not shaped so, which makes it rarer still. When it happens, verification reports it as a leak: a
/// false alarm, never a leak let through.
/// </para>
/// </summary>
public sealed class FakeRule(SourceLocation location, FakeDefinition generator, string locale, bool forcedUnique)
    : MaskingRule(Declaration, location, forcedUnique)
{
    private SuffixSizing? _suffix;

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
        type.IsTextual ? UniqueMethod.KeyedDigits : UniqueMethod.KeyedValue;

    public override int? SuffixDigitsFor(ColumnFit column) =>
        column.Type.IsTextual ? Suffix.DigitsIn(column) : null;

    public override double UniqueBits(ColumnFit column) =>
        column.Type.IsTextual ? Suffix.Bits(column)
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
            var needed = column.Unique && column.Type.IsTextual ? Suffix.MinChars : minimum;
            if (max < needed)
            {
                problems.Add(column.Problem(this, $"fake {generator.Name}{(column.Unique ? " (unique)" : string.Empty)} needs at least {needed} characters; the column holds {max}"));
            }
            else if (column.Unique && column.Type.IsTextual && !CollisionBounds.BitsAreEnoughFor(UniqueBits(column), column.EstimatedRows))
            {
                problems.Add(column.Problem(this, $"{max} characters are too few to give about {column.EstimatedRows} rows distinct fakes"));
            }
        }
    }

    public override IValueTransformer CreateTransformer(TransformerContext context)
    {
        var unique = context.IsUnique(this);
        var digits = unique && context.Type.IsTextual ? Suffix.DigitsIn(context, Canonical(true)) : 0;
        return new FakeTransformer(context with { Unique = unique }, Canonical(unique), generator.Create(LocaleData.For(locale)), digits);
    }

    /// <summary>How this rule's unique fakes carry their digits.</summary>
    private SuffixSizing Suffix => _suffix ??= new SuffixSizing(Canonical(false), () => generator.Create(LocaleData.For(locale)));

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

/// <summary>
/// Runs a <see cref="FakeGenerator"/> with a keyed seed, fitting the result to the column; a unique one also writes
/// keyed digits from the digest's last 16 bytes, after the fake or inside it (<see cref="FakeGenerator.WithSuffix"/>).
/// </summary>
public sealed class FakeTransformer : KeyedTransformer
{
    private readonly FakeGenerator _generator;
    private readonly int? _room;
    private readonly int _digits;
    private readonly Utf8Builder _value = new(128);

    /// <param name="context">The column.</param>
    /// <param name="canonical">The rule's canonical text (its key).</param>
    /// <param name="generator">The generator, this transformer's own.</param>
    /// <param name="suffixDigits">The digits a unique fake carries; 0 for none.</param>
    public FakeTransformer(TransformerContext context, string canonical, FakeGenerator generator, int suffixDigits)
        : base(context, canonical)
    {
        _generator = generator;
        _digits = suffixDigits;
        _room = suffixDigits > 0 ? context.MaxLength - suffixDigits - generator.SuffixOverhead : context.MaxLength;
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
        _generator.GenerateFitting(ref random, _room, _value);
        if (_digits == 0)
        {
            output.Set(_value);
            return true;
        }

        Span<byte> digits = stackalloc byte[_digits];
        UniqueSuffix.Write(seed[32..], digits);
        _generator.WithSuffix(_value, digits, output);
        return true;
    }
}
