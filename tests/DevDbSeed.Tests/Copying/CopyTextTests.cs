using System.Text;
using DevDbSeed.Copying;
using DevDbSeed.Masking;
using DevDbSeed.Tests.Support;

namespace DevDbSeed.Tests.Copying;

public sealed class CopyTextTests
{
    [Theory]
    [InlineData("\\b", "\b")]
    [InlineData("\\f", "\f")]
    [InlineData("\\n", "\n")]
    [InlineData("\\r", "\r")]
    [InlineData("\\t", "\t")]
    [InlineData("\\v", "\v")]
    [InlineData("\\\\", "\\")]
    [InlineData("a\\tb\\nc", "a\tb\nc")]
    [InlineData("\\\\N", "\\N")]
    [InlineData("x\\Ny", "xNy")]
    [InlineData("\\101\\102", "AB")]
    [InlineData("\\1", "\u0001")]
    [InlineData("\\0", "\0")]
    [InlineData("\\12a", "\na")]
    [InlineData("\\1018", "A8")]
    [InlineData("\\x41", "A")]
    [InlineData("\\x4", "\u0004")]
    [InlineData("\\x4G", "\u0004G")]
    [InlineData("\\x414", "A4")]
    [InlineData("\\xZ", "xZ")]
    [InlineData("\\q", "q")]
    [InlineData("\\\"", "\"")]
    [InlineData("\\.", ".")]
    [InlineData("plain", "plain")]
    [InlineData("", "")]
    [InlineData("Zoë\\tŁ", "Zoë\tŁ")]
    public void Unescape_decodes_every_escape(string field, string expected)
    {
        var output = new Utf8Builder();

        CopyText.Unescape(Encoding.UTF8.GetBytes(field), output);

        Assert.Equal(Encoding.UTF8.GetBytes(expected), output.Written.ToArray());
    }

    [Fact]
    public void Unescape_decodes_octal_and_hex_bytes_of_multibyte_characters()
    {
        var output = new Utf8Builder();

        CopyText.Unescape("\\303\\251-\\xc3\\xA9"u8, output);

        Assert.Equal("é-é", output.ToString());
    }

    [Theory]
    [InlineData("a\tb", "a\\tb")]
    [InlineData("line1\nline2\r\n", "line1\\nline2\\r\\n")]
    [InlineData("back\\slash", "back\\\\slash")]
    [InlineData("\\N", "\\\\N")]
    [InlineData("quote \"'", "quote \"'")]
    [InlineData("Zoë", "Zoë")]
    [InlineData("", "")]
    public void Escape_encodes_what_copy_from_needs(string value, string expected)
    {
        var output = new Utf8Builder();

        CopyText.Escape(Encoding.UTF8.GetBytes(value), output);

        Assert.Equal(expected, output.ToString());
    }

    [Fact]
    public void A_literal_backslash_N_string_never_becomes_null()
    {
        var output = new Utf8Builder();

        CopyText.Escape("\\N"u8, output);

        Assert.False(CopyText.IsNull(output.Written));
        var back = new Utf8Builder();
        CopyText.Unescape(output.Written, back);
        Assert.Equal("\\N", back.ToString());
    }

    [Fact]
    public void Escape_and_unescape_round_trip_random_byte_strings()
    {
        var random = new Random(20240229);
        byte[] interesting = [(byte)'\t', (byte)'\n', (byte)'\r', (byte)'\\', (byte)'"', (byte)'\'', (byte)'N', (byte)'x', (byte)'0', (byte)'7', 0xC3, 0xA9, 0xF0, 0x9F, 0x8E, 0x89, 0, 8, 11, 12];
        var escaped = new Utf8Builder();
        var back = new Utf8Builder();

        for (var n = 0; n < 20_000; n++)
        {
            var value = new byte[random.Next(0, 40)];
            for (var i = 0; i < value.Length; i++)
            {
                value[i] = random.Next(3) == 0 ? (byte)random.Next(256) : interesting[random.Next(interesting.Length)];
            }

            escaped.Clear();
            back.Clear();
            CopyText.Escape(value, escaped);
            CopyText.Unescape(escaped.Written, back);

            Assert.Equal(value, back.Written.ToArray());
            Assert.Equal(CopyReference.Escape(value), escaped.Written.ToArray());
            Assert.True(escaped.Written.IndexOfAny((byte)'\t', (byte)'\n', (byte)'\r') < 0, "an escaped field holds a raw separator");
            Assert.False(CopyText.IsNull(escaped.Written));
        }
    }

    [Fact]
    public void Unescape_agrees_with_the_reference_on_random_escaped_text()
    {
        var random = new Random(7);
        const string alphabet = "\\\\\\btfnrvNx0123456789abcdefABCDEFGqz\"é";
        var output = new Utf8Builder();

        for (var n = 0; n < 20_000; n++)
        {
            var field = Encoding.UTF8.GetBytes(new string([.. Enumerable.Range(0, random.Next(0, 20)).Select(_ => alphabet[random.Next(alphabet.Length)])]));
            output.Clear();

            CopyText.Unescape(field, output);

            Assert.Equal(CopyReference.Unescape(field), output.Written.ToArray());
        }
    }

    [Theory]
    [InlineData("\\N", true)]
    [InlineData("\\\\N", false)]
    [InlineData("N", false)]
    [InlineData("\\n", false)]
    [InlineData("", false)]
    [InlineData("\\N ", false)]
    [InlineData("NULL", false)]
    public void IsNull_recognises_only_the_null_marker(string field, bool expected)
    {
        Assert.Equal(expected, CopyText.IsNull(Encoding.UTF8.GetBytes(field)));
    }
}
