using System.Text;

namespace DevDbSeed.Tests.Support;

/// <summary>
/// A straightforward reference of PostgreSQL's COPY text escaping, written from the documentation
/// (<c>\b \f \n \r \t \v \\</c>, <c>\ooo</c> octal, <c>\xhh</c> hex, any other escaped byte stands for itself),
/// independent of the engine's implementation.
/// </summary>
internal static class CopyReference
{
    public static byte[] Unescape(byte[] field)
    {
        var output = new List<byte>(field.Length);
        for (var i = 0; i < field.Length; i++)
        {
            if (field[i] != (byte)'\\' || i == field.Length - 1)
            {
                output.Add(field[i]);
                continue;
            }

            var c = field[++i];
            if (c is >= (byte)'0' and <= (byte)'7')
            {
                var value = c - '0';
                for (var k = 0; k < 2 && i + 1 < field.Length && field[i + 1] is >= (byte)'0' and <= (byte)'7'; k++)
                {
                    value = (value * 8) + (field[++i] - '0');
                }

                output.Add((byte)value);
                continue;
            }

            if (c == (byte)'x' && i + 1 < field.Length && Uri.IsHexDigit((char)field[i + 1]))
            {
                var value = Convert.ToInt32(((char)field[++i]).ToString(), 16);
                if (i + 1 < field.Length && Uri.IsHexDigit((char)field[i + 1]))
                {
                    value = (value * 16) + Convert.ToInt32(((char)field[++i]).ToString(), 16);
                }

                output.Add((byte)value);
                continue;
            }

            output.Add(c switch
            {
                (byte)'b' => (byte)'\b',
                (byte)'f' => (byte)'\f',
                (byte)'n' => (byte)'\n',
                (byte)'r' => (byte)'\r',
                (byte)'t' => (byte)'\t',
                (byte)'v' => (byte)'\v',
                _ => c,
            });
        }

        return [.. output];
    }

    public static byte[] Escape(byte[] value)
    {
        var output = new List<byte>(value.Length);
        foreach (var b in value)
        {
            switch (b)
            {
                case (byte)'\\':
                    output.AddRange("\\\\"u8.ToArray());
                    break;
                case (byte)'\n':
                    output.AddRange("\\n"u8.ToArray());
                    break;
                case (byte)'\r':
                    output.AddRange("\\r"u8.ToArray());
                    break;
                case (byte)'\t':
                    output.AddRange("\\t"u8.ToArray());
                    break;
                default:
                    output.Add(b);
                    break;
            }
        }

        return [.. output];
    }

    public static byte[] Escape(string value) => Escape(Encoding.UTF8.GetBytes(value));

    /// <summary>Feeds <paramref name="input"/> to <paramref name="maskRows"/> in chunks of <paramref name="chunkSize"/>, as a stream reader would.</summary>
    public static byte[] InChunks(byte[] input, int chunkSize, Func<byte[], DevDbSeed.Masking.Utf8Builder, int> maskRows)
    {
        var output = new DevDbSeed.Masking.Utf8Builder();
        var pending = new List<byte>();
        for (var offset = 0; offset < input.Length; offset += chunkSize)
        {
            pending.AddRange(input.AsSpan(offset, Math.Min(chunkSize, input.Length - offset)));
            var buffer = pending.ToArray();
            var consumed = maskRows(buffer, output);
            pending.RemoveRange(0, consumed);
        }

        Assert.Empty(pending);
        return output.Written.ToArray();
    }
}
