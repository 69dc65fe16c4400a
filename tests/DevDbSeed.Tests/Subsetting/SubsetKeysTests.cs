using DevDbSeed.Subsetting;

namespace DevDbSeed.Tests.Subsetting;

public sealed class SubsetKeysTests
{
    [Fact]
    public void One_column_keys_are_an_array_constant_of_the_column_type()
    {
        var keys = new SubsetKeys(["user_id"], ["bigint"], [["20"], ["40"]], rows: 7);

        Assert.Equal("\"user_id\" = ANY(E'{\"20\",\"40\"}'::bigint[])", keys.Condition);
    }

    [Fact]
    public void Backslashes_quotes_and_apostrophes_are_escaped_for_the_array_and_then_for_the_string()
    {
        var keys = new SubsetKeys(["email"], ["text"], [["a\\b"], ["say \"hi\""], ["o'neil"], ["{x,y}"]], rows: 4);

        Assert.Equal("\"email\" = ANY(E'{\"a\\\\\\\\b\",\"say \\\\\"hi\\\\\"\",\"o''neil\",\"{x,y}\"}'::text[])", keys.Condition);
    }

    [Fact]
    public void Keys_of_several_columns_are_matched_against_their_arrays_unnested_side_by_side()
    {
        var condition = SubsetKeys.Matching("t", ["a", "b"], ["integer", "text"], [["1", "x"], ["2", "y"]]);

        Assert.Equal("(t.\"a\", t.\"b\") IN (SELECT * FROM unnest(E'{\"1\",\"2\"}'::integer[], E'{\"x\",\"y\"}'::text[]))", condition);
    }

    [Fact]
    public void A_part_takes_its_share_of_the_rows_and_the_whole_is_the_keys_themselves()
    {
        var keys = new SubsetKeys(["id"], ["bigint"], [["1"], ["2"], ["3"], ["4"]], rows: 40);

        Assert.Same(keys, keys.Part(0, 4));
        Assert.Equal([["3"], ["4"]], keys.Part(2, 4).Values);
        Assert.Equal(20, keys.Part(2, 4).Rows);
        Assert.Equal(keys.Condition, keys.WithRows(12).Condition);
        Assert.Equal(12, keys.WithRows(12).Rows);
    }
}
