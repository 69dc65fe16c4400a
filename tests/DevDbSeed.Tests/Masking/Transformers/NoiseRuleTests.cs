using System.Globalization;
using DevDbSeed.Catalog;
using DevDbSeed.Masking;
using DevDbSeed.Tests.Support;

namespace DevDbSeed.Tests.Masking.Transformers;

public sealed class NoiseRuleTests
{
    private static readonly ColumnType Int2 = new("smallint", TypeCategory.Integer, Precision: 2);
    private static readonly ColumnType Int4 = new("integer", TypeCategory.Integer, Precision: 4);
    private static readonly ColumnType Int8 = new("bigint", TypeCategory.Integer, Precision: 8);

    public static TheoryData<string, long, long> IntegerTypes => new()
    {
        { "smallint", short.MinValue, short.MaxValue },
        { "integer", int.MinValue, int.MaxValue },
        { "bigint", long.MinValue, long.MaxValue },
    };

    [Theory]
    [MemberData(nameof(IntegerTypes))]
    public void Integers_stay_integers_within_their_type_range(string typeName, long min, long max)
    {
        var type = typeName switch { "smallint" => Int2, "integer" => Int4, _ => Int8 };
        var transformer = Masks.Transformer("{ noise: { ratio: 0.5 } }", type: type);
        var originals = new[] { min, min + 1, max, max - 1, 0, 1, -1, 1000, -1000, max / 2, min / 2 };

        foreach (var original in originals)
        {
            var text = transformer.Apply(original.ToString(CultureInfo.InvariantCulture))!;
            Assert.True(long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value), $"'{text}' is not an integer");
            Assert.InRange(value, min, max);
        }
    }

    [Fact]
    public void Integers_move_by_at_most_the_ratio()
    {
        var transformer = Masks.Transformer("{ noise: { ratio: 0.1 } }", type: Int4);
        var moved = 0;

        for (var original = 1000; original < 6000; original++)
        {
            var value = long.Parse(transformer.Apply(original.ToString(CultureInfo.InvariantCulture))!, CultureInfo.InvariantCulture);
            Assert.InRange(value, (long)Math.Floor(original * 0.9), (long)Math.Ceiling(original * 1.1));
            moved += value != original ? 1 : 0;
        }

        Assert.True(moved > 4500, $"only {moved} of 5000 values moved");
    }

    [Theory]
    [InlineData("1234.50", 10, 2)]
    [InlineData("0.01", 10, 2)]
    [InlineData("-99.99", 10, 2)]
    [InlineData("100", 10, 0)]
    [InlineData("12.3456", 12, 4)]
    public void Numeric_keeps_the_scale_of_its_type(string original, int precision, int scale)
    {
        var type = new ColumnType($"numeric({precision},{scale})", TypeCategory.Numeric, Precision: precision, Scale: scale);
        var transformer = Masks.Transformer("{ noise: { ratio: 0.1 } }", type: type);

        var text = transformer.Apply(original)!;

        Assert.Equal(scale, Decimals(text));
        var value = decimal.Parse(text, CultureInfo.InvariantCulture);
        var before = decimal.Parse(original, CultureInfo.InvariantCulture);
        var tolerance = (Math.Abs(before) * 0.1m) + (scale == 0 ? 1m : 1m / (decimal)Math.Pow(10, scale));
        Assert.InRange(value, before - tolerance, before + tolerance);
    }

    [Theory]
    [InlineData("1234.567", 3)]
    [InlineData("10", 0)]
    [InlineData("0.5", 1)]
    [InlineData("-3.14159265358979", 14)]
    public void Unconstrained_numeric_keeps_the_scale_of_the_value(string original, int scale)
    {
        var transformer = Masks.Transformer("{ noise: { ratio: 0.2 } }", type: new ColumnType("numeric", TypeCategory.Numeric));

        for (var i = 0; i < 50; i++)
        {
            var value = original + (scale == 0 ? i.ToString(CultureInfo.InvariantCulture) : string.Empty);
            Assert.Equal(scale, Decimals(transformer.Apply(value)!));
        }
    }

    [Fact]
    public void Numeric_stays_within_its_precision()
    {
        var type = new ColumnType("numeric(5,2)", TypeCategory.Numeric, Precision: 5, Scale: 2);
        var transformer = Masks.Transformer("{ noise: { ratio: 0.5 } }", type: type);

        for (var i = 0; i < 200; i++)
        {
            var original = (999.99m - (i * 0.01m)).ToString("F2", CultureInfo.InvariantCulture);
            var value = decimal.Parse(transformer.Apply(original)!, CultureInfo.InvariantCulture);
            Assert.InRange(value, -999.99m, 999.99m);
        }
    }

    [Theory]
    [InlineData("NaN", TypeCategory.Numeric)]
    [InlineData("NaN", TypeCategory.Float)]
    [InlineData("Infinity", TypeCategory.Float)]
    [InlineData("-Infinity", TypeCategory.Float)]
    [InlineData("Infinity", TypeCategory.Numeric)]
    public void NaN_and_infinities_are_unchanged(string original, TypeCategory category)
    {
        Assert.Equal(original, Masks.Transformer("{ noise: { ratio: 0.1 } }", type: new ColumnType("x", category)).Apply(original));
    }

    [Fact]
    public void Floats_move_by_at_most_the_ratio()
    {
        var transformer = Masks.Transformer("{ noise: { ratio: 0.25 } }", type: new ColumnType("double precision", TypeCategory.Float));

        for (var i = 1; i < 2000; i++)
        {
            var original = i * 1.37e10;
            var value = double.Parse(transformer.Apply(original.ToString("R", CultureInfo.InvariantCulture))!, CultureInfo.InvariantCulture);
            Assert.InRange(value, original * 0.75 * (1 - 1e-12), original * 1.25 * (1 + 1e-12));
        }
    }

    [Fact]
    public void Is_deterministic_and_keyed()
    {
        var a = Masks.Transformer("{ noise: { ratio: 0.1 } }", type: Int8);
        var b = Masks.Transformer("{ noise: { ratio: 0.1 } }", type: Int8);
        var other = Masks.Transformer("{ noise: { ratio: 0.1 } }", type: Int8, secret: "other");
        var originals = Enumerable.Range(0, 300).Select(i => (100_000 + (i * 37)).ToString(CultureInfo.InvariantCulture)).ToList();

        Assert.Equal(originals.Select(a.Apply), originals.Select(b.Apply));
        Assert.True(originals.Count(o => a.Apply(o) != other.Apply(o)) > 250);
    }

    [Theory]
    [InlineData(TypeCategory.Text)]
    [InlineData(TypeCategory.Date)]
    [InlineData(TypeCategory.Boolean)]
    public void Fit_check_rejects_columns_that_are_not_numbers(TypeCategory category)
    {
        var problems = new List<string>();

        Masks.Rule("{ noise: { ratio: 0.1 } }").CheckFits(new ColumnFit("t.c", new ColumnType("x", category), null, false, false, 1), problems);

        Assert.Single(problems);
    }

    private static int Decimals(string text)
    {
        Assert.DoesNotContain('E', text.ToUpperInvariant());
        var dot = text.IndexOf('.', StringComparison.Ordinal);
        return dot < 0 ? 0 : text.Length - dot - 1;
    }
}
