using System.Text;
using DevDbSeed.Catalog;
using DevDbSeed.Copying;
using DevDbSeed.Masking;
using DevDbSeed.Tests.Support;

namespace DevDbSeed.Tests.Copying;

public sealed class CopyTextRowMaskerTests
{
    private const string Rows =
        "1\tjane@corp.example\tkept \\\\N literal\t\\N\n" +
        "2\t\\N\ttab\\there\\nnewline \\\\ backslash\tZoë\n" +
        "3\t\t\\\\N\t\n" +
        "4\tjohn@corp.example\t\\x41\\101 octal and hex stay escaped\t\\b\\f\\v\n";

    [Fact]
    public void Kept_fields_pass_byte_for_byte_with_their_escapes()
    {
        var masker = Masker();

        var output = Mask(masker, Rows);

        var inputRows = Rows.Split('\n');
        var outputRows = output.Split('\n');
        Assert.Equal(inputRows.Length, outputRows.Length);
        for (var i = 0; i < inputRows.Length - 1; i++)
        {
            var inFields = inputRows[i].Split('\t');
            var outFields = outputRows[i].Split('\t');
            Assert.Equal(inFields[0], outFields[0]);
            Assert.Equal(inFields[2], outFields[2]);
            Assert.Equal(inFields[3], outFields[3]);
        }

        Assert.Equal(4, masker.Rows);
    }

    [Fact]
    public void Masked_fields_are_masked_and_null_stays_null()
    {
        var output = Mask(Masker(), Rows).Split('\n');

        Assert.Equal(Fake("jane@corp.example"), output[0].Split('\t')[1]);
        Assert.Equal("\\N", output[1].Split('\t')[1]);
        Assert.Equal(string.Empty, output[2].Split('\t')[1]);
        Assert.Equal(Fake("john@corp.example"), output[3].Split('\t')[1]);
    }

    [Fact]
    public void A_table_with_every_column_kept_is_copied_unchanged()
    {
        var masker = new CopyTextRowMasker([null, null, null, null]);

        Assert.Equal(Rows, Mask(masker, Rows));
    }

    [Fact]
    public void Rows_split_across_any_chunk_boundary_give_the_same_output_as_one_chunk()
    {
        var input = Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat(Rows, 5)));
        var whole = Encoding.UTF8.GetBytes(Mask(Masker(), Encoding.UTF8.GetString(input)));

        for (var chunk = 1; chunk <= input.Length + 1; chunk++)
        {
            var masker = Masker();
            var output = CopyReference.InChunks(input, chunk, (buffer, o) => masker.MaskRows(buffer, o));
            Assert.True(whole.AsSpan().SequenceEqual(output), $"chunks of {chunk} bytes gave a different output");
            Assert.Equal(20, masker.Rows);
        }
    }

    [Fact]
    public void A_trailing_partial_row_is_left_unconsumed()
    {
        var masker = Masker();
        var output = new Utf8Builder();
        var input = Encoding.UTF8.GetBytes("1\ta@b.c\tx\ty\n2\tpartial");

        var consumed = masker.MaskRows(input, output);

        Assert.Equal("1\ta@b.c\tx\ty\n".Length, consumed);
        Assert.Equal(1, masker.Rows);
        Assert.EndsWith("\n", output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void An_empty_chunk_consumes_nothing()
    {
        Assert.Equal(0, Masker().MaskRows([], new Utf8Builder()));
    }

    [Theory]
    [InlineData("1\ta@b.c\tx\n")]
    [InlineData("1\n")]
    [InlineData("\n")]
    public void Rows_with_too_few_fields_are_invalid_data(string row)
    {
        var masker = Masker();

        Assert.Throws<InvalidDataException>(() => masker.MaskRows(Encoding.UTF8.GetBytes(row), new Utf8Builder()));
    }

    [Theory]
    [InlineData("1\ta@b.c\tx\ty\tz\n")]
    [InlineData("1\ta@b.c\tx\ty\t\n")]
    public void Rows_with_too_many_fields_are_invalid_data(string row)
    {
        var masker = Masker();

        Assert.Throws<InvalidDataException>(() => masker.MaskRows(Encoding.UTF8.GetBytes(row), new Utf8Builder()));
    }

    [Fact]
    public void A_single_masked_column_table_masks_every_row()
    {
        var masker = new CopyTextRowMasker([new ColumnMasker(Masks.Transformer("{ set: x }"), ColumnType.Text, memoise: true)]);

        Assert.Equal("x\nx\n\\N\nx\n", Mask(masker, "a\n\n\\N\n\\\\N\n"));
    }

    [Fact]
    public void A_table_needs_at_least_one_column()
    {
        Assert.Throws<ArgumentException>(() => new CopyTextRowMasker([]));
    }

    private static CopyTextRowMasker Masker() =>
        new([null, new ColumnMasker(Masks.Transformer("internet.email"), ColumnType.Text, memoise: true), null, null]);

    private static string Fake(string original) => Masks.Transformer("internet.email").Apply(original)!;

    private static string Mask(CopyTextRowMasker masker, string rows)
    {
        var output = new Utf8Builder();
        var input = Encoding.UTF8.GetBytes(rows);
        Assert.Equal(input.Length, masker.MaskRows(input, output));
        return output.ToString();
    }
}
