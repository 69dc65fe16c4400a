using System.Buffers.Binary;
using DevDbSeed.Copying;

namespace DevDbSeed.Tests.Copying;

public sealed class BinaryCopyRowCounterTests
{
    [Fact]
    public void Counts_the_rows_of_a_stream_fed_in_chunks_of_every_size()
    {
        var stream = BinaryCopy(rows: 40, extension: [], seed: 1);

        for (var chunk = 1; chunk <= stream.Length + 1; chunk++)
        {
            var counter = new BinaryCopyRowCounter();
            for (var offset = 0; offset < stream.Length; offset += chunk)
            {
                counter.Consume(stream.AsSpan(offset, Math.Min(chunk, stream.Length - offset)));
            }

            Assert.True(counter.Rows == 40, $"chunks of {chunk} bytes counted {counter.Rows} rows");
        }
    }

    [Fact]
    public void Skips_a_header_extension_area()
    {
        var stream = BinaryCopy(rows: 7, extension: [0xFF, 0xFF, 0xFF, 0xFF, 0, 1], seed: 2);

        for (var chunk = 1; chunk <= 16; chunk++)
        {
            var counter = new BinaryCopyRowCounter();
            for (var offset = 0; offset < stream.Length; offset += chunk)
            {
                counter.Consume(stream.AsSpan(offset, Math.Min(chunk, stream.Length - offset)));
            }

            Assert.Equal(7, counter.Rows);
        }
    }

    [Fact]
    public void Counts_zero_rows_of_an_empty_table()
    {
        var counter = new BinaryCopyRowCounter();

        counter.Consume(BinaryCopy(rows: 0, extension: [], seed: 3));

        Assert.Equal(0, counter.Rows);
    }

    [Fact]
    public void Stops_at_the_trailer()
    {
        var stream = BinaryCopy(rows: 3, extension: [], seed: 4);
        var counter = new BinaryCopyRowCounter();

        counter.Consume(stream);
        counter.Consume(new byte[] { 0, 2, 0, 0, 0, 0, 0, 0, 0, 0 });

        Assert.Equal(3, counter.Rows);
    }

    [Fact]
    public void Counts_rows_seen_so_far_in_a_partial_stream()
    {
        var stream = BinaryCopy(rows: 10, extension: [], seed: 5);
        var counter = new BinaryCopyRowCounter();

        counter.Consume(stream.AsSpan(0, stream.Length / 2));

        Assert.InRange(counter.Rows, 1, 9);
    }

    /// <summary>
    /// A binary COPY stream as PostgreSQL writes it: signature, flags, header extension, then per row a 16-bit field
    /// count and each field as a 32-bit length (-1 for NULL) and its bytes; a -1 field count ends it. Field bytes are
    /// chosen to look like framing (0xFF, zero lengths) so a counter that loses its place miscounts.
    /// </summary>
    private static byte[] BinaryCopy(int rows, byte[] extension, int seed)
    {
        var random = new Random(seed);
        var output = new List<byte>();
        output.AddRange([(byte)'P', (byte)'G', (byte)'C', (byte)'O', (byte)'P', (byte)'Y', (byte)'\n', 0xFF, (byte)'\r', (byte)'\n', 0]);
        Int32(output, 0);
        Int32(output, extension.Length);
        output.AddRange(extension);
        for (var r = 0; r < rows; r++)
        {
            var fields = (short)random.Next(1, 6);
            Int16(output, fields);
            for (var f = 0; f < fields; f++)
            {
                switch (random.Next(5))
                {
                    case 0:
                        Int32(output, -1);
                        break;
                    case 1:
                        Int32(output, 0);
                        break;
                    default:
                        var length = random.Next(1, 300);
                        Int32(output, length);
                        output.AddRange(Enumerable.Range(0, length).Select(_ => random.Next(3) == 0 ? (byte)0xFF : (byte)random.Next(256)));
                        break;
                }
            }
        }

        Int16(output, -1);
        return [.. output];
    }

    private static void Int16(List<byte> output, short value)
    {
        var bytes = new byte[2];
        BinaryPrimitives.WriteInt16BigEndian(bytes, value);
        output.AddRange(bytes);
    }

    private static void Int32(List<byte> output, int value)
    {
        var bytes = new byte[4];
        BinaryPrimitives.WriteInt32BigEndian(bytes, value);
        output.AddRange(bytes);
    }
}
