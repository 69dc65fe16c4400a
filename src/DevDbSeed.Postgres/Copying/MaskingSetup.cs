using DevDbSeed.Copying;
using DevDbSeed.Masking;
using DevDbSeed.Masking.Fakes;
using DevDbSeed.Planning;

namespace DevDbSeed.Postgres.Copying;

/// <summary>What every table copy needs to build its column maskers: the keys, the generators, the locale, repairs, plan-wide unique rules.</summary>
public sealed record MaskingSetup(MaskingKeys Keys, FakeCatalog Fakes, string Locale, UniqueOverrides Overrides, IReadOnlySet<string>? UniqueRules = null)
{
    /// <summary>A fresh masker for one column of one table copy (transformers are not shared between threads).</summary>
    public ColumnMasker MaskerFor(ColumnPlan column, bool memoise = true)
    {
        var context = new TransformerContext(Keys, column.Column.Type, column.FitLength, column.Unique, Fakes, Locale, Overrides, UniqueRules);
        return new ColumnMasker(column.Rule!.CreateTransformer(context), column.Column.Type, memoise);
    }
}
