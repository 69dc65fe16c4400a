using System.Text;
using DevDbSeed.Copying;
using DevDbSeed.Masking;
using DevDbSeed.Planning;

namespace DevDbSeed.Verification;

/// <summary>
/// Masks original values again exactly as the run does (keyed, deterministic): whole column values, and the parts a
/// rule masks inside them (a JSON member, an array element). Maskers are made once per column and part; not thread-safe.
/// </summary>
public sealed class Remasker(MaskingSetup masking)
{
    private readonly Dictionary<ColumnPlan, ColumnMasker> _maskers = [];
    private readonly Dictionary<(ColumnPlan Column, ValuePart Part), IValueTransformer> _parts = [];
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

    /// <summary>An original at <paramref name="part"/> of a value of <paramref name="column"/>, masked as the run masks it there (null for NULL).</summary>
    public string? Part(ColumnPlan column, ValuePart part, string value)
    {
        if (part.Kind == PartKind.Whole)
        {
            return Whole(column, value);
        }

        if (!_parts.TryGetValue((column, part), out var transformer))
        {
            var context = masking.ContextFor(column).Nested(part.TypeIn(column.Column.Type));
            _parts[(column, part)] = transformer = part.Rule.CreateTransformer(context);
        }

        _output.Clear();
        return transformer.Transform(Encoding.UTF8.GetBytes(value), _output) ? _output.ToString() : null;
    }

    /// <summary>Whether the rule at <paramref name="part"/> of <paramref name="column"/> maps uniquely.</summary>
    public bool IsUnique(ColumnPlan column, ValuePart part) => part.Kind == PartKind.Whole ? column.Unique : masking.UniqueRules.Contains(part.Rule);

    /// <summary>Whether the rule at <paramref name="part"/> changes <paramref name="value"/> (masked again, it is not the same).</summary>
    public bool Changes(ColumnPlan column, ValuePart part, string value) => !string.Equals(Part(column, part, value), value, StringComparison.Ordinal);
}
