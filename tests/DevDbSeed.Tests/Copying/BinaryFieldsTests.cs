using DevDbSeed.Catalog;
using DevDbSeed.Copying;
using DevDbSeed.Planning;
using DevDbSeed.Tests.Support;
using static DevDbSeed.Tests.Support.Catalogs;

namespace DevDbSeed.Tests.Copying;

public sealed class BinaryFieldsTests
{
    [Fact]
    public void A_table_whose_masked_columns_are_text_json_shifted_dates_and_faked_addresses_is_masked_in_binary_copy()
    {
        var users = Users("""
            email: internet.email
            doc: { json: { a.b: name.firstName } }
            born: { shift: { days: 5 } }
            ip: internet.ip
            """);

        Assert.True(BinaryFields.Carry(users));
        Assert.Equal([null, BinaryField.Text, BinaryField.Jsonb, BinaryField.Date, BinaryField.Inet, null],
            users.Columns.Select(c => c.Action == ColumnAction.Mask ? BinaryFields.Of(c) : null));
        Assert.True(new CopySlice(users, 0, 1, null, null, 1).Binary);
        Assert.Equal("""COPY (SELECT "id", "email", "doc", pg_catalog.date_out("born"), pg_catalog.inet_out("ip"), "note" FROM ONLY "public"."users") TO STDOUT (FORMAT binary)""",
            new CopySlice(users, 0, 1, null, null, 1).BinaryMaskingCopyOut("ignored"));
    }

    [Fact]
    public void A_table_masking_only_text_reads_its_columns_as_they_are()
    {
        var users = Users("""
            email: internet.email
            doc: { json: { a.b: name.firstName } }
            born: keep
            ip: keep
            """);

        Assert.Equal("""COPY "public"."users" (cols) TO STDOUT (FORMAT binary)""", new CopySlice(users, 0, 1, null, null, 1).BinaryMaskingCopyOut("cols"));
    }

    [Theory]
    [InlineData("born: { set: \"2020-01-01\" }")]
    [InlineData("ip: { set: \"10.0.0.1\" }")]
    [InlineData("note: { each: name.firstName }")]
    public void A_table_with_a_masked_column_whose_output_form_is_not_the_programs_own_stays_in_copy_text(string rule)
    {
        var users = Users($"""
            email: internet.email
            doc: keep
            born: keep
            ip: keep
            note: keep
            """.Replace(rule.Split(':')[0] + ": keep", rule, StringComparison.Ordinal), note: TextArray);

        Assert.False(BinaryFields.Carry(users));
        Assert.False(new CopySlice(users, 0, 1, null, null, 1).Binary);
    }

    private static TablePlan Users(string columns, ColumnType? note = null)
    {
        var rules = "public.users:\n  columns:\n    id: keep\n" + string.Concat(columns.Split('\n').Select(l => "    " + l + "\n"))
            + (columns.Contains("note:", StringComparison.Ordinal) ? string.Empty : "    note: keep\n");
        var plan = Planner.Plan(Plans.Rules(rules), Catalogs.Catalog(Tbl("public.users",
            [Col("id", Int4), Col("email", Varchar(100)), Col("doc", Jsonb), Col("born", Date), Col("ip", Inet), Col("note", note ?? Text)], rows: 100)));
        return plan.Tables.Single();
    }
}
