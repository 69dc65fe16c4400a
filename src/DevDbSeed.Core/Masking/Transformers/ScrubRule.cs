using System.Text;
using DevDbSeed.Catalog;
using DevDbSeed.Detection;
using DevDbSeed.Errors;
using DevDbSeed.Masking.Fakes;
using DevDbSeed.Rules;
using DevDbSeed.Yaml;
using YamlDotNet.RepresentationModel;

namespace DevDbSeed.Masking.Transformers;

/// <summary>
/// <c>{ scrub: [email, phone, ip, card, iban] }</c>: finds those kinds of personal data inside free text (support
/// tickets, notes, JSON strings) and replaces each with a keyed fake of the same kind, leaving the rest of the text
/// as it was. An e-mail becomes exactly what a unique <c>internet.email</c> column maps it to, so a ticket still
/// names its (masked) customer; phones and cards keep their punctuation, cards stay Luhn-valid, IBANs keep their
/// country and a valid checksum.
/// </summary>
public sealed class ScrubRule(SourceLocation location, PiiKind kinds, string locale) : MaskingRule(Declaration, location, forcedUnique: false)
{
    private static readonly Dictionary<string, PiiKind> Names = new(StringComparer.Ordinal)
    {
        ["email"] = PiiKind.Email,
        ["phone"] = PiiKind.Phone,
        ["ip"] = PiiKind.Ip,
        ["card"] = PiiKind.Card,
        ["iban"] = PiiKind.Iban,
    };

    private static readonly NamesValue KindNames = RuleValue.NameList([.. Names.Keys], all: "all");

    private IReadOnlyList<ValuePart>? _parts;

    public PiiKind Kinds => kinds;

    /// <summary>The <c>scrub</c> kind: the kinds of data to find, and its parser.</summary>
    public static RuleKind Declaration { get; } = new(
        "scrub",
        "Finds e-mails, phones, IPs, card numbers and IBANs in free text and replaces each with a keyed fake of the same kind; the rest of the text stays (all: every kind).",
        KindNames,
        CanBeUnique: false,
        Parse);

    public override string Canonical(bool unique) => $"scrub:{KindList}@{locale}";

    public override string Describe(bool unique) => $"scrub {KindList} in the text";

    private string KindList => string.Join(",", NamesOf(kinds));

    /// <summary>The rule's names of <paramref name="kinds"/> (email, phone, ip, card, iban), always in that order.</summary>
    public static IEnumerable<string> NamesOf(PiiKind kinds) => Names.Where(n => kinds.HasFlag(n.Value)).Select(n => n.Key);

    public override IReadOnlyList<ValuePart> Parts => _parts ??= [new ValuePart(PartKind.TextItem, "scrub:" + string.Join("+", NamesOf(kinds)), this)];

    public override void FindOriginals(string value, Action<int, string> found)
    {
        foreach (var match in PiiDetector.Find(value, kinds))
        {
            found(0, value.Substring(match.Start, match.Length));
        }
    }

    /// <summary>An item the rule replaces in the source's text is still in the masked text.</summary>
    public override bool StillHoldsOriginal(string before, string after, Func<int, string, bool> changes) =>
        PiiDetector.Find(before, kinds).Any(m => after.AsSpan().IndexOf(before.AsSpan(m.Start, m.Length), StringComparison.Ordinal) >= 0);

    public override TargetSearch SearchInTarget(bool unique) => TargetSearch.Words;

    public override bool RemaskingRevealsLeaks => false;

    /// <summary>Its own mapping, and the unique e-mail fake the e-mails it finds become.</summary>
    public override IEnumerable<string> MappingsUsed(bool unique, UniqueRuleSet uniqueRules) =>
        [Canonical(unique), EmailFake(FakeCatalog.Default).Canonical(true)];

    internal static MaskingRule Parse(RuleParser parser, YamlNode value, SourceLocation at, bool unique)
    {
        var items = value switch
        {
            YamlSequenceNode list => list.Children,
            YamlScalarNode { Value: { } word } when word == KindNames.All => [.. KindNames.Names.Select(k => (YamlNode)new YamlScalarNode(k))],
            _ => throw parser.File.Error(value, $"scrub takes a list of kinds: [{string.Join(", ", KindNames.Names)}], or {KindNames.All}"),
        };
        var kinds = PiiKind.None;
        foreach (var item in items)
        {
            var name = parser.File.Scalar(item, "a scrub kind");
            kinds |= Names.TryGetValue(name, out var kind)
                ? kind
                : throw parser.File.Error(item, $"unknown scrub kind '{name}' ({string.Join(", ", KindNames.Names)}){Suggestions.DidYouMean(name, KindNames.Names)}");
        }

        if (kinds == PiiKind.None)
        {
            throw parser.File.Error(value, "scrub names no kind of data");
        }

        return new ScrubRule(at, kinds, parser.Locale);
    }

    public override void CheckFits(ColumnFit column, ICollection<string> problems)
    {
        if (!column.Type.IsTextual)
        {
            problems.Add(column.Problem(this, $"scrub rewrites text; the column is {column.Type} (use it inside json or each)"));
        }
    }

    public override IValueTransformer CreateTransformer(TransformerContext context)
    {
        var text = context with { Type = ColumnType.Text, MaxLength = null, Unique = false };
        var email = EmailFake(context.Fakes);
        return new Transformer(kinds, new Dictionary<PiiKind, IValueTransformer>
        {
            [PiiKind.Email] = email.CreateTransformer(text with { Unique = true }),
            [PiiKind.Phone] = new Digits(text, "scrub:phone", DigitStyle.Phone),
            [PiiKind.Card] = new Digits(text, "scrub:card", DigitStyle.Card),
            [PiiKind.Iban] = new Digits(text, "scrub:iban", DigitStyle.Iban),
            [PiiKind.Ip] = new Ip(text),
        });
    }

    /// <summary>What an e-mail in the text becomes: the unique <c>internet.email</c> fake, as in a unique e-mail column.</summary>
    private FakeRule EmailFake(FakeCatalog fakes) => new(Location, fakes.Find("internet.email")!, locale, forcedUnique: true);

    private sealed class Transformer(PiiKind kinds, Dictionary<PiiKind, IValueTransformer> replacements) : IValueTransformer
    {
        private readonly Utf8Builder _item = new();
        private readonly Utf8Builder _found = new();

        public bool Transform(ReadOnlySpan<byte> original, Utf8Builder output)
        {
            var text = Encoding.UTF8.GetString(original);
            if (!PiiDetector.TryFind(text, kinds, out var matches))
            {
                Blank(text, output); // too tangled to search in time: nothing of it may stay
                return true;
            }

            if (matches.Count == 0)
            {
                output.Append(original);
                return true;
            }

            var at = 0;
            foreach (var match in matches)
            {
                output.Append(text.AsSpan(at, match.Start - at));
                _found.Clear();
                _found.Append(text.AsSpan(match.Start, match.Length));
                _item.Clear();
                replacements[match.Kind].Transform(_found.Written, _item);
                output.Append(_item.Written);
                at = match.End;
            }

            output.Append(text.AsSpan(at));
            return true;
        }

        /// <summary>Every letter and digit replaced by x: the same length and layout, no content.</summary>
        private static void Blank(string text, Utf8Builder output)
        {
            Span<byte> encoded = stackalloc byte[4];
            foreach (var rune in text.EnumerateRunes())
            {
                output.Append(Rune.IsLetterOrDigit(rune) ? "x"u8 : encoded[..rune.EncodeToUtf8(encoded)]);
            }
        }
    }

    private enum DigitStyle
    {
        Phone,
        Card,
        Iban,
    }

    /// <summary>Keyed digits in the original's shape: separators kept; cards Luhn-valid with their first digit; IBANs with their country and checksum.</summary>
    private sealed class Digits(TransformerContext context, string canonical, DigitStyle style) : KeyedTransformer(context, canonical)
    {
        public override bool Transform(ReadOnlySpan<byte> original, Utf8Builder output)
        {
            Span<byte> seed = stackalloc byte[ValueDigester.Size];
            Seed(original, seed);
            var random = new KeyedRandom(seed);
            var start = output.Length;
            output.Append(original);
            var text = output.WrittenMutable[start..];
            var keep = style switch
            {
                DigitStyle.Card => 1, // the brand
                DigitStyle.Iban => 2, // the country
                _ => CountryCodeDigits(text),
            };
            var seen = 0;
            for (var i = 0; i < text.Length; i++)
            {
                var c = text[i];
                var isDigit = c is >= (byte)'0' and <= (byte)'9';
                var isLetter = c is >= (byte)'A' and <= (byte)'Z';
                if (!isDigit && !isLetter)
                {
                    continue;
                }

                if (seen++ < keep)
                {
                    continue;
                }

                text[i] = isDigit ? (byte)('0' + random.Next(10)) : (byte)('A' + random.Next(26));
            }

            if (style == DigitStyle.Card)
            {
                FixLuhn(text);
            }
            else if (style == DigitStyle.Iban)
            {
                FixIban(text);
            }

            return true;
        }

        /// <summary>
        /// The digits of an international number's country code: those before its first separator (+44 20 ...), at
        /// least the first one when there is none (+15551234567: a code is 1 to 3 digits, and never starts with 0).
        /// </summary>
        private static int CountryCodeDigits(ReadOnlySpan<byte> text)
        {
            if (text.Length < 2 || text[0] != (byte)'+')
            {
                return 0;
            }

            var digits = text[1..].IndexOfAnyExceptInRange((byte)'0', (byte)'9');
            return digits < 0 ? 1 : digits;
        }

        private static void FixLuhn(Span<byte> text)
        {
            var last = text.LastIndexOfAnyInRange((byte)'0', (byte)'9');
            Span<char> chars = stackalloc char[text.Length];
            for (var d = 0; d < 10; d++)
            {
                text[last] = (byte)('0' + d);
                if (PiiDetector.IsCard(chars[..Encoding.ASCII.GetChars(text, chars)]))
                {
                    return;
                }
            }
        }

        private static void FixIban(Span<byte> text)
        {
            var positions = new List<int>();
            for (var i = 0; i < text.Length && positions.Count < 4; i++)
            {
                if (text[i] is >= (byte)'0' and <= (byte)'9' or >= (byte)'A' and <= (byte)'Z')
                {
                    positions.Add(i);
                }
            }

            Span<char> chars = stackalloc char[text.Length];
            for (var check = 0; check < 100; check++)
            {
                text[positions[2]] = (byte)('0' + (check / 10));
                text[positions[3]] = (byte)('0' + (check % 10));
                if (PiiDetector.IsIban(chars[..Encoding.ASCII.GetChars(text, chars)]))
                {
                    return;
                }
            }
        }
    }

    /// <summary>A keyed IPv4 for an IPv4, a keyed IPv6 for an IPv6.</summary>
    private sealed class Ip(TransformerContext context) : KeyedTransformer(context, "scrub:ip")
    {
        private readonly Ipv4Fake _v4 = new();
        private readonly Ipv6Fake _v6 = new();

        public override bool Transform(ReadOnlySpan<byte> original, Utf8Builder output)
        {
            Span<byte> seed = stackalloc byte[ValueDigester.Size];
            Seed(original, seed);
            var random = new KeyedRandom(seed);
            if (original.Contains((byte)':'))
            {
                _v6.Generate(ref random, output);
            }
            else
            {
                _v4.Generate(ref random, output);
            }

            return true;
        }
    }
}
