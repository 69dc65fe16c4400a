using DevDbSeed.Catalog;
using DevDbSeed.Masking;
using DevDbSeed.Masking.Transformers;
using DevDbSeed.Tests.Support;

namespace DevDbSeed.Tests.Masking.Transformers;

public sealed class NullRuleTests
{
    [Theory]
    [InlineData("anything")]
    [InlineData("")]
    [InlineData("\\N")]
    public void Every_value_becomes_null(string original)
    {
        Assert.Null(Masks.Transformer("null").Apply(original));
    }

    [Fact]
    public void Is_not_keyed()
    {
        Assert.False(Assert.IsType<NullRule>(Masks.Rule("~")).IsKeyed);
    }

    [Fact]
    public void Fit_check_rejects_not_null_columns()
    {
        var problems = new List<string>();

        Masks.Rule("null").CheckFits(new ColumnFit("t.required", ColumnType.Text, null, true, false, 1), problems);
        Masks.Rule("null").CheckFits(new ColumnFit("t.optional", ColumnType.Text, null, false, false, 1), problems);

        Assert.StartsWith("t.required ", Assert.Single(problems), StringComparison.Ordinal);
    }
}
