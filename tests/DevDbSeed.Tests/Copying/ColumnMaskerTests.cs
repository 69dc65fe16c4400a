using System.Text;
using DevDbSeed.Catalog;
using DevDbSeed.Copying;
using DevDbSeed.Masking;
using DevDbSeed.Tests.Support;

namespace DevDbSeed.Tests.Copying;

public sealed class ColumnMaskerTests
{
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Null_stays_null(bool memoise)
    {
        var masker = new ColumnMasker(Masks.Transformer("{ set: x }"), ColumnType.Text, memoise);

        Assert.Equal("\\N", Mask(masker, "\\N"));
        Assert.Equal(0, masker.Values);
    }

    [Fact]
    public void The_null_rule_writes_the_null_marker()
    {
        var masker = new ColumnMasker(Masks.Transformer("null"), ColumnType.Text, memoise: true);

        Assert.Equal("\\N", Mask(masker, "anything"));
        Assert.Equal("\\N", Mask(masker, string.Empty));
    }

    [Fact]
    public void Values_are_unescaped_before_masking_and_escaped_after()
    {
        var masker = new ColumnMasker(Masks.Transformer("{ mask: { keep_last: 1 } }"), ColumnType.Text, memoise: true);

        Assert.Equal("**\\t*\\n\\\\*3", Mask(masker, "ab\\tc\\n\\\\\\x643"));
    }

    [Fact]
    public void Masked_output_with_special_characters_is_escaped()
    {
        var masker = new ColumnMasker(Masks.Transformer("{ set: \"a\\tb\\nc\\\\d\\r\" }"), ColumnType.Text, memoise: false);

        Assert.Equal("a\\tb\\nc\\\\d\\r", Mask(masker, "x"));
    }

    [Fact]
    public void A_masked_literal_backslash_N_is_not_null()
    {
        var masker = new ColumnMasker(Masks.Transformer("{ set: \"\\\\N\" }"), ColumnType.Text, memoise: false);

        Assert.Equal("\\\\N", Mask(masker, "x"));
    }

    [Fact]
    public void The_literal_backslash_N_string_is_a_value_not_null()
    {
        var masker = new ColumnMasker(Masks.Transformer("{ hash: {} }"), ColumnType.Text, memoise: true);

        var masked = Mask(masker, "\\\\N");

        Assert.NotEqual("\\N", masked);
        Assert.Equal(Masks.Transformer("{ hash: {} }").Apply("\\N"), masked);
        Assert.Equal(1, masker.Values);
    }

    [Fact]
    public void Empty_string_is_a_value_distinct_from_null()
    {
        var masker = new ColumnMasker(Masks.Transformer("{ set: filled }"), ColumnType.Text, memoise: true);

        Assert.Equal("filled", Mask(masker, string.Empty));
    }

    [Fact]
    public void Bpchar_padding_is_trimmed_before_masking()
    {
        var fixedChar = new ColumnType("character(10)", TypeCategory.FixedChar, MaxLength: 10);
        var padded = new ColumnMasker(Masks.Transformer("{ hash: {} }", type: fixedChar), fixedChar, memoise: true);
        var fake = new ColumnMasker(Masks.Transformer("name.firstName", type: fixedChar), fixedChar, memoise: false);

        Assert.Equal(Masks.Transformer("{ hash: {} }").Apply("AB12"), Mask(padded, "AB12      "));
        Assert.Equal(Masks.Transformer("name.firstName").Apply("Jane"), Mask(fake, "Jane      "));
        Assert.Equal(Mask(fake, "Jane"), Mask(fake, "Jane      "));
    }

    [Fact]
    public void Text_keeps_trailing_spaces_as_part_of_the_value()
    {
        var masker = new ColumnMasker(Masks.Transformer("{ mask: {} }"), ColumnType.Text, memoise: false);

        Assert.Equal("** ", Mask(masker, "ab "));
    }

    [Fact]
    public void Memoised_and_plain_maskers_agree_on_repeated_values()
    {
        var memo = new ColumnMasker(Masks.Transformer("name.firstName"), ColumnType.Text, memoise: true);
        var plain = new ColumnMasker(Masks.Transformer("name.firstName"), ColumnType.Text, memoise: false);
        var values = Enumerable.Range(0, 5000).Select(i => $"name{i % 37}").ToList();

        Assert.Equal(values.Select(v => Mask(plain, v)), values.Select(v => Mask(memo, v)));
        Assert.True(memo.MemoHits > 4000, $"the memo answered only {memo.MemoHits} of 5000");
        Assert.Equal(5000, memo.Values);
    }

    private static string Mask(ColumnMasker masker, string field)
    {
        var output = new Utf8Builder();
        masker.Mask(Encoding.UTF8.GetBytes(field), output);
        return output.ToString();
    }
}
