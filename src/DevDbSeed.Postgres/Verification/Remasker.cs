using System.Text;
using DevDbSeed.Catalog;
using DevDbSeed.Copying;
using DevDbSeed.Masking;
using DevDbSeed.Planning;

namespace DevDbSeed.Postgres.Verification;

/// <summary>
/// Masks original values again exactly as the run does (keyed, deterministic): whole column values, and the parts a
/// json or each rule masks (a JSON member, an array element). Maskers are made once per column; not thread-safe.
/// </summary>
internal sealed class Remasker(MaskingSetup masking)
{
    private readonly Dictionary<ColumnPlan, ColumnMasker> _maskers = [];
    private readonly Dictionary<(ColumnPlan Column, MaskingRule Rule), IValueTransformer> _parts = [];
    private readonly Utf8Builder _output = new();

    /// <summary>Whether the run masked with a random key (then a list fake's picks differ from the run's).</summary>
    public bool RandomKey => masking.Keys.IsRandom;

    /// <summary>A whole value of <paramref name="column"/> as the run writes it (null for NULL).</summary>
    public string? Whole(ColumnPlan column, string value)
    {
        if (!_maskers.TryGetValue(column, out var masker))
        {
            _maskers[column] = masker = masking.MaskerFor(column, memoise: false);
        }

        return masker.MaskText(value);
    }

    /// <summary>
    /// A part of a value of <paramref name="column"/> masked with <paramref name="rule"/>: an array element when the
    /// column is an array, else a JSON member (null for NULL).
    /// </summary>
    public string? Part(ColumnPlan column, MaskingRule rule, string value)
    {
        if (!_parts.TryGetValue((column, rule), out var transformer))
        {
            var type = column.Column.Type.Category == TypeCategory.Array ? column.Column.Type.Element ?? ColumnType.Text : ColumnType.JsonMember;
            var context = new TransformerContext(masking.Keys, type, type.MaxLength, Unique: false, masking.Fakes, masking.Locale, masking.Overrides, masking.UniqueRules);
            _parts[(column, rule)] = transformer = rule.CreateTransformer(context);
        }

        _output.Clear();
        return transformer.Transform(Encoding.UTF8.GetBytes(value), _output) ? _output.ToString() : null;
    }

    /// <summary>Whether <paramref name="rule"/>, used inside a column (a JSON member, an array element), is unique wherever it is used.</summary>
    public bool IsUnique(MaskingRule rule) => masking.UniqueRules.Contains(rule);
}
