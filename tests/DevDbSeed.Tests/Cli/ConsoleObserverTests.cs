using System.Text.RegularExpressions;
using DevDbSeed.Cli.Output;
using DevDbSeed.Tests.Support;

namespace DevDbSeed.Tests.Cli;

/// <summary>The plain output is read by nightly job logs, CI and the integration tests: its lines must not change.</summary>
public sealed partial class ConsoleObserverTests
{
    [Fact]
    public void A_run_prints_the_same_plain_lines_as_always()
    {
        var plan = Runs.Plan();
        var users = Runs.Table(plan, "public.users");
        var output = new StringWriter();
        var error = new StringWriter();
        var observer = new ConsoleObserver(output, error, verbosePlan: false);

        observer.Step("source prod, target dev");
        observer.PlanReady(plan);
        observer.TableStarted(users);
        observer.TableProgress(users, 100, 4096);
        var results = new[]
        {
            Runs.Copied(users, 10_000, 1_048_576, 1.26),
            Runs.Copied(Runs.Table(plan, "public.orders"), 50_000, 3_000_000, 0.5),
            Runs.Copied(Runs.Table(plan, "public.countries"), 20, 100, 0.04),
            Runs.Copied(Runs.Table(plan, "public.audit_log"), 0, 0, 0),
        };
        foreach (var result in results)
        {
            observer.TableFinished(result);
        }

        observer.Verified(Runs.Verified());
        observer.Summary(Runs.Summary(results, randomKey: true));

        Assert.Equal("""
            [mm:ss] source prod, target dev
            [mm:ss] plan: 4 tables (2 masked, 1 copied as they are, 1 emptied), 3 masked columns
            [mm:ss]   public.users                                   10,000 rows  masked 2 columns      1.3 s
            [mm:ss]   public.orders                                  50,000 rows  masked 1 column       0.5 s
            [mm:ss]   public.countries                                   20 rows  copied                0.0 s
            [mm:ss]   public.audit_log                                    0 rows  emptied               0.0 s
            [mm:ss] verify: 60,000 rows of 2 tables compared by key with the same source rows
            [mm:ss] verify: 12,345 original values of 3 masked columns searched in 7 columns (60,000 rows): none found (1.5 s)
            [mm:ss] done: postgres@localhost:5432/dev replaced from postgres@db.example:5432/prod
            summary: 4 tables, 60,020 rows, 3 masked columns (70,000 values), 2 sequences, 12.3 s, 4,863 rows/s, 3.9 MB read
            steps: plan 0.2 s, rows 9.9 s

            """, Stamps().Replace(output.ToString(), "[mm:ss]"));
        Assert.Equal("warning: this run masked with a random key: its fakes differ from every other run's\n", error.ToString());
    }

    [Fact]
    public void A_table_with_keep_rows_says_on_its_line_and_in_the_summary_how_many_rows_it_kept_unmasked()
    {
        var plan = Runs.Plan();
        var users = Runs.Table(plan, "public.users") with { KeepRows = new DevDbSeed.Rules.KeepRows("id <= 3", new DevDbSeed.Errors.SourceLocation("rules.yaml", 4, 16)) };
        var output = new StringWriter();
        var observer = new ConsoleObserver(output, new StringWriter(), verbosePlan: false);
        var results = new[] { Runs.Copied(users, 10_000, 1_048_576, 1.26) with { KeptRows = 3 }, Runs.Copied(Runs.Table(plan, "public.orders"), 50_000, 3_000_000, 0.5) };

        observer.TableFinished(results[0]);
        observer.TableFinished(results[1]);
        observer.Summary(Runs.Summary(results));

        var lines = Stamps().Replace(output.ToString(), "[mm:ss]").Split('\n');
        Assert.Equal("[mm:ss]   public.users                                   10,000 rows  masked 2 columns      1.3 s  (3 kept unmasked by keep_rows)", lines[0]);
        Assert.Equal("[mm:ss]   public.orders                                  50,000 rows  masked 1 column       0.5 s", lines[1]);
        Assert.Contains("kept unmasked (keep_rows): public.users 3 rows", lines);
    }

    [GeneratedRegex(@"\[\d\d:\d\d\]")]
    private static partial Regex Stamps();
}
