using DevDbSeed.Copying;
using DevDbSeed.Planning;
using DevDbSeed.Subsetting;
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
    public void The_copy_statement_reads_the_source_to_stdout_with_its_options()
    {
        Assert.Equal("COPY \"public\".\"t\" (a, b) TO STDOUT (FORMAT binary)", new CopySlice(Plan(), 0, 1, null, null, 1).CopyOut("a, b", " (FORMAT binary)"));
        Assert.Equal("COPY (SELECT a FROM ONLY \"public\".\"t\" WHERE ctid >= '(100,0)'::tid) TO STDOUT", new CopySlice(Plan(), 1, 2, 100, null, 1).CopyOut("a"));
    }

    [Fact]
    public void A_subset_slice_chosen_by_key_reads_the_rows_holding_its_keys()
    {
        var keys = new SubsetKeys(["a"], ["integer"], [["1"], ["2"]], rows: 5);
        var slice = new CopySlice(Plan(), 0, 1, null, null, 1, new SubsetRows(null, new Dictionary<string, long[]>(), keys));

        Assert.Equal("(SELECT \"a\" FROM ONLY \"public\".\"t\" WHERE \"a\" = ANY(E'{\"1\",\"2\"}'::integer[]))", slice.Source("a"));
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

    [Fact]
    public void A_subset_part_reads_its_rows_by_address_and_writes_null_in_the_references_it_cuts()
    {
        var rows = new SubsetRows([Tids.Encode(3, 1), Tids.Encode(7, 2)], new Dictionary<string, long[]> { ["a"] = [Tids.Encode(7, 2)] });
        var slice = new CopySlice(Plan(), 0, 1, null, null, 1, rows);

        Assert.Equal(
            "(SELECT CASE WHEN ctid = ANY('{\"(7,2)\"}'::tid[]) THEN NULL ELSE \"a\" END FROM ONLY \"public\".\"t\" "
            + "WHERE ctid = ANY('{\"(3,1)\",\"(7,2)\"}'::tid[]))",
            slice.Source("a"));
    }

    [Fact]
    public void A_subset_table_is_cut_into_runs_of_its_sorted_addresses_each_with_the_cut_references_that_fall_in_it()
    {
        var table = Plan(rows: 1_000_000);
        var tids = Enumerable.Range(0, 250_000).Select(i => Tids.Encode((uint)i, 1)).ToArray();
        var selection = new SubsetSelection(null!, new Dictionary<DevDbSeed.Catalog.QualifiedName, SubsetRows>
        {
            [table.Table.Name] = new(tids, new Dictionary<string, long[]> { ["a"] = [tids[0], tids[^1]] }),
        }, Queries: 1, TimeSpan.Zero);

        var parts = CopySlicer.Slice([table], jobs: 2, serverVersionNumber: 150000, selection);

        Assert.True(parts.Count >= 3); // at most 100,000 addresses a query
        Assert.Equal(tids, parts.SelectMany(p => p.Rows!.Tids!));
        Assert.Equal([tids[0], tids[^1]], parts.SelectMany(p => p.Rows!.Nulled["a"]));
    }

    private static TablePlan Plan(string name = "public.t", long rows = 100, CopyMode mode = CopyMode.Passthrough)
    {
        var table = Tbl(name, [Col("a", Int4)], rows: rows);
        return new TablePlan(table, table.Name, mode, [new ColumnPlan(table.Columns[0], ColumnAction.Keep, null, null, null, null)]);
    }
}
