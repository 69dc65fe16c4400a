using System.Text.RegularExpressions;
using DevDbSeed.IntegrationTests.Infrastructure;

namespace DevDbSeed.IntegrationTests.EndToEnd;

/// <summary>
/// pagila (a real-world schema nobody in this project wrote) masked with its rules, as a user runs it: the target
/// has the source's schema, rows, sequences and materialized view, and no original value of a masked column.
/// </summary>
public sealed partial class PagilaEndToEndTests(PagilaEndToEndTests.PagilaRun run) : IClassFixture<PagilaEndToEndTests.PagilaRun>
{
    /// <summary>The masked columns whose original values must not survive anywhere (table, key, column).</summary>
    private static readonly (string Table, string Key, string Column)[] SensitiveColumns =
    [
        ("customer", "customer_id", "email"),
        ("staff", "staff_id", "email"),
        ("staff", "staff_id", "password"),
        ("address", "address_id", "address"),
        ("address", "address_id", "phone"),
        ("address", "address_id", "postal_code"),
    ];

    /// <summary>Every column the pagila rules mask, except staff.picture (set to NULL).</summary>
    private static readonly (string Table, string Key, string Column)[] MaskedColumns =
    [
        .. SensitiveColumns,
        ("customer", "customer_id", "first_name"),
        ("customer", "customer_id", "last_name"),
        ("staff", "staff_id", "first_name"),
        ("staff", "staff_id", "last_name"),
        ("staff", "staff_id", "username"),
        ("address", "address_id", "address2"),
    ];

    private static readonly string[] MaskedTables = ["public.address", "public.customer", "public.staff"];

    [Fact]
    public void The_run_succeeds()
    {
        Outputs.ExitCode(0, run.Result);
        Outputs.NoStackTrace(run.Result);
    }

    [Fact]
    public async Task Every_table_and_partition_has_the_source_row_count()
    {
        var source = await run.Databases.RowCountsAsync(run.Source);
        Assert.Contains("public.payment_p2022_01", source.Keys);
        Assert.Equal(source, await run.Databases.RowCountsAsync(run.Target));
    }

    [Fact]
    public async Task The_schema_of_the_target_is_the_source_schema()
    {
        var source = await PgDump.SchemaAsync(run.Databases, run.Source);
        var target = await PgDump.SchemaAsync(run.Databases, run.Target);
        Assert.Contains("CREATE MATERIALIZED VIEW public.rental_by_category", source, StringComparison.Ordinal);
        Assert.Equal(source, target);
    }

    [Fact]
    public async Task Sequences_continue_from_the_source_values()
    {
        var source = await run.Databases.SequencesAsync(run.Source);
        Assert.Equal("32098/true", source["public.payment_payment_id_seq"]);
        Assert.Equal(source, await run.Databases.SequencesAsync(run.Target));
    }

    [Fact]
    public async Task The_materialized_view_is_populated_with_the_source_rows()
    {
        Assert.True(await run.Databases.ScalarAsync<bool>(run.Target,
            "SELECT ispopulated FROM pg_matviews WHERE schemaname = 'public' AND matviewname = 'rental_by_category'"));
        var source = await run.Databases.TableHashAsync(run.Source, "public.rental_by_category");
        Assert.StartsWith("16:", source, StringComparison.Ordinal);
        Assert.Equal(source, await run.Databases.TableHashAsync(run.Target, "public.rental_by_category"));
    }

    [Fact]
    public async Task Kept_tables_are_identical_to_the_source()
    {
        var source = await run.Databases.TableHashesAsync(run.Source);
        var target = await run.Databases.TableHashesAsync(run.Target);
        var kept = source.Keys.Except(MaskedTables).ToList();
        Assert.Equal(18, kept.Count);
        Assert.All(kept, table => Assert.True(source[table] == target[table], $"{table} differs from the source"));
        Assert.All(MaskedTables, table => Assert.NotEqual(source[table], target[table]));
    }

    [Fact]
    public async Task No_original_value_of_a_masked_column_is_left_anywhere_in_the_target()
    {
        await LeakScanner.AssertNoneReachedAsync(run.Databases, run.Source, run.Target, 1_500,
            [.. SensitiveColumns.Select(c => $"SELECT {c.Column} FROM public.{c.Table}")]);
    }

    [Fact]
    public async Task Nulls_stay_null_in_masked_columns()
    {
        var sourceNulls = 0;
        foreach (var (table, key, column) in MaskedColumns)
        {
            var sql = $"SELECT {key} FROM public.{table} WHERE {column} IS NULL ORDER BY 1";
            var source = await run.Databases.ColumnAsync(run.Source, sql);
            sourceNulls += source.Count;
            Assert.Equal(source, await run.Databases.ColumnAsync(run.Target, sql));
        }

        Assert.True(sourceNulls >= 4, "pagila has NULL second address lines");
    }

    [Fact]
    public async Task Staff_pictures_are_all_null()
    {
        Assert.Equal(0L, await run.Databases.ScalarAsync<long>(run.Target, "SELECT count(*) FROM public.staff WHERE picture IS NOT NULL"));
        Assert.Equal(1_500L, await run.Databases.ScalarAsync<long>(run.Target, "SELECT count(*) FROM public.staff"));
    }

    [Fact]
    public async Task Masked_emails_are_valid_and_differ_from_the_originals()
    {
        foreach (var table in new[] { ("customer", "customer_id"), ("staff", "staff_id") })
        {
            var sql = $"SELECT {table.Item2}::text, email FROM public.{table.Item1} WHERE email IS NOT NULL";
            var source = await run.Databases.MapAsync(run.Source, sql);
            var target = await run.Databases.MapAsync(run.Target, sql);
            Assert.Equal(source.Keys.Order(), target.Keys.Order());
            Assert.All(target, pair =>
            {
                Assert.Matches(Email(), pair.Value);
                Assert.NotEqual(source[pair.Key], pair.Value);
            });
        }
    }

    [Fact]
    public async Task Every_value_fits_its_column_length()
    {
        var columns = await run.Databases.RowsAsync(run.Target, """
            SELECT format('%I.%I', table_schema, table_name), format('%I', column_name), character_maximum_length
            FROM information_schema.columns
            WHERE table_schema = 'public' AND character_maximum_length IS NOT NULL
              AND table_name IN (SELECT relname FROM pg_class WHERE relkind IN ('r', 'p'))
            """);
        Assert.NotEmpty(columns);
        foreach (var column in columns)
        {
            var longest = await run.Databases.ScalarAsync<int>(run.Target, $"SELECT coalesce(max(char_length({column[1]})), 0) FROM {column[0]}");
            Assert.True(longest <= int.Parse(column[2]!, System.Globalization.CultureInfo.InvariantCulture),
                $"{column[0]}.{column[1]} holds a value of {longest} characters, longer than its {column[2]}");
        }
    }

    [GeneratedRegex(@"^[A-Za-z0-9._%+'-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+$")]
    private static partial Regex Email();

    /// <summary>pagila loaded once, masked once into a new target; the tests read both.</summary>
    public sealed class PagilaRun : MaskedOnce
    {
        protected override string TargetName => "pagila_dev";

        protected override string RunPipeline() => Pipelines.Pipeline(Databases.Uri(Source), Databases.Uri(Target), Pagila.RulesFile);

        protected override Task<string> CreateSourceAsync() => Pagila.CreateAsync(Databases);
    }
}
