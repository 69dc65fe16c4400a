using System.Text.RegularExpressions;
using DevDbSeed.Cli.Output;
using DevDbSeed.Running;
using DevDbSeed.Tests.Support;

namespace DevDbSeed.Tests.Cli;

/// <summary>The events of a command, as the plain output words them: nightly job logs and the integration tests read these lines.</summary>
public sealed partial class RunEventLinesTests
{
    [Fact]
    public void A_runs_events_give_its_plain_lines_in_order()
    {
        var plan = Runs.Plan();
        var users = Runs.Table(plan, "public.users");
        var (output, error, observer) = Observer();

        foreach (var runEvent in new RunEvent[]
        {
            new CommandStarted("postgres@db:5432/prod", "postgres@dev:5432/dev"),
            new RandomKeyUsed(MissingSecret.VariableNotSet, "DEVDBSEED_SECRET"),
            new StepStarted(RunStep.Plan),
            new PlanReady(plan),
            new StepFinished(RunStep.Plan, TimeSpan.FromSeconds(0.1)),
            new StepStarted(RunStep.Schema),
            new SchemaRestoring("dev_devdbseed_new_1a2b", 15),
            new CopyStarted(4, 2),
            new TableStarted(users),
            new TableProgress(users, 10, 100),
            new TableFinished(Runs.Copied(users, 10_000, 1_048_576, 1.26)),
            new UniqueCollisionRepaired("public.users.code", 2),
            new PostDataStarted(Verifying: true),
            new StepStarted(RunStep.Verify),
            new Verified(Runs.Verified()),
            new Swapping("dev", "dev_previous", TargetExists: true),
        })
        {
            observer.OnEvent(runEvent);
        }

        Assert.Equal("""
            [mm:ss] source postgres@db:5432/prod, target postgres@dev:5432/dev
            [mm:ss] reading the source schema
            [mm:ss] plan: 4 tables (2 masked, 1 copied as they are, 1 emptied), 3 masked columns
            [mm:ss] building dev_devdbseed_new_1a2b: schema (pg_dump 15)
            [mm:ss] copying 4 tables with 2 jobs
            [mm:ss]   public.users                                   10,000 rows  masked 2 columns      1.3 s
            [mm:ss] building indexes, constraints and triggers, refreshing materialized views; verifying that no original value reached the new database
            [mm:ss] verify: 60,000 rows of 2 tables compared by key with the same source rows
            [mm:ss] verify: 12,345 original values of 3 masked columns searched in 7 columns (60,000 rows): none found (1.5 s)
            [mm:ss] swapping in the new dev (the old one becomes dev_previous)

            """, Stamps().Replace(output.ToString(), "[mm:ss]"));
        Assert.Equal("""
            warning: environment variable DEVDBSEED_SECRET is not set: masking with a random key for this run, so fakes will differ from the previous run
            warning: public.users.code: 2 masked value(s) shared by distinct originals; repairing

            """, error.ToString());
    }

    [Fact]
    public void The_verify_command_announces_its_verification_which_a_run_announces_with_its_post_data()
    {
        var (output, _, observer) = Observer();

        observer.OnEvent(new CommandStarted("postgres@db:5432/prod", "postgres@dev:5432/dev"));
        observer.OnEvent(new StepStarted(RunStep.Verify));

        Assert.EndsWith("verifying that no original value of a masked column is in the target\n", output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_run_with_after_scripts_says_each_script_and_then_that_it_verifies_what_they_wrote()
    {
        var (output, _, observer) = Observer();

        foreach (var runEvent in new RunEvent[]
        {
            new PostDataStarted(Verifying: false),
            new StepStarted(RunStep.PostData),
            new StepFinished(RunStep.PostData, TimeSpan.FromSeconds(1)),
            new StepStarted(RunStep.AfterScripts),
            new AfterScriptRan("pipelines/after/dev-accounts.sql", 3, TimeSpan.FromSeconds(0.12)),
            new AfterScriptRan("post.sql", 1, TimeSpan.FromSeconds(0.04)),
            new StepFinished(RunStep.AfterScripts, TimeSpan.FromSeconds(0.2)),
            new StepStarted(RunStep.Verify),
        })
        {
            observer.OnEvent(runEvent);
        }

        Assert.Equal("""
            [mm:ss] building indexes, constraints and triggers; refreshing materialized views
            [mm:ss] running the after scripts in the new database
            [mm:ss] after: pipelines/after/dev-accounts.sql ran in 0.1 s
            [mm:ss] after: post.sql ran in 0.0 s
            [mm:ss] verifying that no original value reached the new database, what the after scripts wrote included

            """, Stamps().Replace(output.ToString(), "[mm:ss]"));
        Assert.Equal("after scripts", RunText.StepName(RunStep.AfterScripts));
    }

    [Fact]
    public void Check_lists_the_after_scripts_in_the_order_a_run_executes_them()
    {
        var line = RunText.Line(new AfterScriptsReady([new AfterScriptInfo("pipelines/after/dev-accounts.sql", 3), new AfterScriptInfo("post.sql", 1)]));

        Assert.Equal("after scripts, run in this order in the new database after post-data and before verification: "
            + "pipelines/after/dev-accounts.sql (3 statements), post.sql (1 statement)", line);
    }

    [Theory]
    [InlineData(MissingSecret.NotSet, null, "the pipeline sets no secret")]
    [InlineData(MissingSecret.Empty, null, "the secret is empty")]
    [InlineData(MissingSecret.VariableNotSet, "KEY", "environment variable KEY is not set")]
    public void A_random_key_warning_says_why_there_is_no_secret(MissingSecret why, string? variable, string said)
    {
        Assert.StartsWith(said + ": masking with a random key", RunText.Warning(new RandomKeyUsed(why, variable)), StringComparison.Ordinal);
    }

    [Fact]
    public void Every_warning_has_its_own_words()
    {
        RunWarning[] warnings =
        [
            new RandomKeyUsed(MissingSecret.NotSet), new VerifyingWithoutSecret(), new LocaleNotAvailable("UTF8", "invalid locale name"),
            new AbandonedDatabaseDropped("dev_devdbseed_new_1"), new UniqueCollisionRepaired("public.t.c", 1), new HalfBuiltDatabaseLeft("x", "gone"),
            new RulesNeedReview("public.t.c: review it"), new AbandonedScratchDropped("x"), new AbandonedPreviousCopyDropped("x"),
            new LeftoverDatabaseInUse("x", 1), new ScratchDatabaseLeft("x", "gone"),
        ];

        var words = warnings.Select(RunText.Warning).ToList();

        Assert.DoesNotContain(words, w => w.Contains("RunWarning", StringComparison.Ordinal) || w.Contains(" { ", StringComparison.Ordinal));
        Assert.Equal(words.Count, words.Distinct().Count());
    }

    [Fact]
    public void Rules_init_and_sample_create_print_their_lines_without_timestamps_and_warnings_apart()
    {
        var lines = new StringWriter();
        var warnings = new StringWriter();
        var observer = new MessageObserver(lines, warnings);

        observer.OnEvent(new SampleStarted("postgres@localhost:5432/vca", 10_000, 20, 2));
        observer.OnEvent(new SampleTablesFilled(["users", "enrolments", "payments"], TimeSpan.FromSeconds(3.21)));
        observer.OnEvent(new SourceClassified("postgres@localhost:5432/vca", 12, 3_456));
        observer.OnEvent(new RulesUpdated([]));
        observer.OnEvent(new RulesNeedReview("public.t.c: the table is keep as a whole, but it holds e-mails: review it"));

        Assert.Equal("""
            creating the Vibe Code Academy sample in postgres@localhost:5432/vca: 10,000 users, 20 courses, 2 connections
              users, enrolments and payments in 3.2 s
            rules init: 12 tables and 3456 sampled rows of postgres@localhost:5432/vca
            rules init --update: nothing to add, the file covers every table and column

            """, lines.ToString());
        Assert.Equal("warning: public.t.c: the table is keep as a whole, but it holds e-mails: review it\n", warnings.ToString());
    }

    private static (StringWriter Output, StringWriter Error, ConsoleObserver Observer) Observer()
    {
        var output = new StringWriter();
        var error = new StringWriter();
        return (output, error, new ConsoleObserver(output, error, verbosePlan: false));
    }

    [GeneratedRegex(@"\[\d\d:\d\d\]")]
    private static partial Regex Stamps();
}
