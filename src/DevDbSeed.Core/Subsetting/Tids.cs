using System.Globalization;

namespace DevDbSeed.Subsetting;

/// <summary>
/// Row addresses (<c>ctid</c>: heap block and line pointer) as one <see cref="long"/> each, in the order PostgreSQL sorts
/// them. Within the run's one snapshot a row's address does not change, so a subset is a set of addresses per table.
/// </summary>
public static class Tids
{
    public static long Encode(uint block, ushort offset) => ((long)block << 16) | offset;

    public static uint Block(long tid) => (uint)(tid >> 16);

    public static ushort Offset(long tid) => (ushort)(tid & 0xFFFF);

    /// <summary>
    /// The condition selecting <paramref name="tids"/> (sorted) by address, <c>ctid = ANY('{"(0,1)",...}'::tid[])</c>: a
    /// TID scan reading only their blocks. No address: a condition no row meets. Written at once into a string of its
    /// length: a subset's slice names up to a hundred thousand rows.
    /// </summary>
    public static string Condition(string column, ReadOnlyMemory<long> tids)
    {
        if (tids.IsEmpty)
        {
            return "false";
        }

        const string open = " = ANY('", close = "'::tid[])";
        return string.Create(column.Length + open.Length + LiteralLength(tids.Span) + close.Length, (column, tids), static (text, state) =>
        {
            var at = Write(text, state.column);
            at += Write(text[at..], open);
            at += WriteLiteral(text[at..], state.tids.Span);
            Write(text[at..], close);
        });
    }

    private static int LiteralLength(ReadOnlySpan<long> tids)
    {
        var length = 2 + Math.Max(0, tids.Length - 1); // { } and the commas
        foreach (var tid in tids)
        {
            length += 5 + Digits(Block(tid)) + Digits(Offset(tid)); // "(b,o)"
        }

        return length;
    }

    /// <summary>Writes the text of a <c>tid[]</c> holding <paramref name="tids"/> (<c>{"(0,1)","(0,2)"}</c>); returns its length.</summary>
    private static int WriteLiteral(Span<char> text, ReadOnlySpan<long> tids)
    {
        var at = 0;
        text[at++] = '{';
        for (var i = 0; i < tids.Length; i++)
        {
            if (i > 0)
            {
                text[at++] = ',';
            }

            at += Write(text[at..], "\"(");
            Block(tids[i]).TryFormat(text[at..], out var written, provider: CultureInfo.InvariantCulture);
            at += written;
            text[at++] = ',';
            Offset(tids[i]).TryFormat(text[at..], out written, provider: CultureInfo.InvariantCulture);
            at += written;
            at += Write(text[at..], ")\"");
        }

        text[at++] = '}';
        return at;
    }

    private static int Write(Span<char> text, string value)
    {
        value.CopyTo(text);
        return value.Length;
    }

    private static int Digits(uint value)
    {
        var digits = 1;
        for (; value >= 10; value /= 10)
        {
            digits++;
        }

        return digits;
    }
}
