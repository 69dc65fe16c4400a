using System.Text.Json;
using DevDbSeed.IntegrationTests.Infrastructure;
using DevDbSeed.Postgres.Reporting;
using DevDbSeed.Reporting;
using DevDbSeed.Running;

namespace DevDbSeed.IntegrationTests.Reporting;

/// <summary>
/// The report's re-identification check on a real server: k over the quasi-identifiers the rules keep, grouped on the
/// source (exact on small tables, estimated from a block sample on big ones), a warning in every format when k &lt; 5,
/// and the figures per table in the JSON.
/// </summary>
public sealed class ReidentificationTests(ReidentificationTests.Source source) : IClassFixture<ReidentificationTests.Source>
{
    [Fact]
    public void Birth_dates_with_postcodes_that_single_people_out_are_warned_about_with_the_figures()
    {
        using var document = JsonDocument.Parse(source.Json.Output);
        var warning = Assert.Single(Warnings(document), w => w.StartsWith("public.people: kept quasi-identifiers", StringComparison.Ordinal));
        Assert.Contains("birth_date, postcode, gender single people out", warning, StringComparison.Ordinal);
        Assert.Contains("k = 1", warning, StringComparison.Ordinal);
        Assert.Contains("of 200 rows in groups smaller than 5 (exact", warning, StringComparison.Ordinal);
        Assert.Contains("birth_date: { shift: { days: 180 } }", warning, StringComparison.Ordinal);
        Assert.Contains("postcode: { mask: { keep_first: 2 } }", warning, StringComparison.Ordinal);
        Assert.Equal(warning, Warnings(document)[0]); // measured on the rows: ranked with the warnings content backs, before those from names

        var figures = Figures(document, "public.people");
        Assert.Equal(["birth_date", "postcode", "gender"], figures.GetProperty("columns").EnumerateArray().Select(c => c.GetString()));
        Assert.Equal(1, figures.GetProperty("k").GetInt64());
        Assert.Equal(200, figures.GetProperty("rowsInGroupsBelow5").GetInt64());
        Assert.Equal(200, figures.GetProperty("rowsMeasured").GetInt64());
        Assert.True(figures.GetProperty("exact").GetBoolean());
        Assert.Equal(JsonValueKind.Null, figures.GetProperty("samplePercent").ValueKind);
    }

    [Fact]
    public void The_warning_is_in_every_format()
    {
        Outputs.ExitCode(0, source.Json);
        Outputs.ExitCode(0, source.Markdown);
        Outputs.ExitCode(0, source.Html);
        Assert.Contains("- public.people: kept quasi-identifiers birth_date, postcode, gender single people out", source.Markdown.Output, StringComparison.Ordinal);
        Assert.Contains("Re-identification: k = 1, 200 of 200 rows in groups smaller than 5 (exact)", source.Markdown.Output, StringComparison.Ordinal);
        Assert.Contains("<li>public.people: kept quasi-identifiers birth_date, postcode, gender single people out", source.Html.Output, StringComparison.Ordinal);
        Assert.Contains("<p class=\"warn\">Re-identification: k = 1", source.Html.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void A_table_where_every_combination_has_at_least_5_rows_gives_no_warning_and_counts_nulls_as_a_group()
    {
        using var document = JsonDocument.Parse(source.Json.Output);
        Assert.DoesNotContain(Warnings(document), w => w.Contains("public.cohorts", StringComparison.Ordinal));
        var figures = Figures(document, "public.cohorts");
        Assert.Equal(10, figures.GetProperty("k").GetInt64()); // 20 combinations of 10 rows, one of them with a NULL gender
        Assert.Equal(0, figures.GetProperty("rowsInGroupsBelow5").GetInt64());
        Assert.Contains("Re-identification: k = 10, 0 of 200 rows in groups smaller than 5 (exact), over the kept quasi-identifiers age, gender.",
            source.Markdown.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Masked_columns_are_not_counted()
    {
        using var document = JsonDocument.Parse(source.Json.Output);
        var figures = Figures(document, "public.members");
        Assert.Equal(["postcode", "gender"], figures.GetProperty("columns").EnumerateArray().Select(c => c.GetString())); // birth_date is shifted
        Assert.Equal(5, figures.GetProperty("k").GetInt64()); // with the unique birth dates it would be 1
        Assert.DoesNotContain(Warnings(document), w => w.StartsWith("public.members: kept quasi-identifiers", StringComparison.Ordinal));
    }

    [Fact]
    public void A_table_keeping_one_quasi_identifier_or_none_is_not_measured()
    {
        using var document = JsonDocument.Parse(source.Json.Output);
        var table = document.RootElement.GetProperty("tables").EnumerateArray().Single(t => t.GetProperty("name").GetString() == "public.visits");
        Assert.False(table.TryGetProperty("reidentification", out _));
    }

    [Fact]
    public async Task A_big_table_is_measured_on_a_block_sample_and_says_it_is_estimated()
    {
        var options = PipelineOptions.Load(source.PipelineFile).Resolve("report", needsTarget: false);

        // every table counts as big; the sample is of all their blocks (a 100 % block sample of 200 rows never comes back empty)

        var report = await ReportBuilder.BuildAsync(options, 100, new GroupSizeLimits(ExactRowLimit: 10, SampledRows: 1_000), SilentObserver.Instance, CancellationToken.None);

        var figures = report.Tables.Single(t => t.Name == "public.people").Reidentification!;
        Assert.False(figures.Exact);
        Assert.NotNull(figures.SamplePercent);
        Assert.Equal(1, figures.K);
        Assert.InRange(figures.RowsMeasured, 1, 200);
        var warning = Assert.Single(report.Warnings, w => w.StartsWith("public.people:", StringComparison.Ordinal) && w.Contains("quasi", StringComparison.Ordinal));
        Assert.Contains("k ≤ 1", warning, StringComparison.Ordinal);
        Assert.Contains("(estimated: the combinations of", warning, StringComparison.Ordinal);
        Assert.Contains("block sample, each counted in the whole table)", warning, StringComparison.Ordinal);
        Assert.DoesNotContain("exact", warning, StringComparison.Ordinal);
        var cohorts = report.Tables.Single(t => t.Name == "public.cohorts").Reidentification!;
        Assert.False(cohorts.Exact);
        Assert.Equal(10, cohorts.K); // the sampled combinations are counted in the whole table: their sizes are exact
        Assert.Contains("estimated", ReportRenderer.Render(report, "md"), StringComparison.Ordinal);
    }

    private static List<string> Warnings(JsonDocument document) => [.. document.RootElement.GetProperty("warnings").EnumerateArray().Select(w => w.GetString()!)];

    private static JsonElement Figures(JsonDocument document, string table) =>
        document.RootElement.GetProperty("tables").EnumerateArray().Single(t => t.GetProperty("name").GetString() == table).GetProperty("reidentification");

    /// <summary>Four tables: people singled out by birth date and postcode, cohorts of 10, members whose birth date is masked, visits with one quasi-identifier.</summary>
    public sealed class Source : IAsyncLifetime
    {
        private readonly Pipelines _pipelines = new();
        private TestDatabases _databases = null!;

        public string PipelineFile { get; private set; } = null!;

        public Devdbseed.Result Json { get; private set; } = null!;

        public Devdbseed.Result Markdown { get; private set; } = null!;

        public Devdbseed.Result Html { get; private set; } = null!;

        public async Task InitializeAsync()
        {
            _databases = await TestDatabases.CreateAsync();
            await this.OrDisposeAsync(async () =>
            {
                var database = await _databases.CreateAsync("kanon", """
                    CREATE TABLE public.people (id int PRIMARY KEY, full_name text, birth_date date, postcode text, gender text);
                    INSERT INTO public.people SELECT i, 'Person ' || i, date '1950-01-01' + i * 37, 'AB' || (i % 50), (ARRAY['f', 'm'])[1 + i % 2]
                    FROM generate_series(1, 200) i;
                    CREATE TABLE public.cohorts (id int PRIMARY KEY, age int, gender text);
                    INSERT INTO public.cohorts SELECT i, 30 + i % 5, (ARRAY[NULL, 'f', 'm', 'x'])[1 + i % 4] FROM generate_series(1, 200) i;
                    CREATE TABLE public.members (id int PRIMARY KEY, birth_date date, postcode text, gender text);
                    INSERT INTO public.members SELECT i, date '1950-01-01' + i, 'P' || (i % 100), (ARRAY['f', 'm'])[1 + i % 2] FROM generate_series(1, 500) i;
                    CREATE TABLE public.visits (id int PRIMARY KEY, city text, visited_at timestamptz);
                    INSERT INTO public.visits SELECT i, 'Town ' || i, now() FROM generate_series(1, 100) i;
                    ANALYZE;
                    """);
                _pipelines.Write("rules.yaml", """
                    version: 1
                    tables:
                      public.people:
                        columns:
                          id: keep
                          full_name: name.fullName
                          birth_date: keep
                          postcode: keep
                          gender: keep
                      public.cohorts: keep
                      public.members:
                        columns:
                          id: keep
                          birth_date: { shift: { days: 180 } }
                          postcode: keep
                          gender: keep
                      public.visits: keep
                    """);
                PipelineFile = _pipelines.Pipeline(_databases.Uri(database), _databases.Uri(_databases.Name("kanon_dev")));
                Json = await Devdbseed.RunAsync("report", PipelineFile, "--format", "json");
                Markdown = await Devdbseed.RunAsync("report", PipelineFile, "--format", "md");
                Html = await Devdbseed.RunAsync("report", PipelineFile, "--format", "html");
            });
        }

        public async Task DisposeAsync()
        {
            await _databases.DisposeAsync();
            _pipelines.Dispose();
        }
    }
}
