using DevDbSeed.Catalog;
using DevDbSeed.Masking;
using DevDbSeed.Masking.Transformers;
using DevDbSeed.Tests.Support;

namespace DevDbSeed.Tests.Masking.Transformers;

public sealed class SetRuleTests
{
    [Theory]
    [InlineData("{ set: active }", "active")]
    [InlineData("{ set: \"two words\" }", "two words")]
    [InlineData("{ set: \"\" }", "")]
    [InlineData("{ set: 42 }", "42")]
    [InlineData("{ set: \"Zoë\\t\\\\\" }", "Zoë\t\\")]
    public void Returns_the_constant_for_every_value(string rule, string expected)
    {
        var transformer = Masks.Transformer(rule);

        Assert.Equal(expected, transformer.Apply("one"));
        Assert.Equal(expected, transformer.Apply(string.Empty));
        Assert.Equal(expected, transformer.Apply("another value"));
    }

    [Fact]
    public void Is_not_keyed_and_cannot_be_unique()
    {
        var rule = Assert.IsType<SetRule>(Masks.Rule("{ set: x }"));

        Assert.False(rule.IsKeyed);
        Assert.False(rule.CanBeUnique);
    }

    [Fact]
    public void Fit_check_rejects_unique_columns_too_long_constants_and_unknown_enum_labels()
    {
        var status = new ColumnType("status", TypeCategory.Enum, EnumLabels: ["active", "inactive"]);
        var problems = new List<string>();

        Masks.Rule("{ set: x }").CheckFits(new ColumnFit("t.unique", ColumnType.Text, null, false, true, 10), problems);
        Masks.Rule("{ set: Łódź }").CheckFits(new ColumnFit("t.short", new ColumnType("character varying(3)", TypeCategory.Text, 3), 3, false, false, 10), problems);
        Masks.Rule("{ set: archived }").CheckFits(new ColumnFit("t.status", status, null, false, false, 10), problems);

        Assert.Equal(3, problems.Count);
    }

    [Fact]
    public void Fit_check_accepts_a_label_and_a_constant_that_fits_in_characters()
    {
        var status = new ColumnType("status", TypeCategory.Enum, EnumLabels: ["active", "inactive"]);
        var problems = new List<string>();

        Masks.Rule("{ set: active }").CheckFits(new ColumnFit("t.status", status, null, true, false, 10), problems);
        Masks.Rule("{ set: Łódź }").CheckFits(new ColumnFit("t.city", new ColumnType("character varying(4)", TypeCategory.Text, 4), 4, false, false, 10), problems);

        Assert.Empty(problems);
    }
}
