using System.Text;
using DevDbSeed.Copying;
using DevDbSeed.Tests.Support;

namespace DevDbSeed.Tests.Copying;

public sealed class CopyTextReaderTests
{
    [Theory]
    [InlineData(1, 4)]
    [InlineData(3, 4)]
    [InlineData(7, 16)]
    [InlineData(1000, 1 << 16)]
    public async Task Rows_arrive_whole_whatever_the_chunks_and_the_buffer_size(int chunk, int buffer)
    {
        const string text = "1\tjane\n2\ta longer row than the buffer\\tescaped\n3\t\\N\n\n5\tlast\n";

        var rows = await ReadAllAsync(text, chunk, buffer);

        Assert.Equal(["1\tjane", "2\ta longer row than the buffer\\tescaped", "3\t\\N", "", "5\tlast"], rows);
    }

    [Fact]
    public async Task An_empty_stream_has_no_rows()
    {
        Assert.Empty(await ReadAllAsync(string.Empty, 10, 16));
    }

    [Fact]
    public async Task A_stream_that_ends_inside_a_row_is_an_error()
    {
        var error = await Assert.ThrowsAsync<InvalidDataException>(() => ReadAllAsync("1\tjane\n2\tjo", 4, 16));

        Assert.Contains("ended inside a row", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task It_counts_the_bytes_it_read()
    {
        var reader = new CopyTextReader(new MemoryStream(Encoding.UTF8.GetBytes("a\nb\n")));
        while (!(await reader.ReadRowsAsync(CancellationToken.None)).IsEmpty)
        {
        }

        Assert.Equal(4, reader.Bytes);
    }

    [Fact]
    public void Fields_come_in_order_with_their_escapes()
    {
        var fields = new CopyTextFields("a\t\\N\tb\\tc"u8, 3);

        Assert.Equal("a", Encoding.UTF8.GetString(fields.Next()));
        Assert.Equal("\\N", Encoding.UTF8.GetString(fields.Next()));
        Assert.Equal("b\\tc", Encoding.UTF8.GetString(fields.Next()));
    }

    [Fact]
    public void A_row_with_too_few_fields_is_an_error()
    {
        var error = Assert.Throws<InvalidDataException>(() =>
        {
            var fields = new CopyTextFields("a\tb"u8, 3);
            fields.Next();
            fields.Next();
            fields.Next();
        });

        Assert.Contains("2 fields, 3 expected", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_row_with_too_many_fields_is_an_error()
    {
        var error = Assert.Throws<InvalidDataException>(() =>
        {
            var fields = new CopyTextFields("a\tb\tc"u8, 2);
            fields.Next();
            fields.Next();
        });

        Assert.Contains("more than the 2 fields", error.Message, StringComparison.Ordinal);
    }

    private static async Task<List<string>> ReadAllAsync(string text, int chunk, int buffer)
    {
        var reader = new CopyTextReader(new ChunkedStream(Encoding.UTF8.GetBytes(text), chunk), buffer);
        var rows = new List<string>();
        ReadOnlyMemory<byte> run;
        while (!(run = await reader.ReadRowsAsync(CancellationToken.None)).IsEmpty)
        {
            var span = run.Span;
            while (CopyText.NextRow(ref span, out var row))
            {
                rows.Add(Encoding.UTF8.GetString(row));
            }

            Assert.True(span.IsEmpty, "a run holds whole rows only");
        }

        return rows;
    }
}
