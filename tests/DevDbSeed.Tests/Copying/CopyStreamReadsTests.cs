using System.Text;
using DevDbSeed.Copying;
using DevDbSeed.Tests.Support;

namespace DevDbSeed.Tests.Copying;

/// <summary>Reads of a COPY stream gather many of the server's one-row messages before the copy looks at them.</summary>
public sealed class CopyStreamReadsTests
{
    [Fact]
    public async Task A_read_gathers_small_reads_until_it_holds_at_least_what_it_gathers()
    {
        var stream = new ChunkedStream(new byte[100_000], 100);
        var buffer = new byte[1 << 17];

        var read = await CopyStreamReads.ReadAsync(stream, buffer, CancellationToken.None);

        Assert.InRange(read, CopyStreamReads.Gather, CopyStreamReads.Gather + 99);
        Assert.Equal((CopyStreamReads.Gather + 99) / 100, stream.Reads);
    }

    [Fact]
    public async Task A_read_returns_what_is_left_at_the_end_of_the_stream_then_nothing()
    {
        var stream = new ChunkedStream(new byte[1000], 64);
        var buffer = new byte[1 << 17];

        Assert.Equal(1000, await CopyStreamReads.ReadAsync(stream, buffer, CancellationToken.None));
        Assert.Equal(0, await CopyStreamReads.ReadAsync(stream, buffer, CancellationToken.None));
    }

    [Fact]
    public async Task A_read_into_less_room_than_it_gathers_fills_the_room()
    {
        var stream = new ChunkedStream(new byte[100_000], 10);

        Assert.Equal(25, await CopyStreamReads.ReadAsync(stream, new byte[25], CancellationToken.None));
    }

    [Fact]
    public async Task The_copy_text_reader_hands_rows_arriving_one_a_read_on_in_runs_of_many()
    {
        var text = string.Concat(Enumerable.Range(1, 5000).Select(i => $"{i}\tperson {i}\n"));
        var reader = new CopyTextReader(new ChunkedStream(Encoding.UTF8.GetBytes(text), 12), 1 << 17);

        var first = await reader.ReadRowsAsync(CancellationToken.None);

        Assert.True(first.Span.Count((byte)'\n') > 1000, "the first run holds many rows");
    }
}
