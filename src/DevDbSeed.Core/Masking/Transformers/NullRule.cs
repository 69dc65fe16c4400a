using DevDbSeed.Errors;

namespace DevDbSeed.Masking.Transformers;

/// <summary><c>null</c>: every value becomes NULL. The column must allow NULL.</summary>
public sealed class NullRule(SourceLocation location) : MaskingRule(location, forcedUnique: false)
{
    public override string Kind => "null";

    public override bool CanBeUnique => false;

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
