namespace DevDbSeed.Masking;

/// <summary>
/// PostgreSQL's text form of arrays (<c>{a,"b c",NULL,{d}}</c>): walks the elements of any dimension and
/// rewrites them, quoting exactly where <c>array_out</c> would. Optional bounds (<c>[0:1]=</c>) are kept.
/// </summary>
public static class PostgresArrayText
{
    /// <summary>The non-NULL elements of an array literal, of any dimension, in order; false when it is not one.</summary>
    public static bool TryElements(string text, out IReadOnlyList<string> elements)
    {
        var found = new List<string>();
        elements = found;
        var bytes = System.Text.Encoding.UTF8.GetBytes(text);
        return Rewrite(bytes, new Utf8Builder(bytes.Length), new Utf8Builder(), new Utf8Builder(), (element, _) =>
        {
            found.Add(System.Text.Encoding.UTF8.GetString(element));
            return true;
        });
    }

    /// <summary>The non-NULL elements of an array literal; none when it is not one.</summary>
    public static IReadOnlyList<string> Elements(string text) => TryElements(text, out var elements) ? elements : [];

    /// <summary>
    /// Rewrites every non-NULL element with <paramref name="element"/> (false from it writes NULL).
    /// Returns false when <paramref name="text"/> is not an array literal.
    /// </summary>
    public static bool Rewrite(ReadOnlySpan<byte> text, Utf8Builder output, Utf8Builder scratch, Utf8Builder elementOutput,
        Func<ReadOnlySpan<byte>, Utf8Builder, bool> element)
    {
        var i = 0;
        if (text.Length > 0 && text[0] == (byte)'[')
        {
            var equals = text.IndexOf((byte)'=');
            if (equals < 0)
            {
                return false;
            }

            output.Append(text[..(equals + 1)]);
            i = equals + 1;
        }

        if (i >= text.Length || text[i] != (byte)'{')
        {
            return false;
        }

        while (i < text.Length)
        {
            var b = text[i];
            if (b is (byte)'{' or (byte)'}' or (byte)',' or (byte)' ')
            {
                output.Append(b);
                i++;
                continue;
            }

            scratch.Clear();
            var quoted = b == (byte)'"';
            if (quoted)
            {
                i++;
                while (i < text.Length && text[i] != (byte)'"')
                {
                    if (text[i] == (byte)'\\' && i + 1 < text.Length)
                    {
                        i++;
                    }

                    scratch.Append(text[i]);
                    i++;
                }

                i++; // closing quote
            }
            else
            {
                var end = i;
                while (end < text.Length && text[end] is not ((byte)',' or (byte)'}'))
                {
                    end++;
                }

                scratch.Append(text[i..end]);
                i = end;
            }

            if (!quoted && scratch.Written.SequenceEqual("NULL"u8))
            {
                output.Append("NULL"u8);
                continue;
            }

            elementOutput.Clear();
            if (element(scratch.Written, elementOutput))
            {
                WriteElement(elementOutput.Written, output);
            }
            else
            {
                output.Append("NULL"u8);
            }
        }

        return true;
    }

    /// <summary>Writes one element, quoted and escaped when array_out would quote it.</summary>
    public static void WriteElement(ReadOnlySpan<byte> value, Utf8Builder output)
    {
        if (!NeedsQuotes(value))
        {
            output.Append(value);
            return;
        }

        output.Append((byte)'"');
        foreach (var b in value)
        {
            if (b is (byte)'"' or (byte)'\\')
            {
                output.Append((byte)'\\');
            }

            output.Append(b);
        }

        output.Append((byte)'"');
    }

    private static bool NeedsQuotes(ReadOnlySpan<byte> value)
    {
        if (value.IsEmpty || (value.Length == 4 && System.Text.Ascii.EqualsIgnoreCase(value, "NULL"u8)))
        {
            return true;
        }

        foreach (var b in value)
        {
            if (b is (byte)'{' or (byte)'}' or (byte)',' or (byte)'"' or (byte)'\\' or (byte)' ' or (byte)'\t' or (byte)'\n'
                or (byte)'\r' or (byte)'\v' or (byte)'\f')
            {
                return true;
            }
        }

        return false;
    }
}
