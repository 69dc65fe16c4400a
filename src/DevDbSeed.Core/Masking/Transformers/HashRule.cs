using DevDbSeed.Catalog;
using DevDbSeed.Errors;
using DevDbSeed.Rules;
using YamlDotNet.RepresentationModel;

namespace DevDbSeed.Masking.Transformers;

/// <summary>
/// <c>{ hash: { length: 12, alphabet: auto } }</c>: a keyed, irreversible hash of the value. By default as
/// long as the original and in its alphabet: digits stay digits, hex stays hex (same case), anything else
/// becomes lowercase letters and digits.
/// </summary>
public sealed class HashRule(SourceLocation location, int? length, HashAlphabet alphabet, bool forcedUnique) : MaskingRule(Declaration, location, forcedUnique)
{
    /// <summary>The characters of the hash; null: as long as the original.</summary>
    public int? HashLength => length;

    /// <summary>The characters the hash is written in.</summary>
    public HashAlphabet AlphabetUsed => alphabet;

    private static readonly IntegerParameter Length = new("length", 1, 1024, "Characters of the hash (default: the original's length, 4 to 128).");

    private static readonly ChoiceParameter<HashAlphabet> Alphabet = new(
        "alphabet",
        [new("auto", HashAlphabet.Auto), new("hex", HashAlphabet.Hex), new("digits", HashAlphabet.Digits), new("alnum", HashAlphabet.Alnum)],
        "The characters of the hash (default auto: digits stay digits, hex stays hex, anything else becomes lowercase letters and digits).");

    /// <summary>The <c>hash</c> kind: its parameters, and its parser.</summary>
    public static RuleKind Declaration { get; } = new(
        "hash",
        "A keyed, irreversible hash of the value; by default as long as the original and in its alphabet.",
        RuleValue.Mapping(Length, Alphabet),
        CanBeUnique: true,
        Parse);

    public override bool MayEqualAnotherOriginal(bool unique) => false;

    public override string Canonical(bool unique) =>
        $"hash:length={(length?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "original")},alphabet={alphabet.ToString().ToLowerInvariant()}";

    public override string Describe(bool unique) =>
        $"hash ({(length is { } l ? $"{l} characters" : "original length")}, {alphabet.ToString().ToLowerInvariant()}){(unique ? " (unique)" : string.Empty)}";

    internal static MaskingRule Parse(RuleParser parser, YamlNode value, SourceLocation at, bool unique)
    {
        var parameters = parser.Parameters(value, Declaration);
        int? length = parameters.TryGet(Length, out var l) ? l : null;
        return new HashRule(at, length, parameters.Get(Alphabet, HashAlphabet.Auto), unique);
    }

    public override UniqueMethod UniqueMethodFor(ColumnType type) => UniqueMethod.KeyedHash;

    public override double UniqueBits(ColumnFit column)
    {
        if (length is not { } n)
        {
            return 0; // as long as each original: unknown until the data is seen
        }

        var perCharacter = alphabet switch
        {
            HashAlphabet.Hex or HashAlphabet.UpperHex => 4,
            HashAlphabet.Alnum => Math.Log2(36),
            _ => Math.Log2(10), // digits, and auto at its narrowest
        };
        return Math.Min(n, column.MaxLength ?? n) * perCharacter;
    }

    public override void CheckFits(ColumnFit column, ICollection<string> problems)
    {
        if (!column.Type.IsTextual)
        {
            problems.Add(column.Problem(this, $"hash writes text, which a {column.Type} column cannot hold"));
        }
        else if (length is { } l && column.MaxLength is { } max && l > max)
        {
            problems.Add(column.Problem(this, $"hash length {l} does not fit the column's {max} characters"));
        }
        else if (column.Unique && length is { } n && !CollisionBounds.BitsAreEnoughFor(UniqueBits(column), column.EstimatedRows))
        {
            problems.Add(column.Problem(this, $"hash length {n} is too short to give about {column.EstimatedRows} rows distinct values"));
        }
    }

    public override IValueTransformer CreateTransformer(TransformerContext context) =>
        new HashTransformer(context, Canonical(context.Unique), length, alphabet);

    private sealed class HashTransformer(TransformerContext context, string canonical, int? length, HashAlphabet alphabet)
        : KeyedTransformer(context, canonical)
    {
        private readonly int? _maxChars = context.MaxLength;

        public override bool Transform(ReadOnlySpan<byte> original, Utf8Builder output)
        {
            if (original.IsEmpty)
            {
                return true;
            }

            var count = length ?? Math.Clamp(Utf8Text.CharCount(original), 4, 128);
            if (_maxChars is { } max)
            {
                count = Math.Min(count, max);
            }

            var chars = Alphabet(original);
            Span<byte> seed = stackalloc byte[ValueDigester.Size];
            Seed(original, seed);
            var random = new KeyedRandom(seed);
            var target = output.AppendSpan(count);
            for (var i = 0; i < count; i++)
            {
                target[i] = chars[random.Next(chars.Length)];
            }

            return true;
        }

        private ReadOnlySpan<byte> Alphabet(ReadOnlySpan<byte> original)
        {
            var effective = alphabet;
            if (effective == HashAlphabet.Auto)
            {
                effective = Utf8Text.IsAsciiDigits(original) ? HashAlphabet.Digits
                    : IsHex(original, out var upper) ? (upper ? HashAlphabet.UpperHex : HashAlphabet.Hex)
                    : HashAlphabet.Alnum;
            }

            return effective switch
            {
                HashAlphabet.Digits => "0123456789"u8,
                HashAlphabet.Hex => "0123456789abcdef"u8,
                HashAlphabet.UpperHex => "0123456789ABCDEF"u8,
                _ => "0123456789abcdefghijklmnopqrstuvwxyz"u8,
            };
        }

        private static bool IsHex(ReadOnlySpan<byte> value, out bool upper)
        {
            upper = false;
            var lower = false;
            foreach (var b in value)
            {
                if (b is >= (byte)'a' and <= (byte)'f')
                {
                    lower = true;
                }
                else if (b is >= (byte)'A' and <= (byte)'F')
                {
                    upper = true;
                }
                else if (b is < (byte)'0' or > (byte)'9')
                {
                    return false;
                }
            }

            return !(upper && lower);
        }
    }
}

/// <summary>The characters a hash is written in.</summary>
public enum HashAlphabet
{
    /// <summary>Like the original: digits, hex (same case), otherwise lowercase letters and digits.</summary>
    Auto,
    Hex,
    UpperHex,
    Digits,
    Alnum,
}
