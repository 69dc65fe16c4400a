using System.Text;
using DevDbSeed.Errors;
using DevDbSeed.Rules;
using DevDbSeed.Yaml;
using YamlDotNet.RepresentationModel;

namespace DevDbSeed.Masking.Transformers;

/// <summary>
/// <c>{ mask: { keep_first: 0, keep_last: 2, with: "#" } }</c>: replaces every letter and digit with the
/// mask character except the first and last ones asked for; punctuation and spaces stay, so a masked
/// phone keeps its shape (<c>+# (###) ###-##67</c>). Not keyed, and cannot be unique.
/// </summary>
public sealed class MaskRule(SourceLocation location, int keepFirst, int keepLast, Rune with) : MaskingRule(location, forcedUnique: false)
{
    private static readonly string[] Keys = ["keep_first", "keep_last", "with"];

    public override string Kind => "mask";

    public override bool CanBeUnique => false;

    public override bool IsKeyed => false;

    public override bool MayEqualAnotherOriginal(bool unique) => false;

    public override string Canonical(bool unique) => $"mask:first={keepFirst},last={keepLast},with={with}";

    public override string Describe(bool unique) =>
        $"mask with '{with}'" + (keepFirst > 0 ? $", keep first {keepFirst}" : string.Empty) + (keepLast > 0 ? $", keep last {keepLast}" : string.Empty);

    internal static MaskingRule Parse(RuleParser parser, YamlNode value, SourceLocation at, bool unique)
    {
        var parameters = parser.Parameters(value, "mask", Keys);
        var first = parameters.TryGetValue("keep_first", out var f) ? parser.File.Integer(f, "keep_first", 0, 1000) : 0;
        var last = parameters.TryGetValue("keep_last", out var l) ? parser.File.Integer(l, "keep_last", 0, 1000) : 0;
        var with = new Rune('*');
        if (parameters.TryGetValue("with", out var w))
        {
            var text = parser.File.Scalar(w, "with");
            if (text.EnumerateRunes().Count() != 1)
            {
                throw parser.File.Error(w, $"with must be one character ('{text}' found)");
            }

            with = text.EnumerateRunes().First();
        }

        return new MaskRule(at, first, last, with);
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
