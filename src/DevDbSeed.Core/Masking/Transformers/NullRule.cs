using DevDbSeed.Errors;
using DevDbSeed.Rules;

namespace DevDbSeed.Masking.Transformers;

/// <summary><c>null</c>: every value becomes NULL. The column must allow NULL.</summary>
public sealed class NullRule(SourceLocation location) : MaskingRule(Declaration, location, forcedUnique: false)
{
    /// <summary>
    /// The <c>null</c> kind, written as YAML null on its own (or <c>{ set: null }</c>), so no key of a rule's mapping
    /// names it and it is not in <see cref="RuleKinds"/>. NULLs are not distinct values: it cannot be unique.
    /// </summary>
    public static RuleKind Declaration { get; } = new(
        "null",
        "Set every value to NULL.",
        RuleValue.Nothing,
        CanBeUnique: false,
        (_, _, at, _) => new NullRule(at));

    public override bool AlwaysNull => true;

    public override bool IsKeyed => false;

    public override bool MayEqualAnotherOriginal(bool unique) => false;

    public override string Canonical(bool unique) => "null";

    public override string Describe(bool unique) => "set to NULL";

    public override void CheckFits(ColumnFit column, ICollection<string> problems)
    {
        if (column.NotNull)
        {
            problems.Add(column.Problem(this, "the column is NOT NULL, so it cannot be set to NULL"));
        }
    }

    public override IValueTransformer CreateTransformer(TransformerContext context) => Transformer.Instance;

    private sealed class Transformer : IValueTransformer
    {
        public static readonly Transformer Instance = new();

        public bool Transform(ReadOnlySpan<byte> original, Utf8Builder output) => false;
    }
}
