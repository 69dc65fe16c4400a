using System.Globalization;
using DevDbSeed.Catalog;
using DevDbSeed.Errors;
using DevDbSeed.Rules;
using YamlDotNet.RepresentationModel;

namespace DevDbSeed.Masking.Transformers;

/// <summary>
/// <c>{ noise: { ratio: 0.1 } }</c>: multiplies a number by a keyed factor in [0.9, 1.1]. Integers stay
/// integers within their type's range; numeric(p,s) keeps its scale and precision; NaN and infinities stay.
/// </summary>
public sealed class NoiseRule(SourceLocation location, double ratio, bool forcedUnique) : MaskingRule(Declaration, location, forcedUnique)
{
    /// <summary>The largest relative change.</summary>
    public double MaxRatio => ratio;

    private static readonly NumberParameter Ratio = new("ratio", 0, 10, "The largest relative change (0.1: up to 10 % either way).", Required: true);

    /// <summary>The <c>noise</c> kind: its parameters, and its parser.</summary>
    public static RuleKind Declaration { get; } = new(
        "noise",
        "Numbers multiplied by a keyed factor in [1 - ratio, 1 + ratio]; integers stay integers, numeric(p,s) keeps its scale.",
        RuleValue.Mapping(Ratio),
        CanBeUnique: true,
        Parse);

    /// <summary>A small value moved by a small ratio can round back to itself.</summary>
    public override bool MayKeepByChance(bool unique) => true;

    public override string Canonical(bool unique) => $"noise:ratio={ratio.ToString("R", CultureInfo.InvariantCulture)}";

    public override string Describe(bool unique) => $"noise ±{(ratio * 100).ToString("0.##", CultureInfo.InvariantCulture)} %";

    internal static MaskingRule Parse(RuleParser parser, YamlNode value, SourceLocation at, bool unique)
    {
        return new NoiseRule(at, parser.Parameters(value, Declaration).Required(Ratio), unique);
    }

    public override void CheckFits(ColumnFit column, ICollection<string> problems)
    {
        if (column.Type.Category is not (TypeCategory.Integer or TypeCategory.Numeric or TypeCategory.Float or TypeCategory.JsonScalar))
        {
            problems.Add(column.Problem(this, $"noise changes numbers; the column is {column.Type}"));
        }
    }

    public override IValueTransformer CreateTransformer(TransformerContext context) =>
        new Transformer(context, Canonical(context.Unique), ratio);

    private sealed class Transformer(TransformerContext context, string canonical, double ratio) : KeyedTransformer(context, canonical)
    {
        private readonly ColumnType _type = context.Type;

        public override bool Transform(ReadOnlySpan<byte> original, Utf8Builder output)
        {
            Span<byte> seed = stackalloc byte[ValueDigester.Size];
            Seed(original, seed);
            var random = new KeyedRandom(seed);
            var factor = 1 + (((random.NextDouble() * 2) - 1) * ratio);
            output.Append(_type.Category switch
            {
                TypeCategory.Integer => Integer(original, factor),
                TypeCategory.Numeric => Numeric(original, factor),
                TypeCategory.JsonScalar when !original.ContainsAny("."u8) && !original.ContainsAny("eE"u8) => Integer(original, factor),
                TypeCategory.JsonScalar => Numeric(original, factor),
                _ => Float(original, factor),
            });
            return true;
        }

        private string Integer(ReadOnlySpan<byte> text, double factor)
        {
            if (!long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
            {
                return Utf8Text.Decode(text);
            }

            var (min, max) = (_type.Precision ?? 8) switch
            {
                2 => ((double)short.MinValue, (double)short.MaxValue),
                4 => (int.MinValue, int.MaxValue),
                _ => (long.MinValue, long.MaxValue),
            };
            var result = Math.Clamp(Math.Round(value * factor), min, max);
            return ((long)result).ToString(CultureInfo.InvariantCulture);
        }

        private string Numeric(ReadOnlySpan<byte> text, double factor)
        {
            if (!decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
            {
                return Float(text, factor); // NaN, or beyond decimal's range
            }

            var dot = text.IndexOf((byte)'.');
            var scale = _type.Scale ?? (dot < 0 ? 0 : text.Length - dot - 1);
            var result = Math.Round(value * (decimal)factor, Math.Min(scale, 28), MidpointRounding.ToEven);
            if (_type.Precision is { } precision && precision - (_type.Scale ?? 0) < 29)
            {
                var limit = (decimal)Math.Pow(10, precision - (_type.Scale ?? 0)) - (scale == 0 ? 1m : (decimal)Math.Pow(10, -scale));
                result = Math.Clamp(result, -limit, limit);
            }

            return result.ToString("F" + scale.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
        }

        private static string Float(ReadOnlySpan<byte> text, double factor)
        {
            if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !double.IsFinite(value))
            {
                return Utf8Text.Decode(text);
            }

            return (value * factor).ToString("R", CultureInfo.InvariantCulture);
        }
    }
}
