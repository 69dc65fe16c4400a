using DevDbSeed.Catalog;
using DevDbSeed.Masking;
using DevDbSeed.Tests.Support;

namespace DevDbSeed.Tests.Masking.Transformers;

public sealed class MaskRuleTests
{
    [Theory]
    [InlineData("{ mask: { keep_last: 2, with: \"#\" } }", "+1 (555) 123-4567", "+# (###) ###-##67")]
    [InlineData("{ mask: { keep_first: 3, with: \"#\" } }", "+1 (555) 123-4567", "+1 (55#) ###-####")]
    [InlineData("{ mask: { keep_first: 1, keep_last: 1 } }", "jane.doe@example.com", "j***.***@*******.**m")]
    [InlineData("{ mask: {} }", "4111 1111 1111 1111", "**** **** **** ****")]
    [InlineData("{ mask: { keep_last: 4 } }", "4111-1111-1111-1234", "****-****-****-1234")]
    [InlineData("{ mask: { keep_last: 50 } }", "AB-12", "AB-12")]
    [InlineData("{ mask: { keep_first: 2, keep_last: 2 } }", "abc", "abc")]
    [InlineData("{ mask: {} }", "  --  ", "  --  ")]
    [InlineData("{ mask: {} }", "", "")]
    public void Masks_letters_and_digits_and_keeps_punctuation_and_spaces(string rule, string original, string expected)
    {
        Assert.Equal(expected, Masks.Transformer(rule).Apply(original));
    }

    [Theory]
    [InlineData("{ mask: { keep_first: 1 } }", "Zoë Łukasz", "Z** ******")]
    [InlineData("{ mask: { keep_last: 1, with: \"•\" } }", "Ñandú 42", "••••• •2")]
    [InlineData("{ mask: { keep_first: 1, with: \"x\" } }", "Москва-3", "Мxxxxx-x")]
    [InlineData("{ mask: { keep_last: 1 } }", "東京 👍 ab", "** 👍 *b")]
    [InlineData("{ mask: { with: \"😀\" } }", "a-1", "😀-😀")]
    public void Masks_non_ascii_letters_by_character(string rule, string original, string expected)
    {
        Assert.Equal(expected, Masks.Transformer(rule).Apply(original));
    }

    [Fact]
    public void Keep_counts_only_letters_and_digits()
    {
        Assert.Equal("(12*) ***-*789", Masks.Transformer("{ mask: { keep_first: 2, keep_last: 3 } }").Apply("(123) 456-6789"));
    }

    [Fact]
    public void Is_the_same_whatever_the_secret()
    {
        var a = Masks.Transformer("{ mask: { keep_last: 2 } }", secret: "one");
        var b = Masks.Transformer("{ mask: { keep_last: 2 } }", secret: "two");

        Assert.Equal(a.Apply("555-1234"), b.Apply("555-1234"));
    }

    [Fact]
    public void Fit_check_rejects_unique_and_non_text_columns()
    {
        var rule = Masks.Rule("{ mask: {} }");
        var problems = new List<string>();

        rule.CheckFits(new ColumnFit("t.unique_text", ColumnType.Text, null, false, true, 10), problems);
        rule.CheckFits(new ColumnFit("t.number", new ColumnType("integer", TypeCategory.Integer, Precision: 4), null, false, false, 10), problems);
        rule.CheckFits(new ColumnFit("t.text", ColumnType.Text, null, false, false, 10), problems);

        Assert.Equal(2, problems.Count);
        Assert.Contains(problems, p => p.StartsWith("t.unique_text", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("t.number", StringComparison.Ordinal));
    }
}
