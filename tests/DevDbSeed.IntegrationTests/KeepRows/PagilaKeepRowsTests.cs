using System.Text.Json;
using DevDbSeed.IntegrationTests.Infrastructure;

namespace DevDbSeed.IntegrationTests.KeepRows;

/// <summary>
/// pagila with <c>keep_rows: "customer_id &lt;= 3"</c> on public.customer, as a team keeps its own test accounts: those
/// customers reach the copy exactly as they are, every other customer is masked, the run's verification passes, and
/// check, the report and the run say which rows were kept and how many.
/// </summary>
public sealed class PagilaKeepRowsTests(PagilaKeepRowsTests.KeptCustomers run) : IClassFixture<PagilaKeepRowsTests.KeptCustomers>
{
    [Fact]
    public void The_run_succeeds_and_its_verification_finds_nothing()
    {
        Outputs.ExitCode(0, run.Result);
        Outputs.NoStackTrace(run.Result);
        Assert.Matches(@"verify: [\d,]+ original values of \d+ masked columns searched in .*: none found", run.Result.Output);
    }

    [Fact]
    public async Task Customers_1_to_3_are_identical_to_the_source_in_every_column()
    {
        const string kept = "(SELECT * FROM public.customer WHERE customer_id <= 3)";

        var source = await run.Databases.TableHashAsync(run.Source, kept);
        Assert.StartsWith("3:", source, StringComparison.Ordinal);
        Assert.Equal(source, await run.Databases.TableHashAsync(run.Target, kept));
    }

    [Fact]
    public async Task Every_other_customer_is_masked_and_every_customer_is_there()
    {
        var sql = "SELECT customer_id::text, email FROM public.customer WHERE customer_id > 3";
        var source = await run.Databases.MapAsync(run.Source, sql);
        var target = await run.Databases.MapAsync(run.Target, sql);

        Assert.Equal(596, source.Count);
        Assert.Equal(source.Keys.Order(), target.Keys.Order());
        Assert.All(target, pair => Assert.NotEqual(source[pair.Key], pair.Value));
        Assert.Equal(0L, await run.Databases.ScalarAsync<long>(run.Target, "SELECT count(*) FROM public.customer WHERE customer_id > 3 AND email LIKE '%@sakilacustomer.org'"));
    }

    [Fact]
    public void The_run_says_per_table_how_many_rows_it_kept_unmasked()
    {
        Assert.Matches(@"public\.customer\s+599 rows\s+masked 3 columns\s+[\d.]+ s\s+\(3 kept unmasked by keep_rows\)", run.Result.Output);
        Assert.Contains("kept unmasked (keep_rows): public.customer 3 rows", run.Result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void The_json_summary_gives_the_kept_rows_of_the_table_and_null_elsewhere()
    {
        using var summary = JsonDocument.Parse(File.ReadAllText(run.SummaryFile));

        var tables = summary.RootElement.GetProperty("tables").EnumerateArray().ToDictionary(t => t.GetProperty("table").GetString()!);
        Assert.Equal(3, tables["public.customer"].GetProperty("kept_rows").GetInt64());
        Assert.Equal(599, tables["public.customer"].GetProperty("rows").GetInt64());
        Assert.Equal(JsonValueKind.Null, tables["public.staff"].GetProperty("kept_rows").ValueKind);
    }

    [Fact]
    public async Task Check_prints_the_predicate_where_it_is_written_and_the_rows_it_keeps()
    {
        var result = await Devdbseed.RunAsync("check", run.Pipeline);

        Outputs.ExitCode(0, result);
        Assert.Matches($@"keep_rows: 3 rows copied unmasked where customer_id <= 3 \(\S*{run.RulesPath}:{run.KeepRowsLine}:16\)", result.Output);
    }

    [Fact]
    public async Task Check_as_json_carries_the_predicate_and_its_rows_in_the_customer_table()
    {
        var result = await Devdbseed.RunAsync("check", run.Pipeline, "--format", "json");

        Outputs.ExitCode(0, result);
        using var plan = JsonDocument.Parse(result.Output);
        var tables = plan.RootElement.GetProperty("tables").EnumerateArray().ToDictionary(t => t.GetProperty("name").GetString()!);
        var keepRows = tables["public.customer"].GetProperty("keepRows");
        Assert.Equal("customer_id <= 3", keepRows.GetProperty("predicate").GetString());
        Assert.Equal(3, keepRows.GetProperty("rows").GetInt64());
        Assert.Equal(JsonValueKind.Null, tables["public.staff"].GetProperty("keepRows").ValueKind);
    }

    [Fact]
    public async Task The_report_lists_every_keep_rows_predicate_with_its_table_and_the_rows_it_keeps()
    {
        var json = await Devdbseed.RunAsync("report", run.Pipeline, "--format", "json");
        var md = await Devdbseed.RunAsync("report", run.Pipeline, "--format", "md");

        Outputs.ExitCode(0, json);
        Outputs.ExitCode(0, md);
        using var report = JsonDocument.Parse(json.Output);
        var kept = Assert.Single(report.RootElement.GetProperty("keptRows").EnumerateArray());
        Assert.Equal("public.customer", kept.GetProperty("table").GetString());
        Assert.Equal("customer_id <= 3", kept.GetProperty("predicate").GetString());
        Assert.Equal(3, kept.GetProperty("rows").GetInt64());
        Assert.Contains("| `public.customer` | 3 | `customer_id <= 3` |", md.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_predicate_the_source_cannot_evaluate_is_exit_2_naming_the_rules_line_the_table_and_the_servers_words_before_anything_is_built()
    {
        var rules = run.WriteRules("bad-keep-rows.yaml", "no_such_column = 1");
        var target = run.Databases.Name("bad_keep_rows");

        var result = await Devdbseed.RunAsync("run", run.Write("bad.yaml", rules, target));

        Outputs.ExitCode(2, result);
        Outputs.NoStackTrace(result);
        Outputs.Mentions(result, $"bad-keep-rows.yaml:{run.KeepRowsLine}:16: keep_rows of public.customer fails on the source: column \"no_such_column\" does not exist");
        Assert.False(await run.Databases.ExistsAsync(target));
        Assert.DoesNotContain(await run.Databases.OursAsync(), d => d.StartsWith(target, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_predicate_that_is_not_boolean_is_exit_2_too()
    {
        var rules = run.WriteRules("number-keep-rows.yaml", "customer_id + 1");

        var result = await Devdbseed.RunAsync("check", run.Write("number.yaml", rules, run.Databases.Name("number_keep_rows")));

        Outputs.ExitCode(2, result);
        Outputs.Mentions(result, "keep_rows of public.customer fails on the source: argument of IS TRUE must be type boolean, not type integer");
    }

    /// <summary>pagila loaded once and masked once with keep_rows on public.customer; the tests read both and run check, report and failing runs beside.</summary>
    public sealed class KeptCustomers : MaskedOnce
    {
        private const string Customer = "  public.customer:";

        public string Pipeline { get; private set; } = null!;

        public string SummaryFile => Path.Combine(Pipelines.Directory, "summary.json");

        /// <summary>The rules file as pipelines name it.</summary>
        public string RulesPath => "keep-rows.yaml";

        /// <summary>The line keep_rows is written on.</summary>
        public int KeepRowsLine => File.ReadAllLines(Pagila.RulesFile).ToList().IndexOf(Customer) + 2;

        protected override string TargetName => "pagila_keep_rows";

        /// <summary>The pagila rules with <c>keep_rows: "PREDICATE"</c> under public.customer, written as <paramref name="name"/>.</summary>
        public string WriteRules(string name, string predicate) =>
            Pipelines.Write(name, string.Join("\n", File.ReadAllLines(Pagila.RulesFile).SelectMany(l => l == Customer ? [l, $"    keep_rows: \"{predicate}\""] : new[] { l })) + "\n");

        /// <summary>A pipeline from the source to <paramref name="target"/> with <paramref name="rules"/>.</summary>
        public string Write(string name, string rules, string target) =>
            Pipelines.Pipeline(Databases.Uri(Source), Databases.Uri(target), Path.GetFileName(rules), name: name);

        protected override string RunPipeline()
        {
            WriteRules(RulesPath, "customer_id <= 3");
            Pipeline = Pipelines.Pipeline(Databases.Uri(Source), Databases.Uri(Target), RulesPath, extra: "summary: summary.json");
            return Pipeline;
        }

        protected override Task<string> CreateSourceAsync() => Pagila.CreateAsync(Databases);
    }
}
