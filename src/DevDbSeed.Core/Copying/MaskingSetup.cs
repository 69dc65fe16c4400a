using DevDbSeed.Masking;
using DevDbSeed.Masking.Fakes;
using DevDbSeed.Planning;

namespace DevDbSeed.Copying;

/// <summary>
/// What every table copy (and verification, masking again) needs to build its column maskers: the keys, the generators,
/// the locale, the collision repairs of unique mappings, and the rules unique wherever used.
/// </summary>
public sealed record MaskingSetup(MaskingKeys Keys, FakeCatalog Fakes, string Locale, UniqueOverrides Overrides, UniqueRuleSet UniqueRules)
{
    /// <summary>How a run masks with <paramref name="plan"/>, before any collision repair.</summary>
    public static MaskingSetup For(PipelinePlan plan, MaskingKeys keys) =>
        new(keys, FakeCatalog.Default, plan.Rules.Locale, UniqueOverrides.None, plan.UniqueRules);

    /// <summary>The context a rule builds its transformer in for <paramref name="column"/>.</summary>
    public TransformerContext ContextFor(ColumnPlan column) =>
        new(Keys, column.Column.Type, column.FitLength, column.Unique, Fakes, Locale, Overrides, UniqueRules);

    /// <summary>A fresh masker for one column of one table copy (transformers are not shared between threads).</summary>
    public ColumnMasker MaskerFor(ColumnPlan column, bool memoise = true, ColumnFingerprints? fingerprints = null) =>
        new(column.Rule!.CreateTransformer(ContextFor(column)), column.Column.Type, memoise, fingerprints);

    /// <summary>
    /// Fresh maskers for the columns COPY moves of <paramref name="table"/>, in their order (null for a column not masked): a
    /// <see cref="CopyTextRowMasker"/>'s. Those of columns <paramref name="fingerprints"/> collects for fingerprint what they write.
    /// </summary>
    public IReadOnlyList<ColumnMasker?> MaskersFor(TablePlan table, CopiedFingerprints? fingerprints = null) =>
        [.. table.CopiedColumns.Select(c => c.Action == ColumnAction.Mask
            ? MaskerFor(c, fingerprints: fingerprints?.Of(table.RuleName, c.Column.Name))
            : null)];
}
