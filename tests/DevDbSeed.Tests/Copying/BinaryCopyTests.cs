using System.Buffers.Binary;
using System.Text;
using DevDbSeed.Catalog;
using DevDbSeed.Copying;
using DevDbSeed.Masking;
using DevDbSeed.Tests.Support;

namespace DevDbSeed.Tests.Copying;

public sealed class BinaryCopyTests
{
    private static readonly ColumnType Jsonb = new("jsonb", TypeCategory.Jsonb, BinaryIsText: true);
    private static readonly byte[][] Rows =
    [
        Row(Int(1), Text("jane@corp.example"), Text("kept\t\\N literal\n"), Jsonb1("{\"a\": \"b\"}")),
        Row(Int(2), null, Text(string.Empty), null),
        Row(Int(3), Text("Zoë\\tab\t山田"), Text(new string('x', 70_000)), Jsonb1("[]")),
        Row(Int(4), Text(string.Empty), null, Jsonb1("\"\\\\N\"")),
    ];

    [Fact]
    public void The_reader_returns_every_row_whole_however_the_stream_is_cut()
    {
        var stream = Stream(Rows, extension: [9, 9, 9]);

        foreach (var read in new[] { 1, 2, 3, 7, 19, 64, 1000, stream.Length })
        {
            var rows = ReadAll(new BinaryCopyReader(new ChunkedStream(stream, read), bufferSize: 16));

            Assert.Equal(Rows.SelectMany(r => r), rows);
        }
    }

    [Fact]
    public void A_stream_that_ends_before_its_trailer_is_invalid_data()
    {
        var stream = Stream(Rows);

        Assert.Throws<InvalidDataException>(() => ReadAll(new BinaryCopyReader(new MemoryStream(stream[..^5]))));
        Assert.Throws<InvalidDataException>(() => ReadAll(new BinaryCopyReader(new MemoryStream(stream[..^2]))));
    }

    [Fact]
    public void A_stream_without_the_signature_is_invalid_data()
    {
        var stream = Stream(Rows);
        stream[7] = 0x00;

        Assert.Throws<InvalidDataException>(() => ReadAll(new BinaryCopyReader(new MemoryStream(stream))));
    }

    [Fact]
    public void Kept_fields_pass_byte_for_byte_and_null_stays_null()
    {
        var output = Mask(Masker(), Rows.SelectMany(r => r).ToArray());

        var rows = Fields(output, 4);
        for (var i = 0; i < Rows.Length; i++)
        {
            var input = Fields(Rows[i], 4)[0];
            Assert.Equal(input[0], rows[i][0]);
            Assert.Equal(input[2], rows[i][2]);
        }

        Assert.Null(rows[1][1]);
        Assert.Null(rows[1][3]);
    }

    [Fact]
    public void Masked_fields_hold_what_the_rule_makes_of_each_plain_value_and_jsonb_keeps_its_version_byte()
    {
        var rows = Fields(Mask(Masker(), Rows.SelectMany(r => r).ToArray()), 4);

        Assert.Equal(Fake("jane@corp.example"), Encoding.UTF8.GetString(rows[0][1]!));
        Assert.Equal(Fake("Zoë\\tab\t山田"), Encoding.UTF8.GetString(rows[2][1]!));
        Assert.Equal(Fake(string.Empty), Encoding.UTF8.GetString(rows[3][1]!));
        Assert.Equal(1, rows[0][3]![0]);
        Assert.Equal("{\"a\": \"x\"}", Encoding.UTF8.GetString(rows[0][3]![1..]));
        Assert.Equal("[]", Encoding.UTF8.GetString(rows[2][3]![1..]));
    }

    [Fact]
    public void Rows_split_across_any_chunk_boundary_give_the_same_output_as_one_chunk()
    {
        var input = Enumerable.Repeat(Rows.Take(2).Concat(Rows.Skip(3)), 3).SelectMany(r => r).SelectMany(r => r).ToArray();
        var whole = Mask(Masker(), input);

        for (var chunk = 1; chunk <= input.Length + 1; chunk += 3)
        {
            var masker = Masker();
            var output = CopyReference.InChunks(input, chunk, (buffer, o) => masker.MaskRows(buffer, o));
            Assert.True(whole.AsSpan().SequenceEqual(output), $"chunks of {chunk} bytes gave a different output");
            Assert.Equal(9, masker.Rows);
        }
    }

    [Fact]
    public void A_row_with_another_number_of_fields_is_invalid_data()
    {
        Assert.Throws<InvalidDataException>(() => Mask(Masker(), Row(Int(1), null, null)));
    }

    [Fact]
    public void A_jsonb_value_of_an_unknown_version_is_invalid_data()
    {
        var row = Row(Int(1), null, null, [2, .. "{}"u8]);

        Assert.Throws<InvalidDataException>(() => Mask(Masker(), row));
    }

    [Theory]
    [InlineData("plain@example.org", true)]
    [InlineData("tab\there \\ back\nslash\r", true)]
    [InlineData("\\N", false)]
    [InlineData("", true)]
    [InlineData("Zoë 山田", false)]
    public void A_value_masked_plain_or_as_copy_text_writes_the_same_value_and_leaves_the_same_fingerprint(string value, bool memoise)
    {
        using var prints = new ColumnFingerprints();
        var rule = "{ mask: { keep_last: 2 } }";
        var text = new ColumnMasker(Masks.Transformer(rule), ColumnType.Text, memoise, prints);
        var plain = new ColumnMasker(Masks.Transformer(rule), ColumnType.Text, memoise, prints);
        var escaped = new Utf8Builder();
        CopyText.Escape(Encoding.UTF8.GetBytes(value), escaped);

        for (var repeat = 0; repeat < 2; repeat++) // the second time from the memo
        {
            var written = new Utf8Builder();
            text.Mask(escaped.Written, written);
            Assert.True(plain.MaskValue(Encoding.UTF8.GetBytes(value), out var masked));
            var unescaped = new Utf8Builder();
            CopyText.Unescape(written.Written, unescaped);
            Assert.Equal(unescaped.ToString(), Encoding.UTF8.GetString(masked));
        }

        text.Complete();
        plain.Complete();
        Assert.Equal(4, prints.Count);
        Assert.True(prints.MayHoldDuplicates());
    }

    [Fact]
    public void A_rule_making_a_value_null_makes_it_null_in_binary_too()
    {
        var masker = new ColumnMasker(Masks.Transformer("null"), ColumnType.Text, memoise: true);

        Assert.False(masker.MaskValue("anything"u8, out _));
        Assert.False(masker.MaskValue("anything"u8, out _));
    }

    [Theory]
    [InlineData("2000-01-01", 0)]
    [InlineData("1970-01-01", -10_957)]
    [InlineData("2024-02-29", 8_825)]
    [InlineData("2021-03-04 12:34:56.5+01", 7_733)]
    [InlineData("0001-01-01 BC", -730_485)]
    [InlineData("0001-02-29 BC", -730_426)]
    [InlineData("2000-02-29", 59)]
    [InlineData("infinity", int.MaxValue)]
    [InlineData("-infinity", int.MinValue)]
    public void A_date_is_written_as_days_since_2000(string text, int days)
    {
        var output = new Utf8Builder();

        Assert.True(BinaryValues.TryWriteDate(Encoding.UTF8.GetBytes(text), output));

        Assert.Equal(4, BinaryPrimitives.ReadInt32BigEndian(output.Written));
        Assert.Equal(days, BinaryPrimitives.ReadInt32BigEndian(output.Written[4..]));
    }

    [Theory]
    [InlineData("2023-02-29")]
    [InlineData("1900-02-29")]
    [InlineData("0002-02-29 BC")]
    [InlineData("2023-04-31")]
    [InlineData("2023-13-01")]
    [InlineData("2023-01-011")]
    [InlineData("today")]
    [InlineData("01/02/2023")]
    [InlineData("")]
    public void Text_that_is_not_an_iso_date_is_refused(string text)
    {
        var output = new Utf8Builder();

        Assert.False(BinaryValues.TryWriteDate(Encoding.UTF8.GetBytes(text), output));
        Assert.Equal(0, output.Length);
    }

    [Theory]
    [InlineData("192.168.1.5", "02-20-00-04-C0-A8-01-05")]
    [InlineData("10.0.0.1/8", "02-08-00-04-0A-00-00-01")]
    [InlineData("::1", "03-80-00-10-00-00-00-00-00-00-00-00-00-00-00-00-00-00-00-01")]
    [InlineData("2001:db8::ff00:42:8329/64", "03-40-00-10-20-01-0D-B8-00-00-00-00-00-00-FF-00-00-42-83-29")]
    public void An_address_is_written_as_inet_recv_reads_it(string text, string bytes)
    {
        var output = new Utf8Builder();

        Assert.True(BinaryValues.TryWriteInet(Encoding.UTF8.GetBytes(text), output));

        Assert.Equal(output.Length - 4, BinaryPrimitives.ReadInt32BigEndian(output.Written));
        Assert.Equal(bytes, BitConverter.ToString(output.Written[4..].ToArray()));
    }

    [Theory]
    [InlineData("10.1")]
    [InlineData("167772161")]
    [InlineData("1.2.3.4/33")]
    [InlineData("fe80::1%eth0")]
    [InlineData("1.2.3.4/")]
    [InlineData("not an address")]
    public void Text_that_is_not_an_inet_is_refused(string text)
    {
        var output = new Utf8Builder();

        Assert.False(BinaryValues.TryWriteInet(Encoding.UTF8.GetBytes(text), output));
        Assert.Equal(0, output.Length);
    }

    [Fact]
    public void A_masked_value_its_binary_form_cannot_take_is_invalid_data_naming_the_column()
    {
        var masker = new BinaryCopyRowMasker([new ColumnMasker(Masks.Transformer("{ set: tomorrow }"), ColumnType.Text, memoise: true)],
            [BinaryField.Date], ["public.users.born"]);

        var error = Assert.Throws<InvalidDataException>(() => masker.MaskRows(Row(Text("2020-01-01")), new Utf8Builder()));

        Assert.Contains("public.users.born", error.Message, StringComparison.Ordinal);
    }

    private static BinaryCopyRowMasker Masker() => new(
        [null, new ColumnMasker(Masks.Transformer("internet.email"), ColumnType.Text, memoise: true), null,
            new ColumnMasker(Masks.Transformer("{ json: { a: { set: x } } }"), Jsonb, memoise: true)],
        [default, BinaryField.Text, default, BinaryField.Jsonb], ["id", "email", "note", "doc"]);

    private static string Fake(string original) => Masks.Transformer("internet.email").Apply(original)!;

    private static byte[] Mask(BinaryCopyRowMasker masker, byte[] rows)
    {
        var output = new Utf8Builder();
        Assert.Equal(rows.Length, masker.MaskRows(rows, output));
        return output.Written.ToArray();
    }

    private static List<byte[]?[]> Fields(byte[] rows, int count)
    {
        var result = new List<byte[]?[]>();
        ReadOnlySpan<byte> rest = rows;
        while (!rest.IsEmpty)
        {
            Assert.Equal(count, BinaryCopy.FieldCount(ref rest));
            var fields = new byte[]?[count];
            for (var i = 0; i < count; i++)
            {
                fields[i] = BinaryCopy.NextField(ref rest, out var value) ? value.ToArray() : null;
            }

            result.Add(fields);
        }

        return result;
    }

    private static byte[] ReadAll(BinaryCopyReader reader)
    {
        var rows = new List<byte>();
        ReadOnlyMemory<byte> chunk;
        while (!(chunk = reader.ReadRowsAsync(CancellationToken.None).AsTask().GetAwaiter().GetResult()).IsEmpty)
        {
            Assert.Equal(chunk.Length, BinaryCopy.WholeRows(chunk.Span, out _));
            rows.AddRange(chunk.ToArray());
        }

        return [.. rows];
    }

    private static byte[] Stream(byte[][] rows, byte[]? extension = null)
    {
        var header = new Utf8Builder();
        header.Append(BinaryCopy.Signature);
        header.AppendSpan(4).Clear();
        BinaryPrimitives.WriteInt32BigEndian(header.AppendSpan(4), extension?.Length ?? 0);
        header.Append(extension ?? []);
        var trailer = new Utf8Builder();
        BinaryCopy.WriteTrailer(trailer);
        return [.. header.Written, .. rows.SelectMany(r => r), .. trailer.Written];
    }

    private static byte[] Row(params byte[]?[] fields)
    {
        var row = new Utf8Builder();
        BinaryCopy.WriteFieldCount(fields.Length, row);
        foreach (var field in fields)
        {
            if (field is null)
            {
                BinaryCopy.WriteNull(row);
            }
            else
            {
                BinaryCopy.WriteField([], field, row);
            }
        }

        return row.Written.ToArray();
    }

    private static byte[] Int(int value)
    {
        var bytes = new byte[4];
        BinaryPrimitives.WriteInt32BigEndian(bytes, value);
        return bytes;
    }

    private static byte[] Text(string value) => Encoding.UTF8.GetBytes(value);

    private static byte[] Jsonb1(string json) => [1, .. Encoding.UTF8.GetBytes(json)];
}
