using System.Text.Json;
using DevDbSeed.Cli.Output;
using DevDbSeed.Configuration;
using DevDbSeed.Errors;
using DevDbSeed.Journal;
using DevDbSeed.Running;
using DevDbSeed.Snapshots;
using DevDbSeed.Tests.Support;

namespace DevDbSeed.Tests.Cli;

/// <summary><c>--log-format json</c>: every line the tool prints, on stdout and stderr, is one JSON object a log collector can read.</summary>
public sealed class JsonLogTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 7, 2, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Every_event_kind_renders_one_json_object_with_time_level_event_and_message()
    {
        var events = EveryEvent();
        Assert.Equal(
            typeof(RunEvent).Assembly.GetTypes().Where(t => t.IsSubclassOf(typeof(RunEvent)) && !t.IsAbstract).Select(t => t.Name).Order(),
            events.Select(e => e.GetType().Name).Distinct().Order());
        var clock = new RecordedRuns.ManualClock(Now);
        var output = new StringWriter();
        var error = new StringWriter();
        var observer = new JsonLogObserver(output, error, clock);

        foreach (var runEvent in events)
        {
            // progress is logged once ten seconds have passed since the table or the download began
            clock.Now = runEvent switch { TableProgress => Now.AddSeconds(10), DownloadProgress => Now.AddSeconds(20), _ => clock.Now };
            observer.OnEvent(runEvent);
        }

        var lines = Lines(output).Concat(Lines(error)).ToList();
        Assert.Equal(events.Count, lines.Count);
        foreach (var line in lines)
        {
            using var json = JsonDocument.Parse(line);
            var root = json.RootElement;
            Assert.Equal(["time", "level", "event", "message"], root.EnumerateObject().Select(p => p.Name).Take(4));
            Assert.Matches(@"^2026-12-07T02:00:[012]0\.000Z$", root.GetProperty("time").GetString());
            Assert.Contains(root.GetProperty("level").GetString(), new[] { "info", "warning", "error" });
            Assert.Matches("^[a-z]+(_[a-z]+)*$", root.GetProperty("event").GetString());
            Assert.False(string.IsNullOrWhiteSpace(root.GetProperty("message").GetString()), line);
            Assert.DoesNotContain('\u001b', line);
        }

        Assert.Equal(events.Select(RunEventJson.Name).Order(), lines.Select(l => JsonDocument.Parse(l).RootElement.GetProperty("event").GetString()!).Order());
    }

    [Fact]
    public void Event_names_are_the_event_types_in_snake_case()
    {
        var plan = Runs.Plan();

        Assert.Equal("step_started", RunEventJson.Name(new StepStarted(RunStep.Plan)));
        Assert.Equal("table_finished", RunEventJson.Name(new TableFinished(Runs.Copied(plan.Tables[0], 1, 1, 1))));
        Assert.Equal("random_key_used", RunEventJson.Name(new RandomKeyUsed(MissingSecret.NotSet)));
        Assert.Equal("post_data_started", RunEventJson.Name(new PostDataStarted(true)));
    }

    [Fact]
    public void Warnings_and_failed_steps_go_to_standard_error_and_every_other_event_to_standard_output()
    {
        var (output, error, observer) = Observer();

        observer.OnEvent(new StepStarted(RunStep.Rows));
        observer.OnEvent(new UniqueCollisionRepaired("public.users.email", 2));
        observer.OnEvent(new StepFailed(RunStep.Rows, Cancelled: false));

        Assert.Equal(["info"], Lines(output).Select(l => Field(l, "level")));
        Assert.Equal(["warning", "error"], Lines(error).Select(l => Field(l, "level")));
    }

    [Fact]
    public void A_tables_line_says_what_the_text_says_and_carries_its_figures()
    {
        var plan = Runs.Plan();
        var (output, _, observer) = Observer();

        observer.OnEvent(new TableFinished(Runs.Copied(Runs.Table(plan, "public.users"), 10_000, 1_048_576, 1.26)));

        Assert.Equal("""
            {"time":"2026-12-07T02:00:00.000Z","level":"info","event":"table_finished","message":"public.users 10,000 rows masked 2 columns 1.3 s",
            "table":"public.users","mode":"masked","rows":10000,"bytes":1048576,"masked_columns":2,"masked_values":20000,"seconds":1.26}
            """.Replace("\n", string.Empty, StringComparison.Ordinal), Assert.Single(Lines(output)));
    }

    [Fact]
    public void A_long_tables_progress_is_logged_every_ten_seconds_at_most()
    {
        var plan = Runs.Plan();
        var users = Runs.Table(plan, "public.users");
        var clock = new RecordedRuns.ManualClock(Now);
        var output = new StringWriter();
        var observer = new JsonLogObserver(output, new StringWriter(), clock);

        observer.OnEvent(new TableStarted(users));
        foreach (var seconds in new[] { 1, 5, 11, 12, 20, 22 })
        {
            clock.Now = Now.AddSeconds(seconds);
            observer.OnEvent(new TableProgress(users, seconds, seconds));
        }

        Assert.Equal(["table_started", "table_progress", "table_progress"], Lines(output).Select(l => Field(l, "event")));
        Assert.Equal(["11", "22"], Lines(output).Skip(1).Select(l => JsonDocument.Parse(l).RootElement.GetProperty("rows").GetRawText()));
    }

    [Fact]
    public void A_downloads_progress_is_logged_every_ten_seconds_at_most_with_its_figures()
    {
        const string Url = "https://cdn.example.com/vca.devdbseed";
        var clock = new RecordedRuns.ManualClock(Now);
        var output = new StringWriter();
        var observer = new JsonLogObserver(output, new StringWriter(), clock);

        observer.OnEvent(new DownloadStarted(Url, 4_000_000));
        foreach (var seconds in new[] { 1, 5, 12, 13, 22 })
        {
            clock.Now = Now.AddSeconds(seconds);
            observer.OnEvent(new DownloadProgress(Url, seconds * 100_000, 4_000_000));
        }

        Assert.Equal(["download_started", "download_progress", "download_progress"], Lines(output).Select(l => Field(l, "event")));
        Assert.Equal("""
            {"time":"2026-12-07T02:00:12.000Z","level":"info","event":"download_progress","message":"downloaded 1.1 of 3.8 MB (30 %)",
            "url":"https://cdn.example.com/vca.devdbseed","bytes":1200000,"total_bytes":4000000}
            """.Replace("\n", string.Empty, StringComparison.Ordinal), Lines(output)[1]);
    }

    [Fact]
    public void The_end_of_a_run_is_one_run_finished_line_with_its_totals_and_steps_and_the_random_key_warning_again()
    {
        var plan = Runs.Plan();
        var (output, error, observer) = Observer();

        observer.Summary(Runs.Summary([Runs.Copied(Runs.Table(plan, "public.users"), 10_000, 1_048_576, 1.26)], randomKey: true));

        using var line = JsonDocument.Parse(Assert.Single(Lines(output)));
        Assert.Equal("run_finished", line.RootElement.GetProperty("event").GetString());
        Assert.Equal(10_000, line.RootElement.GetProperty("rows").GetInt64());
        Assert.Equal(["plan", "rows"], line.RootElement.GetProperty("steps").EnumerateArray().Select(s => s.GetProperty("step").GetString()));
        Assert.Equal("random_key_used", Field(Assert.Single(Lines(error)), "event"));
    }

    [Fact]
    public void The_lines_a_command_prints_about_itself_are_json_objects_in_json_mode()
    {
        var error = new StringWriter();
        var log = new CommandLog(error, LogFormat.Json, new RecordedRuns.ManualClock(Now));

        log.Interrupting();
        log.Interrupted();
        log.Failed(new RulesMismatchException("the rules do not fit the source schema (2 problems)", ["public.a.b: not classified", "public.c: no such table"]));
        log.Bug(new InvalidOperationException("line one\nline two"));
        log.UsageErrors(["--jobs must be from 1 to 64"]);
        log.Warning(new RunFileNotWritten("/nowhere/summary.json", "Could not find a part of the path."));

        var lines = Lines(error);
        Assert.Equal(["interrupting", "interrupted", "error", "internal_error", "usage_error", "run_file_not_written"], lines.Select(l => Field(l, "event")));
        using var failure = JsonDocument.Parse(lines[2]);
        Assert.Equal(3, failure.RootElement.GetProperty("exit_code").GetInt32());
        Assert.Equal(["public.a.b: not classified", "public.c: no such table"], failure.RootElement.GetProperty("problems").EnumerateArray().Select(p => p.GetString()));
        Assert.Contains("line one\nline two", Field(lines[3], "message"), StringComparison.Ordinal);
    }

    [Fact]
    public void The_lines_a_command_prints_about_itself_stay_as_they_were_in_text_mode()
    {
        var error = new StringWriter();
        var log = new CommandLog(error);

        log.Failed(new RulesMismatchException("the rules do not fit the source schema (1 problem)", ["public.a.b: not classified"]));
        log.Interrupted();
        log.UsageErrors(["--jobs must be from 1 to 64"]);

        Assert.Equal("""
            error: the rules do not fit the source schema (1 problem)
              public.a.b: not classified
            devdbseed: interrupted; the target is left as it was
            devdbseed: --jobs must be from 1 to 64
            run 'devdbseed --help' for usage

            """, error.ToString());
    }

    [Fact]
    public void A_command_switches_to_json_once_it_knows_its_format()
    {
        var error = new StringWriter();
        var log = new CommandLog(error);

        log.Format = LogFormat.Json;
        log.Interrupted();

        Assert.Equal("interrupted", Field(Assert.Single(Lines(error)), "event"));
    }

    /// <summary>One event of every kind there is (the first test checks that none is missing).</summary>
    private static List<RunEvent> EveryEvent()
    {
        var plan = Runs.Plan();
        var users = Runs.Table(plan, "public.users");
        var backup = new BackupFile("/backups/prod.dump", "custom", 1_000, new string('b', 64), Now, Now);
        return
        [
            new CommandStarted("app@db:5432/prod", "app@dev:5432/dev"),
            new RulesLoaded([RecordedRuns.RulesFile]),
            new SnapshotOpened("app@db:5432/prod", Now),
            new BackupRestoring(backup, "dev_restore", 2),
            new BackupRestored(backup, "dev_restore", 3, 300, TimeSpan.FromSeconds(2)),
            new StepStarted(RunStep.Plan),
            new PlanReady(plan),
            new StepFinished(RunStep.Plan, TimeSpan.FromSeconds(0.1)),
            new SubsetSelected(plan with { Subset = Runs.Subset(plan, "public.users") }),
            new StepFailed(RunStep.Rows, Cancelled: true),
            new SchemaRestoring("dev_devdbseed_new_1", 15),
            new CopyStarted(4, 2),
            new TableStarted(users),
            new TableProgress(users, 10, 100),
            new TableFinished(Runs.Copied(users, 10, 100, 0.1)),
            new PostDataStarted(Verifying: true),
            new AfterScriptsReady([new AfterScriptInfo("post.sql", 2)]),
            new AfterScriptRan("post.sql", 2, TimeSpan.FromSeconds(0.1)),
            new Verified(Runs.Verified()),
            new Swapping("dev", "dev_previous", TargetExists: true),
            new RolledBack("dev", "dev_previous", TargetExisted: true),
            new SnapshotWritten("/srv/snapshots/vca.snapshot", 123_456, 4_567),
            new DownloadStarted("https://cdn.example.com/vca.devdbseed?***", 2_000_000),
            new DownloadProgress("https://cdn.example.com/vca.devdbseed?***", 1_000_000, 2_000_000),
            new DownloadFinished("https://cdn.example.com/vca.devdbseed?***", 2_000_000, TimeSpan.FromSeconds(3)),
            new SnapshotChecked("https://cdn.example.com/vca.devdbseed?***", 1_999_000, 12, 4_567, SignatureCheck.Verified, new string('c', 64)),
            new SnapshotSigned("/etc/devdbseed/snapshots.key.pem", new string('c', 64)),
            new SnapshotRestoring("dev_devdbseed_new_1", 2),
            new SamplingStarted(1000),
            new SampleStarted("app@dev:5432/vca", 100, 10, 4),
            new SampleTablesFilled(["users", "courses"], TimeSpan.FromSeconds(1)),
            new SourceClassified("app@db:5432/prod", 12, 12_000),
            new RulesUpdated(["public.users.phone"]),
            new RandomKeyUsed(MissingSecret.NotSet),
            new VerifyingWithoutSecret(),
            new LocaleNotAvailable("UTF8", "invalid locale name"),
            new AbandonedDatabaseDropped("dev_devdbseed_new_0"),
            new UniqueCollisionRepaired("public.users.email", 2),
            new HalfBuiltDatabaseLeft("dev_devdbseed_new_1", "server closed the connection"),
            new RulesNeedReview("public.notes: kept, but 12 % of sampled values contain e-mail addresses"),
            new RunFileNotWritten("/nowhere/metrics.prom", "Could not find a part of the path."),
            new AbandonedScratchDropped("dev_devdbseed_restore_0"),
            new AbandonedPreviousCopyDropped("dev_devdbseed_old_0"),
            new LeftoverDatabaseInUse("dev_devdbseed_restore_1", 2),
            new ScratchDatabaseLeft("dev_devdbseed_restore_2", "server closed the connection"),
        ];
    }

    [Fact]
    public void An_after_scripts_line_says_what_the_text_says_and_carries_its_path_statements_and_seconds()
    {
        var (output, _, observer) = Observer();

        observer.OnEvent(new AfterScriptRan("pipelines/after/dev-accounts.sql", 3, TimeSpan.FromSeconds(0.125)));

        Assert.Equal("""
            {"time":"2026-12-07T02:00:00.000Z","level":"info","event":"after_script_ran","message":"after: pipelines/after/dev-accounts.sql ran in 0.1 s",
            "path":"pipelines/after/dev-accounts.sql","statements":3,"seconds":0.125}
            """.Replace("\n", string.Empty, StringComparison.Ordinal), Assert.Single(Lines(output)));
    }

    private static (StringWriter Output, StringWriter Error, JsonLogObserver Observer) Observer()
    {
        var output = new StringWriter();
        var error = new StringWriter();
        return (output, error, new JsonLogObserver(output, error, new RecordedRuns.ManualClock(Now)));
    }

    private static List<string> Lines(StringWriter writer) => [.. writer.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries)];

    private static string Field(string line, string name) => JsonDocument.Parse(line).RootElement.GetProperty(name).GetString()!;
}
