using DevDbSeed.Configuration;
using DevDbSeed.Errors;
using DevDbSeed.Tests.Support;

namespace DevDbSeed.Tests.Configuration;

/// <summary>The pipeline's <c>subset:</c> and <c>subset_nullable_references</c>: what they read, and the mistakes they name by file, line and column.</summary>
public sealed class SubsetOptionsTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Reads_every_kind_of_selection_in_the_pipeline_order()
    {
        var pipeline = Load("""
            subset:
              public.users: { where: "id % 20 = 0" }
              public.audit_log: { percent: 1.5 }
              public.events: { limit: 100, order_by: "at DESC", where: "kind = 'x'" }
              public.courses: { whole: true }
            """);

        var subset = pipeline.Subset!;
        Assert.Equal(NullableReferences.Include, subset.NullableReferences);
        Assert.Equal(["public.users", "public.audit_log", "public.events", "public.courses"], subset.Tables.Select(t => t.Table.ToString()));
        Assert.Equal("id % 20 = 0", subset.Tables[0].Where);
        Assert.Equal(1.5, subset.Tables[1].Percent);
        Assert.Equal((100, "at DESC", "kind = 'x'"), (subset.Tables[2].Limit, subset.Tables[2].OrderBy, subset.Tables[2].Where));
        Assert.True(subset.Tables[3].Whole);
        Assert.Equal(new SourceLocation(pipeline.DisplayPath, 3, 3), subset.Tables[0].At);
    }

    [Fact]
    public void A_selection_describes_itself_as_the_pipeline_gives_it()
    {
        var tables = Load("""
            subset:
              public.a: { where: "id < 5", limit: 10, order_by: id }
              public.b: { percent: 2.5 }
              public.c: { whole: true }
            """).Subset!.Tables;

        Assert.Equal(["where id < 5, limit 10 order by id", "2.5%", "whole"], tables.Select(t => t.Describe()));
    }

    [Fact]
    public void Set_null_is_read_for_nullable_references()
    {
        var subset = Load("subset_nullable_references: set_null\nsubset:\n  public.users: { limit: 5 }").Subset!;

        Assert.Equal(NullableReferences.SetNull, subset.NullableReferences);
    }

    [Fact]
    public void A_pipeline_without_subset_copies_every_row()
    {
        Assert.Null(Load(string.Empty).Subset);
    }

    [Theory]
    [InlineData("  public.users: { wher: \"id = 1\" }", "3:19", "unknown key 'wher' in subset public.users; did you mean where?")]
    [InlineData("  public.users: { percent: 5, limit: 3 }", "3:17", "subset public.users: give percent or limit, not both")]
    [InlineData("  public.users: { order_by: id }", "3:17", "subset public.users: order_by only orders a limit (add limit: N)")]
    [InlineData("  public.users: {}", "3:17", "subset public.users: say which rows: where, percent or limit (or whole: true)")]
    [InlineData("  public.users: { whole: true, where: \"id = 1\" }", "3:17", "subset public.users: whole: true copies every row; it takes no where, percent, limit or order_by")]
    [InlineData("  public.users: { whole: false }", "3:17", "subset public.users: say which rows")]
    [InlineData("  users: { limit: 3 }", "3:3", "subset: 'users' must name a table as schema.table")]
    [InlineData("  public.users: { percent: 101 }", "3:28", "percent")]
    [InlineData("  public.users: { limit: -1 }", "3:26", "limit")]
    [InlineData("  public.users: { limit: 10 }\n  public.users: { percent: 5 }", "4:3", "duplicate key public.users")]
    [InlineData("  public.users: where id = 1", "3:17", "subset public.users")]
    public void A_subset_entry_of_the_wrong_shape_is_an_error_at_its_line_and_column(string entry, string at, string message)
    {
        var path = Write("subset:\n" + entry);

        var error = Assert.Throws<ConfigurationException>(() => PipelineFile.Load(path));

        Assert.Equal(ExitCode.InvalidConfiguration, error.ExitCode);
        Assert.StartsWith($"{path}:{at}: ", error.Message, StringComparison.Ordinal);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_subset_listing_no_table_is_an_error()
    {
        var path = Write("subset: {}");

        var error = Assert.Throws<ConfigurationException>(() => PipelineFile.Load(path));

        Assert.StartsWith($"{path}:2:9: subset lists no table", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Nullable_references_other_than_include_or_set_null_are_an_error()
    {
        var path = Write("subset_nullable_references: drop\nsubset:\n  public.users: { limit: 5 }");

        var error = Assert.Throws<ConfigurationException>(() => PipelineFile.Load(path));

        Assert.StartsWith($"{path}:2:29: subset_nullable_references must be include or set_null ('drop' found)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Nullable_references_without_a_subset_are_an_error()
    {
        var path = Write("subset_nullable_references: set_null");

        var error = Assert.Throws<ConfigurationException>(() => PipelineFile.Load(path));

        Assert.StartsWith($"{path}:2:29: subset_nullable_references needs a subset", error.Message, StringComparison.Ordinal);
    }

    private PipelineFile Load(string yaml) => PipelineFile.Load(Write(yaml));

    private string Write(string yaml) => _dir.Write("pipeline.yaml", "rules: rules.yaml\n" + yaml + "\n");
}
