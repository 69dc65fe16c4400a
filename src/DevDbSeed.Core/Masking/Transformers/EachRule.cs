using DevDbSeed.Catalog;
using DevDbSeed.Errors;
using DevDbSeed.Rules;
using YamlDotNet.RepresentationModel;

namespace DevDbSeed.Masking.Transformers;

/// <summary><c>{ each: internet.email }</c>: applies a rule to every element of an array column; NULL elements stay NULL.</summary>
public sealed class EachRule(SourceLocation location, MaskingRule element) : MaskingRule(Declaration, location, forcedUnique: false)
{
    private IReadOnlyList<ValuePart>? _parts;

    public MaskingRule Element => element;

    /// <summary>The <c>each</c> kind: a rule for the elements, and its parser.</summary>
    public static RuleKind Declaration { get; } = new(
        "each",
        "A rule for every element of an array column; NULL elements stay NULL.",
        RuleValue.Rule,
        CanBeUnique: false,
        Parse);

    public override bool IsKeyed => element.IsKeyed;

    public override bool MayKeepByChance(bool unique) => element.MayKeepByChance(false);

    public override string Canonical(bool unique) => $"each({element.Canonical(false)})";

    public override string Describe(bool unique) => $"each element: {element.Describe(false)}";

    public override IReadOnlyList<ValuePart> Parts => _parts ??= [new ValuePart(PartKind.ArrayElement, "[*]", element)];

    public override void FindOriginals(string value, Action<int, string> found)
    {
        foreach (var item in PostgresArrayText.Elements(value))
        {
            found(0, item);
        }
    }

    /// <summary>The masked array still holds an element of the source's where the element rule changes it.</summary>
    public override bool StillHoldsOriginal(string before, string after, Func<int, string, bool> changes) =>
        PostgresArrayText.Elements(before).Intersect(PostgresArrayText.Elements(after), StringComparer.Ordinal).Any(v => changes(0, v));

    internal static MaskingRule Parse(RuleParser parser, YamlNode value, SourceLocation at, bool unique) =>
        new EachRule(at, parser.ParseMaskingRule(value));

    public override void CheckFits(ColumnFit column, ICollection<string> problems)
    {
        if (column.Type is not { Category: TypeCategory.Array, Element: { } elementType })
        {
            problems.Add(column.Problem(this, $"each applies to arrays; the column is {column.Type}"));
            return;
        }

        element.CheckFits(column with { Type = elementType, MaxLength = elementType.MaxLength, NotNull = false, Unique = false }, problems);
    }

    public override IValueTransformer CreateTransformer(TransformerContext context) =>
        new Transformer(element.CreateTransformer(context.Nested(context.Type.Element ?? ColumnType.Text)));

    private sealed class Transformer(IValueTransformer element) : IValueTransformer
    {
        private readonly Utf8Builder _scratch = new();
        private readonly Utf8Builder _elementOutput = new();
        private readonly Func<ReadOnlySpan<byte>, Utf8Builder, bool> _element = element.Transform; // one delegate, not one per value

        public bool Transform(ReadOnlySpan<byte> original, Utf8Builder output)
        {
            if (!PostgresArrayText.Rewrite(original, output, _scratch, _elementOutput, _element))
            {
                throw new InvalidDataException("an array column holds a value that is not an array literal");
            }

            return true;
        }
    }
}
