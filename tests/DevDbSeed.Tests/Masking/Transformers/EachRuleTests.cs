using DevDbSeed.Catalog;
using DevDbSeed.Masking;
using DevDbSeed.Tests.Support;

namespace DevDbSeed.Tests.Masking.Transformers;

public sealed class EachRuleTests
{
    private static readonly ColumnType TextArray = new("text[]", TypeCategory.Array, Element: ColumnType.Text);

    [Fact]
    public void Masks_every_element_and_keeps_null_and_empty_elements()
    {
        var masked = Masks.Transformer("{ each: { hash: {} } }", type: TextArray).Apply("{a,\"b c\",NULL,\"\"}");

        Assert.Equal($"{{{Hash("a")},{Hash("b c")},NULL,\"\"}}", masked);
    }

    [Fact]
    public void Masks_nested_arrays_keeping_their_shape()
    {
        var masked = Masks.Transformer("{ each: { hash: {} } }", type: TextArray).Apply("{{a,b},{c,d}}");

        Assert.Equal($"{{{{{Hash("a")},{Hash("b")}}},{{{Hash("c")},{Hash("d")}}}}}", masked);
    }

    [Fact]
    public void Keeps_explicit_bounds()
    {
        var masked = Masks.Transformer("{ each: { set: x } }", type: TextArray).Apply("[0:1]={a,b}");

        Assert.Equal("[0:1]={x,x}", masked);
    }

    [Fact]
    public void Elements_are_masked_like_the_same_rule_on_a_column()
    {
        var originals = new[] { "jane@corp.example", "john@corp.example", "a \"quoted\" one", "back\\slash", "Zoë" };
        var literal = "{" + string.Join(",", originals.Select(o => "\"" + o.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"")) + "}";

        var masked = Masks.Transformer("{ each: internet.email }", type: TextArray).Apply(literal)!;

        Assert.Equal(originals.Select(o => Masks.Transformer("internet.email").Apply(o)), ArrayLiteral.Elements(masked));
    }

    [Theory]
    [InlineData("x y", "{\"x y\",\"x y\"}")]
    [InlineData("NULL", "{\"NULL\",\"NULL\"}")]
    [InlineData("null", "{\"null\",\"null\"}")]
    [InlineData("", "{\"\",\"\"}")]
    [InlineData("a\"b\\c", "{\"a\\\"b\\\\c\",\"a\\\"b\\\\c\"}")]
    [InlineData("{x}", "{\"{x}\",\"{x}\"}")]
    [InlineData("a,b", "{\"a,b\",\"a,b\"}")]
    [InlineData("tab\there", "{\"tab\there\",\"tab\there\"}")]
    public void Elements_that_need_quotes_after_masking_are_quoted(string constant, string expected)
    {
        var yaml = $"{{ each: {{ set: \"{constant.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal).Replace("\t", "\\t", StringComparison.Ordinal)}\" }} }}";

        var masked = Masks.Transformer(yaml, type: TextArray).Apply("{a,b}")!;

        Assert.Equal(expected, masked);
        Assert.Equal([constant, constant], ArrayLiteral.Elements(masked));
    }

    [Fact]
    public void Fakes_with_spaces_come_out_quoted_and_readable()
    {
        var masked = Masks.Transformer("{ each: name.fullName }", type: TextArray).Apply("{ann,bob,NULL,cy}")!;

        var elements = ArrayLiteral.Elements(masked);
        Assert.Equal(4, elements.Count);
        Assert.Null(elements[2]);
        Assert.All(elements.Where(e => e is not null), e => Assert.Contains(' ', e!));
    }

    [Fact]
    public void A_quoted_NULL_is_a_string_and_is_masked()
    {
        var masked = Masks.Transformer("{ each: { hash: {} } }", type: TextArray).Apply("{NULL,\"NULL\"}");

        Assert.Equal($"{{NULL,{Hash("NULL")}}}", masked);
    }

    [Fact]
    public void Null_rule_turns_every_element_into_null()
    {
        Assert.Equal("{NULL,NULL,NULL}", Masks.Transformer("{ each: null }", type: TextArray).Apply("{a,\"b c\",NULL}"));
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("{{},{}}")]
    public void Empty_arrays_stay_empty(string literal)
    {
        Assert.Equal(literal, Masks.Transformer("{ each: internet.email }", type: TextArray).Apply(literal));
    }

    [Fact]
    public void Elements_of_integer_arrays_get_integer_noise()
    {
        var intArray = new ColumnType("integer[]", TypeCategory.Array, Element: new ColumnType("integer", TypeCategory.Integer, Precision: 4));

        var masked = Masks.Transformer("{ each: { noise: { ratio: 0.1 } } }", type: intArray).Apply("{1000,2000,NULL,-3000}")!;

        var values = ArrayLiteral.Elements(masked);
        Assert.Null(values[2]);
        Assert.All(values.Where(v => v is not null), v => Assert.Matches("^-?[0-9]+$", v));
        Assert.InRange(int.Parse(values[3]!, System.Globalization.CultureInfo.InvariantCulture), -3300, -2700);
    }

    [Fact]
    public void A_value_that_is_not_an_array_is_invalid_data()
    {
        Assert.Throws<InvalidDataException>(() => Masks.Transformer("{ each: internet.email }", type: TextArray).Apply("plain text"));
    }

    [Fact]
    public void Fit_check_rejects_columns_that_are_not_arrays_and_checks_the_element_type()
    {
        var problems = new List<string>();
        var dateArray = new ColumnType("date[]", TypeCategory.Array, Element: new ColumnType("date", TypeCategory.Date));

        Masks.Rule("{ each: internet.email }").CheckFits(new ColumnFit("t.text", ColumnType.Text, null, false, false, 1), problems);
        Masks.Rule("{ each: { noise: { ratio: 0.1 } } }").CheckFits(new ColumnFit("t.dates", dateArray, null, false, false, 1), problems);
        Masks.Rule("{ each: { shift: { days: 1 } } }").CheckFits(new ColumnFit("t.dates", dateArray, null, false, false, 1), problems);

        Assert.Equal(2, problems.Count);
    }

    private static string Hash(string value) => Masks.Transformer("{ hash: {} }").Apply(value)!;
}
