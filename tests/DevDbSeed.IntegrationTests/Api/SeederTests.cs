using DevDbSeed.Errors;
using DevDbSeed.IntegrationTests.Infrastructure;
using DevDbSeed.Planning;
using DevDbSeed.Running;

namespace DevDbSeed.IntegrationTests.Api;

/// <summary>The .NET API against a real server: each method does what its command does, and fails as its command exits.</summary>
public sealed class SeederTests : IAsyncLifetime
{
    private const string Schema = """
        CREATE TABLE public.customers (id int PRIMARY KEY, email text NOT NULL UNIQUE, name text NOT NULL, country text);
        CREATE TABLE public.orders (id int PRIMARY KEY, customer_id int NOT NULL REFERENCES public.customers, total numeric(8,2));
        INSERT INTO public.customers SELECT i, 'customer' || i || '@shop.example', 'Customer Number ' || i, 'PL' FROM generate_series(1, 200) i;
        INSERT INTO public.orders SELECT i, 1 + i % 200, i * 1.25 FROM generate_series(1, 500) i;
        """;

    private const string Rules = """
        version: 1
        tables:
          public.orders: keep
          public.customers:
            columns:
              id: keep
              email: internet.email
              name: name.fullName
              country: keep
        """;

    private readonly Pipelines _pipelines = new();
    private TestDatabases _databases = null!;
    private string _source = null!;
    private string _target = null!;

    public async Task InitializeAsync()
    {
        _databases = await TestDatabases.CreateAsync();
        await this.OrDisposeAsync(async () =>
        {
            _source = await _databases.CreateAsync("src", Schema);
            _target = _databases.Name("dev");
        });
    }

    public async Task DisposeAsync()
    {
        await _databases.DisposeAsync();
        _pipelines.Dispose();
    }

    [Fact]
    public async Task CheckAsync_returns_the_plan_and_writes_nothing()
    {
        var source = await _databases.StateAsync(_source);

        var plan = await Seeder.CheckAsync(Options() with { Target = null });

        Assert.Equal(CopyMode.Masked, plan.Tables.Single(t => t.Table.Name.ToString() == "public.customers").Mode);
        Assert.Equal(CopyMode.Passthrough, plan.Tables.Single(t => t.Table.Name.ToString() == "public.orders").Mode);
        Assert.Equal(2, plan.MaskedColumnCount);
        Assert.Equal([_source], await _databases.OursAsync());
        Assert.Equal(source, await _databases.StateAsync(_source));
    }

    [Fact]
    public async Task RunAsync_masks_into_the_target_and_VerifyAsync_finds_no_original_value_there()
    {
        var observer = new Recorder();

        var summary = await Seeder.RunAsync(Options(), observer);

        Assert.Equal(700, summary.Rows);
        Assert.Equal(400, summary.MaskedValues);
        Assert.False(summary.RandomKey);
        Assert.Empty(observer.Warnings);
        Assert.Equal(2, observer.Finished);
        Assert.Equal(await _databases.RowCountsAsync(_source), await _databases.RowCountsAsync(_target));
        Assert.Empty((await _databases.ColumnAsync(_target, "SELECT email FROM customers")).Intersect(
            await _databases.ColumnAsync(_source, "SELECT email FROM customers")));
        var verified = await Seeder.VerifyAsync(Options());
        Assert.True(verified.Clean, string.Join("; ", verified.Hits));
        Assert.True(verified.Values > 0);
    }

    [Fact]
    public async Task Without_a_secret_the_run_tells_its_observer_and_masks_with_a_random_key()
    {
        var observer = new Recorder();

        var summary = await Seeder.RunAsync(Options() with { Secret = null }, observer);

        Assert.True(summary.RandomKey);
        Assert.Equal(new RandomKeyUsed(MissingSecret.NotSet), Assert.Single(observer.Warnings));
        Assert.Equal(observer.Warnings, summary.Warnings);
    }

    [Fact]
    public async Task An_unclassified_column_stops_RunAsync_with_exit_3_and_leaves_the_target_untouched()
    {
        await Seeder.RunAsync(Options());
        var target = await _databases.StateAsync(_target);
        var databases = await _databases.OursAsync();
        await _databases.ExecuteAsync(_source, "ALTER TABLE public.customers ADD COLUMN phone text DEFAULT '+48 601 234 567'");

        var refused = await Assert.ThrowsAsync<RulesMismatchException>(() => Seeder.RunAsync(Options()));

        Assert.Equal(ExitCode.RulesDoNotFitSchema, refused.ExitCode);
        Assert.Contains(refused.Problems, p => p.Contains("public.customers.phone", StringComparison.Ordinal));
        Assert.Equal(target, await _databases.StateAsync(_target));
        Assert.Equal(databases, await _databases.OursAsync());
    }

    [Fact]
    public async Task Rules_from_InitRulesAsync_pass_CheckAsync_and_ReportAsync_reviews_them()
    {
        var text = await Seeder.InitRulesAsync(new RulesInitOptions { Source = _databases.Uri(_source), SampleRows = 100 });
        var options = Options() with { RulesFiles = [_pipelines.Write("init.yaml", text)] };

        var plan = await Seeder.CheckAsync(options);
        var report = await Seeder.ReportAsync(options, sampleRows: 50);

        Assert.Contains(plan.Tables, t => t.Table.Name.ToString() == "public.customers" && t.MaskedColumns.Any(c => c.Column.Name == "email"));
        Assert.Equal(["public.customers", "public.orders"], report.Tables.Select(t => t.Name).Order());
        Assert.Equal(50, report.Tables.Single(t => t.Name == "public.customers").SampledRows);
    }

    [Fact]
    public async Task A_server_that_does_not_answer_is_a_RunFailedException()
    {
        var options = Options() with { Source = "postgresql://postgres@127.0.0.1:1/nothing?connect_timeout=5" };

        var failed = await Assert.ThrowsAsync<RunFailedException>(() => Seeder.CheckAsync(options));

        Assert.Equal(ExitCode.RuntimeFailure, failed.ExitCode);
    }

    private PipelineOptions Options() => new()
    {
        Source = _databases.Uri(_source),
        Target = _databases.Uri(_target),
        RulesFiles = [_pipelines.Write("rules.yaml", Rules)],
        Secret = Pipelines.Secret,
        Jobs = 2,
    };

    /// <summary>Counts what a run reports and keeps its warnings.</summary>
    private sealed class Recorder : IRunObserver
    {
        public List<RunWarning> Warnings { get; } = [];

        public int Finished { get; private set; }

        public void OnEvent(RunEvent runEvent)
        {
            switch (runEvent)
            {
                case RunWarning warning:
                    Warnings.Add(warning);
                    break;
                case TableFinished:
                    Finished++;
                    break;
            }
        }
    }
}
