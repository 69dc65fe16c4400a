using System.Globalization;
using System.Text;

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
    /// TID scan reading only their blocks. No address: a condition no row meets.
    /// </summary>
    public static string Condition(string column, ReadOnlySpan<long> tids) =>
        tids.IsEmpty ? "false" : $"{column} = ANY('{ArrayLiteral(tids)}'::tid[])";

    /// <summary>The text of a <c>tid[]</c> holding <paramref name="tids"/>: <c>{"(0,1)","(0,2)"}</c>.</summary>
    public static string ArrayLiteral(ReadOnlySpan<long> tids)
    {
        var text = new StringBuilder(tids.Length * 14 + 2).Append('{');
        for (var i = 0; i < tids.Length; i++)
        {
            if (i > 0)
            {
                text.Append(',');
            }

            text.Append(CultureInfo.InvariantCulture, $"\"({Block(tids[i])},{Offset(tids[i])})\"");
        }

        return text.Append('}').ToString();
    }
}
