using DevDbSeed.Subsetting;

namespace DevDbSeed.Tests.Subsetting;

public sealed class TidsTests
{
    [Fact]
    public void An_address_keeps_its_block_and_line_and_sorts_as_PostgreSQL_sorts_them()
    {
        long[] tids = [Tids.Encode(uint.MaxValue, 1), Tids.Encode(0, ushort.MaxValue), Tids.Encode(1, 1), Tids.Encode(0, 2)];

        Assert.Equal(uint.MaxValue, Tids.Block(tids[0]));
        Assert.Equal(ushort.MaxValue, Tids.Offset(tids[1]));
        Assert.Equal([tids[3], tids[1], tids[2], tids[0]], tids.Order());
    }

    [Fact]
    public void The_condition_names_every_address_in_a_tid_array_constant()
    {
        long[] tids = [Tids.Encode(0, 1), Tids.Encode(9, 10), Tids.Encode(uint.MaxValue, ushort.MaxValue)];

        Assert.Equal("""c.ctid = ANY('{"(0,1)","(9,10)","(4294967295,65535)"}'::tid[])""", Tids.Condition("c.ctid", tids));
    }

    [Fact]
    public void No_address_is_a_condition_no_row_meets()
    {
        Assert.Equal("false", Tids.Condition("ctid", Array.Empty<long>()));
    }
}
