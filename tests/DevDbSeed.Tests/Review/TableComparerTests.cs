using DevDbSeed.Review;
using static DevDbSeed.Tests.Review.RulesDiffs;

namespace DevDbSeed.Tests.Review;

/// <summary>Whole tables: keep, empty and columns against each other; tables and columns only one side names; files.</summary>
public sealed class TableComparerTests
{
    private const string Columns = "\n    columns:\n      id: keep\n      email: internet.email\n      notes: { scrub: all }";

    [Fact]
    public void A_table_with_masked_columns_that_becomes_keep_weakens_each_masked_column()
    {
        var changes = Between(WithTable(Columns), WithTable("keep"));

        Assert.Equal(["public.t.email", "public.t.notes"], changes.Select(c => c.Name));
        Assert.All(changes, c => Assert.Equal(ChangeKind.Weakened, c.Kind));
        Assert.All(changes, c => Assert.Equal(3, c.Location!.Line)); // the table's entry in the new file
        Assert.Contains("the table is keep now", changes[0].Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null, "id <= 3", ChangeKind.Weakened)]
    [InlineData("id <= 3", "id <= 30", ChangeKind.Weakened)]
    [InlineData("id <= 3", null, ChangeKind.Strengthened)]
    public void Keep_rows_added_or_changed_weakens_the_table_and_removed_strengthens_it(string? before, string? after, ChangeKind expected)
    {
        static string With(string? predicate) => predicate is null ? Columns : $"\n    keep_rows: \"{predicate}\"{Columns}";

        var change = Assert.Single(Between(WithTable(With(before)), WithTable(With(after))));

        Assert.Equal((expected, "public.t keep_rows"), (change.Kind, change.Name));
    }

    [Fact]
    public void The_same_keep_rows_predicate_is_no_change()
    {
        var rules = $"\n    keep_rows: \"id <= 3\"{Columns}";

        Assert.Empty(Between(WithTable(rules), WithTable(rules)));
    }

    [Fact]
    public void A_kept_table_given_masked_columns_strengthens_each_of_them()
    {
        var changes = Between(WithTable("keep"), WithTable(Columns));

        Assert.Equal(["public.t.email", "public.t.notes"], changes.Select(c => c.Name));
        Assert.All(changes, c => Assert.Equal(ChangeKind.Strengthened, c.Kind));
    }

    [Theory]
    [InlineData("empty", "keep", ChangeKind.Weakened)]
    [InlineData("empty", Columns, ChangeKind.Weakened)]
    [InlineData("keep", "empty", ChangeKind.Strengthened)]
    [InlineData(Columns, "empty", ChangeKind.Strengthened)]
    public void An_empty_table_is_the_strongest_table_rule(string before, string after, ChangeKind expected)
    {
        var change = Assert.Single(Between(WithTable(before), WithTable(after)));

        Assert.Equal((expected, "public.t"), (change.Kind, change.Name));
    }

    [Fact]
    public void Columns_and_tables_only_one_side_names_are_added_or_removed()
    {
        const string Before = "version: 1\ntables:\n  public.a: keep\n  public.t:\n    columns:\n      id: keep\n      old: internet.email\n";
        const string After = "version: 1\ntables:\n  public.b: empty\n  public.t:\n    columns:\n      id: keep\n      fresh: keep\n";

        var changes = Between(Before, After);

        Assert.Equal(
            [(ChangeKind.Added, "public.b"), (ChangeKind.Added, "public.t.fresh"), (ChangeKind.Removed, "public.a"), (ChangeKind.Removed, "public.t.old")],
            changes.Select(c => (c.Kind, c.Name)));
        Assert.Equal("old.yaml", changes.Single(c => c.Name == "public.a").Location!.File);
    }

    [Fact]
    public void A_table_moved_to_another_file_is_compared_with_its_old_rule()
    {
        var before = new[] { Document("rules/a.yaml", WithTable("keep").Replace("public.t", "public.x", StringComparison.Ordinal) + "\n  public.t: empty") };
        var after = new[] { Document("rules/a.yaml", WithTable("keep").Replace("public.t", "public.x", StringComparison.Ordinal)), Document("rules/b.yaml", WithTable("keep")) };

        var change = Assert.Single(TableComparer.Compare(before, after));

        Assert.Equal((ChangeKind.Weakened, "public.t", "rules/b.yaml"), (change.Kind, change.Name, change.Location!.File));
    }

    [Fact]
    public void A_table_several_files_name_is_compared_file_by_file()
    {
        var before = new[] { Document("rules/shop.yaml", WithTable("empty")), Document("rules/crm.yaml", WithTable("keep")) };
        var after = new[] { Document("rules/shop.yaml", WithTable("keep")), Document("rules/crm.yaml", WithTable("keep")) };

        var change = Assert.Single(TableComparer.Compare(before, after));

        Assert.Equal((ChangeKind.Weakened, "rules/shop.yaml"), (change.Kind, change.Location!.File));
    }
}
