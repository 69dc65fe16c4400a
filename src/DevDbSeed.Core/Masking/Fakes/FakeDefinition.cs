using DevDbSeed.Catalog;

namespace DevDbSeed.Masking.Fakes;

/// <summary>A generator the rules can name (<c>dataset.method</c>), how to build it, and what it can fill.</summary>
/// <param name="Name">The rules name, as Bogus spells it: <c>name.firstName</c>.</param>
/// <param name="Output">The kind of value produced.</param>
/// <param name="Create">Builds a generator for a locale (one per transformer instance).</param>
/// <param name="ExtraTypes">Non-text types a text fake can also fill (<c>internet.ip</c> fills inet).</param>
/// <param name="IsFast">Picks from compiled locale data; otherwise it calls Bogus itself (microseconds a value).</param>
public sealed record FakeDefinition(
    string Name,
    FakeOutput Output,
    Func<LocaleData, FakeGenerator> Create,
    IReadOnlySet<TypeCategory> ExtraTypes,
    bool IsFast)
{
    /// <summary>Whether values of this generator can be stored in a column of <paramref name="category"/>.</summary>
    public bool Fits(TypeCategory category) =>
        ExtraTypes.Contains(category) || category switch
        {
            TypeCategory.Text or TypeCategory.FixedChar or TypeCategory.JsonScalar => true,
            TypeCategory.Integer => Output == FakeOutput.Integer,
            TypeCategory.Numeric or TypeCategory.Float => Output is FakeOutput.Integer or FakeOutput.Decimal,
            TypeCategory.Boolean => Output == FakeOutput.Boolean,
            TypeCategory.Date => Output is FakeOutput.Date or FakeOutput.Timestamp,
            TypeCategory.Timestamp or TypeCategory.TimestampTz => Output is FakeOutput.Date or FakeOutput.Timestamp,
            TypeCategory.Time => Output == FakeOutput.Time,
            TypeCategory.Uuid => Output == FakeOutput.Uuid,
            _ => false,
        };
}
