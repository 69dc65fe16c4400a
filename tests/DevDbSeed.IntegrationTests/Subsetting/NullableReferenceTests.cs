using DevDbSeed.IntegrationTests.Infrastructure;

namespace DevDbSeed.IntegrationTests.Subsetting;

/// <summary>
/// <c>subset_nullable_references</c>: a nullable foreign key whose parent row is not otherwise in the subset pulls that row
/// in (include, the default), or is written as NULL and leaves it out (set_null). In <see cref="Shop"/> from users 1 to 4,
/// order 1 is a gift for user 9 and employee 1's manager is employee 6 (user 16), neither reached otherwise; listed whole,
/// reviews 5-10 are by users left out.
/// </summary>
public sealed class NullableReferenceTests(NullableReferenceTests.Runs runs) : IClassFixture<NullableReferenceTests.Runs>
{
    [Fact]
    public void Both_runs_succeed()
    {
        Outputs.ExitCode(0, runs.Included.Result);
        Outputs.ExitCode(0, runs.Nulled.Result);
    }

    [Fact]
    public async Task By_default_the_row_a_nullable_reference_points_to_is_copied()
    {
        Assert.Equal("9", await Value(runs.Included, "SELECT gift_for_user_id FROM orders WHERE id = 1"));
        Assert.Equal(1L, await Count(runs.Included, "SELECT count(*) FROM users WHERE id = 9"));
        Assert.Equal("6", await Value(runs.Included, "SELECT manager_id FROM employees WHERE id = 1"));
        Assert.Equal(1L, await Count(runs.Included, "SELECT count(*) FROM employees WHERE id = 6"));
    }

    [Fact]
    public async Task With_set_null_a_nullable_reference_to_a_row_left_out_is_null_and_the_row_is_absent()
    {
        Assert.Null(await Value(runs.Nulled, "SELECT gift_for_user_id FROM orders WHERE id = 1"));
        Assert.Equal(0L, await Count(runs.Nulled, "SELECT count(*) FROM users WHERE id = 9"));
    }

    [Fact]
    public async Task With_set_null_a_nullable_self_reference_to_a_row_left_out_is_null_and_the_row_is_absent()
    {
        Assert.Null(await Value(runs.Nulled, "SELECT manager_id FROM employees WHERE id = 1"));
        Assert.Equal([1, 2, 3, 4, 5], await runs.Databases.IdsAsync(runs.Nulled.Target, "SELECT id FROM employees ORDER BY id"));
        Assert.Equal([1, 2, 3, 4, 10, 12, 13, 14, 15], await runs.Databases.IdsAsync(runs.Nulled.Target, "SELECT id FROM users ORDER BY id"));
    }

    [Fact]
    public async Task With_set_null_nullable_references_to_rows_in_the_subset_are_kept()
    {
        Assert.Equal("3", await Value(runs.Nulled, "SELECT gift_for_user_id FROM orders WHERE id = 30"));
        Assert.Equal(["1", "1", "2", "4"], await runs.Databases.ColumnAsync(runs.Nulled.Target, "SELECT manager_id FROM employees WHERE id BETWEEN 2 AND 5 ORDER BY id"));
    }

    [Fact]
    public async Task With_set_null_a_table_copied_whole_keeps_every_row_with_its_references_to_rows_left_out_null()
    {
        Outputs.ExitCode(0, runs.WholeNulled.Result);

        Assert.Equal(["1", "2", "3", "4", null, null, null, null, null, "10"], // user 10 is in: order 30 is theirs
            await runs.Databases.ColumnAsync(runs.WholeNulled.Target, "SELECT user_id FROM reviews ORDER BY id"));
        Assert.Equal([1, 2, 3, 4, 10, 12, 13, 14, 15], await runs.Databases.IdsAsync(runs.WholeNulled.Target, "SELECT id FROM users ORDER BY id"));
    }

    [Fact]
    public async Task With_set_null_the_source_keeps_its_references()
    {
        Assert.Equal(9, await runs.Databases.ScalarAsync<int>(runs.Source, "SELECT gift_for_user_id FROM orders WHERE id = 1"));
        Assert.Equal(6, await runs.Databases.ScalarAsync<int>(runs.Source, "SELECT manager_id FROM employees WHERE id = 1"));
        Assert.Equal(10L, await runs.Databases.ScalarAsync<long>(runs.Source, "SELECT count(user_id) FROM reviews"));
    }

    [Fact]
    public async Task Every_foreign_key_is_validated_with_either_choice()
    {
        await ForeignKeys.AssertAllValidatedAsync(runs.Databases, runs.Source, runs.Included.Target, atLeast: 13);
        await ForeignKeys.AssertAllValidatedAsync(runs.Databases, runs.Source, runs.Nulled.Target, atLeast: 13);
        await ForeignKeys.AssertAllValidatedAsync(runs.Databases, runs.Source, runs.WholeNulled.Target, atLeast: 13);
    }

    private async Task<string?> Value(SubsetRun run, string sql) => (await runs.Databases.ColumnAsync(run.Target, sql)).Single();

    private Task<long> Count(SubsetRun run, string sql) => runs.Databases.ScalarAsync<long>(run.Target, sql);

    /// <summary>The shop's subset from users 1 to 4, once with each choice, and with set_null and reviews listed whole.</summary>
    public sealed class Runs : Shop.Source
    {
        public SubsetRun Included { get; private set; } = null!;

        public SubsetRun Nulled { get; private set; } = null!;

        /// <summary>With set_null, and reviews (a nullable key to users) listed whole.</summary>
        public SubsetRun WholeNulled { get; private set; } = null!;

        protected override async Task RunAsync()
        {
            Included = await SubsetAsync("included", Shop.UsersUpTo4, "subset_nullable_references: include");
            Nulled = await SubsetAsync("nulled", Shop.UsersUpTo4, "subset_nullable_references: set_null");
            WholeNulled = await SubsetAsync("whole_nulled", Shop.UsersUpTo4 + "\n  public.reviews: { whole: true }", "subset_nullable_references: set_null");
        }
    }
}
