using System.Text;
using DevDbSeed.Catalog;
using DevDbSeed.Errors;
using DevDbSeed.Rules;
using DevDbSeed.Yaml;
using YamlDotNet.RepresentationModel;

namespace DevDbSeed.Masking.Transformers;

/// <summary>
/// <c>{ set: active }</c>: every non-NULL value becomes the constant (NULL stays NULL). The constant is checked
/// against the column's length and enum labels here, and cast to the column type on the source before a run.
/// <c>{ set: null }</c> is the same as <c>null</c>.
/// </summary>
public sealed class SetRule(SourceLocation location, string value) : MaskingRule(Declaration, location, forcedUnique: false)
{
    public string Value => value;

    /// <summary>The <c>set</c> kind: a constant, and its parser.</summary>
    public static RuleKind Declaration { get; } = new(
        "set",
        "Every non-NULL value becomes this constant (NULL stays NULL); set: null is the same as null.",
        RuleValue.Constant,
        CanBeUnique: false,
        Parse);

    public override string? Constant => value;

    public override bool IsKeyed => false;

    /// <summary>The constant may be what a row already held: that is the constant, not a leak.</summary>
    public override bool MayKeepByChance(bool unique) => true;

    public override string Canonical(bool unique) => $"set:{value}";

    public override string Describe(bool unique) => $"set to '{value}'";

    internal static MaskingRule Parse(RuleParser parser, YamlNode node, SourceLocation at, bool unique) =>
        YamlNodes.IsNull(node) ? new NullRule(at) : new SetRule(at, parser.File.Scalar(node, "set"));

    public override void CheckFits(ColumnFit column, ICollection<string> problems)
    {
        if (column.Unique)
        {
            problems.Add(column.Problem(this, "the column is unique, and a constant repeats: use a fake or hash"));
        }

        if (column.MaxLength is { } max && value.EnumerateRunes().Count() > max)
        {
            problems.Add(column.Problem(this, $"'{value}' is longer than the column's {max} characters"));
        }

        if (column.Type is { Category: TypeCategory.Enum, EnumLabels: { } labels } && !labels.Contains(value))
        {
            problems.Add(column.Problem(this, $"'{value}' is not a label of {column.Type} ({string.Join(", ", labels)})"));
        }
    }

    public override IValueTransformer CreateTransformer(TransformerContext context) => new Transformer(Encoding.UTF8.GetBytes(value));

    private sealed class Transformer(byte[] constant) : IValueTransformer
    {
        public bool Transform(ReadOnlySpan<byte> original, Utf8Builder output)
        {
            output.Append(constant);
            return true;
        }
    }
}
