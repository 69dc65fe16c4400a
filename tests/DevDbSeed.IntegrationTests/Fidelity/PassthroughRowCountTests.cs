using System.Globalization;
using System.Text.RegularExpressions;
using DevDbSeed.IntegrationTests.Infrastructure;

namespace DevDbSeed.IntegrationTests.Fidelity;

/// <summary>
/// A table copied as it is travels as a raw binary COPY stream that is never decoded: its row count comes from
/// walking the stream's framing. The run's per-table line (<c>  schema.table   N rows  copied</c>) and its summary
/// report exactly the source's rows, for a plain table, for each partition of a partitioned table, and for a table big
/// enough to be cut into several block ranges (over 16 MB, with 2 jobs).
/// </summary>
public sealed partial class PassthroughRowCountTests(PassthroughRowCountTests.Copy copy) : IClassFixture<PassthroughRowCountTests.Copy>
{
    /// <summary>Twice the copier's smallest block range (16 MB): the table is cut into at least two ranges.</summary>
    private const long SlicedBytes = 32L << 20;

    [Fact]
    public void The_run_succeeds()
    {
        Outputs.ExitCode(0, copy.Result);
    }

    [Fact]
    public async Task A_plain_table_copied_as_is_reports_exactly_its_source_rows()
    {
        await AssertReportedAsync("public.countries");
    }

    [Fact]
    public async Task Each_partition_copied_as_is_reports_exactly_its_source_rows()
    {
        foreach (var partition in new[] { "public.events_2024", "public.events_2025", "public.events_other" })
        {
            await AssertReportedAsync(partition);
        }
    }

    [Fact]
    public async Task A_table_copied_as_is_in_several_block_ranges_reports_exactly_its_source_rows()
    {
        var size = await copy.Databases.ScalarAsync<long>(copy.Source, "SELECT pg_relation_size('public.readings')");
        Assert.True(size >= SlicedBytes, $"public.readings is {size} bytes: too small to be cut into block ranges");

        await AssertReportedAsync("public.readings");
    }

    [Fact]
    public async Task The_summary_reports_exactly_the_source_rows_of_every_table()
    {
        Outputs.ExitCode(0, copy.Result);
        var rows = 0L;
        foreach (var table in new[] { "countries", "events", "readings" })
        {
            rows += await copy.Databases.ScalarAsync<long>(copy.Source, $"SELECT count(*) FROM public.{table}");
        }

        var summary = Summary().Match(copy.Result.Output);
        Assert.True(summary.Success, $"no summary line\n{copy.Result}");
        Assert.Equal(rows, Number(summary.Groups["rows"].Value));
    }

    /// <summary>The run printed one line for <paramref name="table"/>: copied, with exactly the rows of the source and of the target.</summary>
    private async Task AssertReportedAsync(string table)
    {
        Outputs.ExitCode(0, copy.Result);
        var source = await copy.Databases.ScalarAsync<long>(copy.Source, $"SELECT count(*) FROM {table}");
        var lines = TableLine().Matches(copy.Result.Output).Where(m => m.Groups["table"].Value == table).ToList();

        var line = Assert.Single(lines);
        Assert.Equal("copied", line.Groups["how"].Value);
        Assert.Equal(source, Number(line.Groups["rows"].Value));
        Assert.Equal(source, await copy.Databases.ScalarAsync<long>(copy.Target, $"SELECT count(*) FROM {table}"));
    }

    private static long Number(string text) => long.Parse(text, NumberStyles.AllowThousands, CultureInfo.InvariantCulture);

    [GeneratedRegex(@"^\[\d\d:\d\d\]\s+(?<table>\S+)\s+(?<rows>[\d,]+) rows\s+(?<how>copied|emptied|masked \d+ columns?)\s", RegexOptions.Multiline)]
    private static partial Regex TableLine();

    [GeneratedRegex(@"^summary: \d+ tables, (?<rows>[\d,]+) rows,", RegexOptions.Multiline)]
    private static partial Regex Summary();

    /// <summary>Three kept tables (one partitioned, one over 32 MB), masked once with 2 jobs.</summary>
    public sealed class Copy : MaskedOnce
    {
        protected override string TargetName => "dev";

        protected override async Task<string> CreateSourceAsync()
        {
            var source = await Databases.CreateAsync("src", """
                CREATE TABLE countries (code char(2) PRIMARY KEY, name text NOT NULL);
                INSERT INTO countries SELECT chr(65 + i / 26) || chr(65 + i % 26), 'Country ' || i FROM generate_series(0, 249) i;

                CREATE TABLE events (id bigint NOT NULL, at timestamptz NOT NULL, kind text, payload jsonb) PARTITION BY RANGE (at);
                CREATE TABLE events_2024 PARTITION OF events FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
                CREATE TABLE events_2025 PARTITION OF events FOR VALUES FROM ('2025-01-01') TO ('2026-01-01');
                CREATE TABLE events_other PARTITION OF events DEFAULT;
                INSERT INTO events
                SELECT i, timestamptz '2023-07-01 00:00+00' + i * interval '37 minutes', CASE WHEN i % 4 = 0 THEN NULL ELSE 'kind ' || i % 7 END,
                       jsonb_build_object('n', i)
                FROM generate_series(1, 40000) i;

                CREATE TABLE readings (id bigint PRIMARY KEY, taken_at timestamptz NOT NULL, value numeric(12,3), note text, raw bytea);
                INSERT INTO readings
                SELECT i, timestamptz '2024-01-01 00:00+00' + i * interval '1 second', i / 7.0,
                       CASE WHEN i % 3 = 0 THEN NULL ELSE repeat(md5(i::text), 2) END, decode(md5(i::text), 'hex')
                FROM generate_series(1, 330000) i;
                """);
            Pipelines.Write("rules.yaml", """
                version: 1
                tables:
                  public.countries: keep
                  public.events: keep
                  public.readings: keep
                """);
            return source;
        }
    }
}
