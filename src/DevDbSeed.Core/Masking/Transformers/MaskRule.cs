using System.Text;
using DevDbSeed.Errors;
using DevDbSeed.Rules;
using YamlDotNet.RepresentationModel;

namespace DevDbSeed.Masking.Transformers;

/// <summary>
/// <c>{ mask: { keep_first: 0, keep_last: 2, with: "#" } }</c>: replaces every letter and digit with the
/// mask character except the first and last ones asked for; punctuation and spaces stay, so a masked
/// phone keeps its shape (<c>+# (###) ###-##67</c>). Not keyed, and cannot be unique.
/// </summary>
public sealed class MaskRule(SourceLocation location, int keepFirst, int keepLast, Rune with) : MaskingRule(Declaration, location, forcedUnique: false)
{
    /// <summary>Letters and digits left as they are at the start.</summary>
    public int FirstKept => keepFirst;

    /// <summary>Letters and digits left as they are at the end.</summary>
    public int LastKept => keepLast;

    private static readonly IntegerParameter KeepFirst = new("keep_first", 0, 1000, "Letters and digits left as they are at the start (default 0).");
    private static readonly IntegerParameter KeepLast = new("keep_last", 0, 1000, "Letters and digits left as they are at the end (default 0).");
    private static readonly CharacterParameter With = new("with", "The mask character (default *).");

    /// <summary>The <c>mask</c> kind: its parameters, and its parser.</summary>
    public static RuleKind Declaration { get; } = new(
        "mask",
        "Letters and digits replaced by the mask character, except the first and last ones asked for; punctuation and spaces kept. Not keyed, cannot be unique.",
        RuleValue.Mapping(KeepFirst, KeepLast, With),
        CanBeUnique: false,
        Parse);

    public override bool IsKeyed => false;

    public override bool MayEqualAnotherOriginal(bool unique) => false;

    public override string Canonical(bool unique) => $"mask:first={keepFirst},last={keepLast},with={with}";

    public override string Describe(bool unique) =>
        $"mask with '{with}'" + (keepFirst > 0 ? $", keep first {keepFirst}" : string.Empty) + (keepLast > 0 ? $", keep last {keepLast}" : string.Empty);

    internal static MaskingRule Parse(RuleParser parser, YamlNode value, SourceLocation at, bool unique)
    {
        var parameters = parser.Parameters(value, Declaration);
        return new MaskRule(at, parameters.Get(KeepFirst, 0), parameters.Get(KeepLast, 0), parameters.Get(With, new Rune('*')));
    }

    public override void CheckFits(ColumnFit column, ICollection<string> problems)
    {
        if (!column.Type.IsTextual)
        {
            problems.Add(column.Problem(this, $"mask writes text, which a {column.Type} column cannot hold"));
        }
        else if (column.Unique)
        {
            problems.Add(column.Problem(this, "the column is unique, and masked values repeat: use hash or a fake"));
        }
    }

    public override IValueTransformer CreateTransformer(TransformerContext context) => new MaskTransformer(keepFirst, keepLast, with);

    private sealed class MaskTransformer(int keepFirst, int keepLast, Rune with) : IValueTransformer
    {
        private readonly byte[] _with = Encoding.UTF8.GetBytes(with.ToString());

        public bool Transform(ReadOnlySpan<byte> original, Utf8Builder output)
        {
            var maskable = 0;
            for (var rest = original; !rest.IsEmpty;)
            {
                var length = Next(rest, out var rune);
                if (Rune.IsLetterOrDigit(rune))
                {
                    maskable++;
                }

                rest = rest[length..];
            }

            var index = 0;
            for (var rest = original; !rest.IsEmpty;)
            {
                var length = Next(rest, out var rune);
                if (Rune.IsLetterOrDigit(rune))
                {
                    var keep = index < keepFirst || index >= maskable - keepLast;
                    output.Append(keep ? rest[..length] : _with);
                    index++;
                }
                else
                {
                    output.Append(rest[..length]);
                }

                rest = rest[length..];
            }

            return true;
        }

        /// <summary>Decodes the first character; invalid bytes count as one non-letter each.</summary>
        private static int Next(ReadOnlySpan<byte> utf8, out Rune rune)
        {
            Rune.DecodeFromUtf8(utf8, out rune, out var consumed);
            return Math.Max(consumed, 1);
        }
    }
}
