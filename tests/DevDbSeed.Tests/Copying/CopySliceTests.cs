using DevDbSeed.Copying;
using DevDbSeed.Planning;
using static DevDbSeed.Tests.Support.Catalogs;

namespace DevDbSeed.Tests.Copying;

public sealed class CopySliceTests
{
    [Fact]
    public void A_whole_table_is_copied_from_the_table_with_its_columns()
    {
        var slice = new CopySlice(Plan(), 0, 1, null, null, 1);

        Assert.Equal("\"public\".\"t\" (a, b)", slice.Source("a, b"));
    }

    [Fact]
    public void A_block_range_is_a_tid_range_query()
    {
        var slice = new CopySlice(Plan(), 1, 3, 100, 200, 1);

        Assert.Equal("(SELECT a FROM ONLY \"public\".\"t\" WHERE ctid >= '(100,0)'::tid AND ctid < '(200,0)'::tid)", slice.Source("a"));
        Assert.Equal("public.t (part 2 of 3)", slice.ToString());
    }

    [Fact]
    public void A_big_table_is_cut_into_block_ranges_that_cover_it_and_the_heaviest_slices_come_first()
    {
        var big = Plan(rows: 4_000_000, mode: CopyMode.Masked);
        var small = Plan("public.small", rows: 10);

        var slices = CopySlicer.Slice([big, small], jobs: 2, serverVersionNumber: 150000);

        var parts = slices.Where(s => s.Table == big).OrderBy(s => s.Index).ToList();
        Assert.True(parts.Count > 1);
        Assert.Null(parts[0].FromBlock);
        Assert.Null(parts[^1].ToBlock);
        Assert.All(parts.Zip(parts.Skip(1)), p => Assert.Equal(p.First.ToBlock, p.Second.FromBlock));
        Assert.Equal(slices.Select(s => s.Weight).OrderDescending(), slices.Select(s => s.Weight));
        Assert.Single(slices, s => s.Table == small);
    }

    [Fact]
    public void Before_postgresql_14_a_table_is_copied_whole()
    {
        var slices = CopySlicer.Slice([Plan(rows: 4_000_000)], jobs: 4, serverVersionNumber: 130000);

        Assert.Single(slices);
    }

    private static TablePlan Plan(string name = "public.t", long rows = 100, CopyMode mode = CopyMode.Passthrough)
    {
        var table = Tbl(name, [Col("a", Int4)], rows: rows);
        return new TablePlan(table, table.Name, mode, [new ColumnPlan(table.Columns[0], ColumnAction.Keep, null, null, null, null)]);
    }
}
