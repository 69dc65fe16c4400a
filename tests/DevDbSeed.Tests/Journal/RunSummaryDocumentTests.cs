using System.Text.Json;
using DevDbSeed.Errors;
using DevDbSeed.Journal;
using DevDbSeed.Planning;
using DevDbSeed.Running;
using DevDbSeed.Tests.Support;
using DevDbSeed.Verification;
using static DevDbSeed.Tests.Support.Catalogs;

namespace DevDbSeed.Tests.Journal;

/// <summary>A run's summary document: every field a scheduler and a dashboard read, whatever the outcome, and nothing that is not counts and names.</summary>
public sealed class RunSummaryDocumentTests
{
    [Fact]
    public void A_succeeded_runs_summary_says_everything_in_the_documented_order()
    {
        var recorder = RecordedRuns.Recorder(out var clock).Hear(RecordedRuns.Succeeded());
        clock.Now = RecordedRuns.Start.AddSeconds(42.5);

        using var document = JsonDocument.Parse(RunSummaryDocument.Render(recorder.Finish()));

        var root = document.RootElement;
        Assert.Equal(["format_version", "tool_version", "pipeline", "started_at", "ended_at", "duration_seconds", "exit_code", "status", "failure",
            "source", "target", "rules_files", "totals", "subset", "tables", "after_scripts", "verification", "steps", "warnings", "unclassified", "stale"], Properties(root));
        Assert.Equal(1, root.GetProperty("format_version").GetInt32());
        Assert.Equal(RunSummaryDocument.ToolVersion, root.GetProperty("tool_version").GetString());
        Assert.Equal("nightly", root.GetProperty("pipeline").GetString());
        Assert.Equal("2026-12-07T02:00:00.000Z", root.GetProperty("started_at").GetString());
        Assert.Equal("2026-12-07T02:00:42.500Z", root.GetProperty("ended_at").GetString());
        Assert.Equal(42.5, root.GetProperty("duration_seconds").GetDouble());
        Assert.Equal(0, root.GetProperty("exit_code").GetInt32());
        Assert.Equal("succeeded", root.GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Null, root.GetProperty("failure").ValueKind);
        Assert.Equal("""{"server":"app@db.example:5432","database":"vca","backup_file":null,"snapshot_taken_at":"2026-12-07T02:00:01.500Z","backup":null}""",
            Compact(root.GetProperty("source")));
        Assert.Equal("""{"server":"app@dev.example:5432","database":"vca_dev","previous":"vca_dev_previous","previous_kept":true}""",
            Compact(root.GetProperty("target")));
        Assert.Equal($$"""[{"path":"rules/vca.yaml","sha256":"{{RecordedRuns.RulesFile.Sha256}}"}]""", Compact(root.GetProperty("rules_files")));
        Assert.Equal("""{"tables":4,"copied_tables":2,"rows":60000,"bytes":3000000,"masked_columns":3,"masked_values":70000}""", Compact(root.GetProperty("totals")));
        Assert.Equal("""{"masked_columns":3,"values":12345,"searched_columns":7,"searched_rows":60000,"compared_tables":2,"compared_rows":60000,"hits":0,"hits_by_column":[],"seconds":1.5}""",
            Compact(root.GetProperty("verification")));
        Assert.Equal(["plan 0.25", "rows 3", "uniqueness 1.5", "post_data 2", "verify 1.5", "swap 0.1"],
            root.GetProperty("steps").EnumerateArray().Select(s => $"{s.GetProperty("step").GetString()} {s.GetProperty("seconds").GetDouble()}"));
        Assert.All(root.GetProperty("steps").EnumerateArray(), s => Assert.Equal("succeeded", s.GetProperty("outcome").GetString()));
        Assert.Equal("""[{"kind":"random_key_used","why":"variable_not_set","variable":"DEVDBSEED_SECRET"},{"kind":"unique_collision_repaired","column":"public.users.email","shared_values":2}]""",
            Compact(root.GetProperty("warnings")));
        Assert.Empty(root.GetProperty("unclassified").EnumerateArray());
        Assert.Empty(root.GetProperty("stale").EnumerateArray());
    }

    [Fact]
    public void The_after_scripts_that_ran_are_listed_in_order_and_a_failing_one_is_the_stage()
    {
        var events = RecordedRuns.Succeeded().TakeWhile(e => e is not PostDataStarted).Concat([
            new PostDataStarted(Verifying: false),
            new StepStarted(RunStep.PostData),
            new StepFinished(RunStep.PostData, TimeSpan.FromSeconds(2)),
            new StepStarted(RunStep.AfterScripts),
            new AfterScriptRan("pipelines/after/dev-accounts.sql", 3, TimeSpan.FromSeconds(0.25)),
            new StepFailed(RunStep.AfterScripts, Cancelled: false),
            new StepFinished(RunStep.AfterScripts, TimeSpan.FromSeconds(0.5)),
        ]);
        var recorder = RecordedRuns.Recorder(out _).Hear(events);

        using var document = JsonDocument.Parse(RunSummaryDocument.Render(recorder.Finish(new RunFailedException("after script post.sql:3: relation \"nope\" does not exist (42P01)"))));

        var root = document.RootElement;
        Assert.Equal("""[{"path":"pipelines/after/dev-accounts.sql","statements":3,"seconds":0.25}]""", Compact(root.GetProperty("after_scripts")));
        Assert.Equal("after_scripts", root.GetProperty("failure").GetProperty("stage").GetString());
        Assert.Equal(1, root.GetProperty("exit_code").GetInt32());
        Assert.Equal(JsonValueKind.Null, root.GetProperty("verification").ValueKind);
        Assert.Equal("after_scripts failed", root.GetProperty("steps").EnumerateArray().Select(s => $"{s.GetProperty("step").GetString()} {s.GetProperty("outcome").GetString()}").Last());
    }

    [Fact]
    public void Every_table_of_the_plan_is_listed_by_name_with_its_last_copy_and_those_not_copied_have_no_figures()
    {
        var recorder = RecordedRuns.Recorder(out _).Hear(RecordedRuns.Succeeded());

        using var document = JsonDocument.Parse(RunSummaryDocument.Render(recorder.Finish()));

        Assert.Equal("""
            [{"table":"public.audit_log","mode":"emptied","masked_columns":[],"copied":false,"rows":null,"bytes":null,"masked_values":null,"kept_rows":null,"seconds":null},
            {"table":"public.countries","mode":"passthrough","masked_columns":[],"copied":false,"rows":null,"bytes":null,"masked_values":null,"kept_rows":null,"seconds":null},
            {"table":"public.orders","mode":"masked","masked_columns":["note"],"copied":true,"rows":50000,"bytes":2000000,"masked_values":50000,"kept_rows":null,"seconds":2.5},
            {"table":"public.users","mode":"masked","masked_columns":["email","first_name"],"copied":true,"rows":10000,"bytes":1000000,"masked_values":20000,"kept_rows":null,"seconds":1.25}]
            """.Replace("\n", string.Empty, StringComparison.Ordinal), Compact(document.RootElement.GetProperty("tables")));
    }

    [Fact]
    public void A_run_the_rules_refuse_lists_every_unclassified_and_stale_name_and_where_it_stopped()
    {
        var recorder = RecordedRuns.Recorder(out _).Hear([
            new CommandStarted("app@db.example:5432/vca", "app@dev.example:5432/vca_dev"),
            new RulesLoaded([RecordedRuns.RulesFile]),
            new StepStarted(RunStep.Plan),
            new StepFailed(RunStep.Plan, Cancelled: false),
            new StepFinished(RunStep.Plan, TimeSpan.FromSeconds(0.3)),
        ]);
        var refusal = new RulesMismatchException("the rules do not fit the source schema (3 problems)",
            ["public.gone (rules/vca.yaml:9:3): no such table in the source", "public.users.nickname (rules/vca.yaml:7:7): no such column in the source",
                "public.users.phone: not classified by any rule"],
            [new SchemaMismatch("public.gone", MismatchKind.Stale), new SchemaMismatch("public.users.nickname", MismatchKind.Stale),
                new SchemaMismatch("public.users.phone", MismatchKind.Unclassified)]);

        using var document = JsonDocument.Parse(RunSummaryDocument.Render(recorder.Finish(refusal)));

        var root = document.RootElement;
        Assert.Equal(3, root.GetProperty("exit_code").GetInt32());
        Assert.Equal("refused", root.GetProperty("status").GetString());
        Assert.Equal("plan", root.GetProperty("failure").GetProperty("stage").GetString());
        Assert.Equal(refusal.Message, root.GetProperty("failure").GetProperty("message").GetString());
        Assert.Equal(refusal.Problems, root.GetProperty("failure").GetProperty("problems").EnumerateArray().Select(p => p.GetString()));
        Assert.Equal(["public.users.phone"], root.GetProperty("unclassified").EnumerateArray().Select(n => n.GetString()));
        Assert.Equal(["public.gone", "public.users.nickname"], root.GetProperty("stale").EnumerateArray().Select(n => n.GetString()));
        Assert.Equal("failed", root.GetProperty("steps")[0].GetProperty("outcome").GetString());
        Assert.False(root.GetProperty("target").GetProperty("previous_kept").GetBoolean());
        Assert.Equal(JsonValueKind.Null, root.GetProperty("totals").ValueKind);
        Assert.Equal(JsonValueKind.Null, root.GetProperty("verification").ValueKind);
        Assert.Empty(root.GetProperty("tables").EnumerateArray());
    }

    [Fact]
    public void A_run_that_failed_before_it_began_has_no_source_and_the_target_it_was_given()
    {
        var recorder = RecordedRuns.Recorder(out _);

        using var document = JsonDocument.Parse(RunSummaryDocument.Render(recorder.Finish(new ConfigurationException("rules.yaml:3:5: unknown generator"))));

        var root = document.RootElement;
        Assert.Equal("""{"stage":"configuration","message":"rules.yaml:3:5: unknown generator","problems":[]}""", Compact(root.GetProperty("failure")));
        Assert.Equal(JsonValueKind.Null, root.GetProperty("source").ValueKind);
        Assert.Equal("vca_dev", root.GetProperty("target").GetProperty("database").GetString());
        Assert.Empty(root.GetProperty("rules_files").EnumerateArray());
    }

    [Fact]
    public void A_backup_source_is_described_with_its_file_and_its_restore()
    {
        var backup = new BackupFile("/backups/prod-2026-12-07.dump", "custom", 123_456_789, new string('a', 64),
            RecordedRuns.Start.AddHours(-2), RecordedRuns.Start.AddHours(-1));
        var recorder = RecordedRuns.Recorder(out _).Hear([
            new BackupRestoring(backup, "vca_dev_devdbseed_restore_1a2b", 4),
            new BackupRestored(backup, "vca_dev_devdbseed_restore_1a2b", 12, 150_000, TimeSpan.FromSeconds(61.25)),
            new CommandStarted("backup /backups/prod-2026-12-07.dump", "app@dev.example:5432/vca_dev", "/backups/prod-2026-12-07.dump"),
        ]);

        using var document = JsonDocument.Parse(RunSummaryDocument.Render(recorder.Finish()));

        Assert.Equal($$$"""
            {"path":"/backups/prod-2026-12-07.dump","format":"custom","bytes":123456789,"sha256":"{{{new string('a', 64)}}}",
            "created":"2026-12-07T00:00:00.000Z","modified":"2026-12-07T01:00:00.000Z",
            "restore":{"database":"vca_dev_devdbseed_restore_1a2b","tables":12,"rows":150000,"seconds":61.25}}
            """.Replace("\n", string.Empty, StringComparison.Ordinal), Compact(document.RootElement.GetProperty("source").GetProperty("backup")));
        var source = document.RootElement.GetProperty("source");
        Assert.Equal("/backups/prod-2026-12-07.dump", source.GetProperty("backup_file").GetString());
        Assert.Equal(JsonValueKind.Null, source.GetProperty("server").ValueKind);
        Assert.Equal(JsonValueKind.Null, source.GetProperty("database").ValueKind);
    }

    [Fact]
    public void Verification_hits_are_counts_per_column()
    {
        var leaking = Runs.Verified() with { Hits = [new VerifyHit("public.users.email", "public.users.email", 3, "fake internet.email")] };
        var recorder = RecordedRuns.Recorder(out _).Hear(RecordedRuns.Succeeded(leaking).TakeWhile(e => e is not Swapping));

        using var document = JsonDocument.Parse(RunSummaryDocument.Render(recorder.Finish(new RulesMismatchException("verify found original values", ["public.users.email: 3 original values"]))));

        var verification = document.RootElement.GetProperty("verification");
        Assert.Equal(3, verification.GetProperty("hits").GetInt64());
        Assert.Equal("""[{"found_in":"public.users.email","originals_of":"public.users.email","rule":"fake internet.email","count":3}]""",
            Compact(verification.GetProperty("hits_by_column")));
        Assert.Equal("verify", document.RootElement.GetProperty("failure").GetProperty("stage").GetString());
    }

    [Fact]
    public void A_bugs_message_which_may_quote_a_value_is_not_written_only_its_type()
    {
        const string Marker = "MARKER-7f3a-jane.doe@real.example";
        var recorder = RecordedRuns.Recorder(out _).Hear(RecordedRuns.Succeeded().TakeWhile(e => e is not StepStarted { Step: RunStep.Rows }));

        var text = RunSummaryDocument.Render(recorder.Finish(new FormatException($"The input '{Marker}' was not in a correct format.")));

        Assert.DoesNotContain("MARKER", text, StringComparison.Ordinal);
        using var document = JsonDocument.Parse(text);
        var written = document.RootElement.GetProperty("failure");
        Assert.Equal("after_plan", written.GetProperty("stage").GetString());
        Assert.Equal("internal error (FormatException); the command's log has its trace", written.GetProperty("message").GetString());
    }

    [Fact]
    public void A_known_failure_is_written_from_its_message_and_problems_only_never_its_inner_errors_data_or_stack()
    {
        const string Marker = "MARKER-7f3a-jane.doe@real.example";
        var recorder = RecordedRuns.Recorder(out _).Hear([
            new CommandStarted("app@db.example:5432/vca", "app@dev.example:5432/vca_dev"),
            new StepStarted(RunStep.PostData),
            new StepFailed(RunStep.PostData, Cancelled: false),
            new StepFinished(RunStep.PostData, TimeSpan.FromSeconds(1)),
        ]);
        var failure = Thrown(new RunFailedException("could not create unique index \"users_email_key\" (23505)",
            new InvalidOperationException($"Key (email)=({Marker}) is duplicated.", new FormatException(Marker))));
        failure.Data["detail"] = Marker;
        failure.Source = Marker;
        failure.HelpLink = Marker;

        var text = RunSummaryDocument.Render(recorder.Finish(failure));

        Assert.DoesNotContain("MARKER", text, StringComparison.Ordinal);
        Assert.DoesNotContain(nameof(Thrown), text, StringComparison.Ordinal); // the stack
        using var document = JsonDocument.Parse(text);
        var written = document.RootElement.GetProperty("failure");
        Assert.Equal(["stage", "message", "problems"], Properties(written));
        Assert.Equal("post_data", written.GetProperty("stage").GetString());
        Assert.Equal(failure.Message, written.GetProperty("message").GetString());
        Assert.Empty(written.GetProperty("problems").EnumerateArray());
    }

    [Fact]
    public void A_rules_value_of_a_masked_column_is_not_written_only_the_columns_name()
    {
        const string Marker = "MARKER-7f3a-jane.doe@real.example";
        var plan = Planner.Plan(Plans.Rules($$"""
            public.users:
              columns:
                id: keep
                email: { set: "{{Marker}}" }
            """), Catalogs.Catalog(Tbl("public.users", [Col("id", Int4), Col("email", Text)], rows: 10)));
        var users = plan.Tables.Single();
        var recorder = RecordedRuns.Recorder(out _).Hear([new PlanReady(plan), new TableStarted(users), new TableFinished(Runs.Copied(users, 10, 100, 0.1))]);

        var text = RunSummaryDocument.Render(recorder.Finish());

        Assert.DoesNotContain("MARKER", text, StringComparison.Ordinal);
        Assert.Contains("\"masked_columns\": [\n        \"email\"\n      ]", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_key_of_the_summary_nested_ones_included_is_pinned_so_that_renaming_a_log_field_cannot_change_it()
    {
        var backup = new BackupFile("/backups/prod.dump", "custom", 1, new string('a', 64), RecordedRuns.Start, RecordedRuns.Start);
        var leaking = Runs.Verified() with { Hits = [new VerifyHit("public.users.email", "public.users.email", 1, "fake internet.email")] };
        var recorder = RecordedRuns.Recorder(out _).Hear([
            new BackupRestoring(backup, "restore_db", 2),
            new BackupRestored(backup, "restore_db", 1, 10, TimeSpan.FromSeconds(1)),
            .. RecordedRuns.Succeeded(leaking).TakeWhile(e => e is not Swapping),
            new SubsetSelected(Runs.Plan() with { Subset = Runs.Subset(Runs.Plan(), "public.users") }),
            new AfterScriptRan("post.sql", 1, TimeSpan.FromSeconds(0.1)),
            new Swapping("vca_dev", "vca_dev_previous", TargetExists: true),
            .. EveryWarning(),
        ]);

        using var document = JsonDocument.Parse(RunSummaryDocument.Render(recorder.Finish(new RulesMismatchException("leak", ["public.users.email: 1"],
            [new SchemaMismatch("public.users.phone", MismatchKind.Unclassified)]))));

        Assert.Equal("""
            format_version tool_version pipeline started_at ended_at duration_seconds exit_code status
            failure failure.stage failure.message failure.problems[]
            source source.server source.database source.backup_file source.snapshot_taken_at
            source.backup source.backup.path source.backup.format source.backup.bytes source.backup.sha256 source.backup.created source.backup.modified
            source.backup.restore source.backup.restore.database source.backup.restore.tables source.backup.restore.rows source.backup.restore.seconds
            target target.server target.database target.previous target.previous_kept
            rules_files[] rules_files[].path rules_files[].sha256
            totals totals.tables totals.copied_tables totals.rows totals.bytes totals.masked_columns totals.masked_values
            subset subset.rows subset.rows_estimated subset.queries subset.seconds subset.tables[] subset.tables[].table subset.tables[].role subset.tables[].rows
            subset.tables[].exact subset.tables[].source_rows subset.tables[].selection
            tables[] tables[].table tables[].mode tables[].masked_columns[] tables[].copied tables[].rows tables[].bytes tables[].masked_values tables[].kept_rows tables[].seconds
            after_scripts[] after_scripts[].path after_scripts[].statements after_scripts[].seconds
            verification verification.masked_columns verification.values verification.searched_columns verification.searched_rows
            verification.compared_tables verification.compared_rows verification.hits
            verification.hits_by_column[] verification.hits_by_column[].found_in verification.hits_by_column[].originals_of
            verification.hits_by_column[].rule verification.hits_by_column[].count verification.seconds
            steps[] steps[].step steps[].seconds steps[].outcome
            warnings[] warnings[].kind
            warnings[random_key_used].why warnings[random_key_used].variable
            warnings[unique_collision_repaired].column warnings[unique_collision_repaired].shared_values
            warnings[locale_not_available].encoding warnings[locale_not_available].server_message
            warnings[abandoned_database_dropped].database
            warnings[half_built_database_left].database warnings[half_built_database_left].error
            warnings[rules_need_review].review
            warnings[run_file_not_written].path warnings[run_file_not_written].error
            warnings[abandoned_scratch_dropped].database warnings[abandoned_previous_copy_dropped].database
            warnings[leftover_database_in_use].database warnings[leftover_database_in_use].sessions
            warnings[scratch_database_left].database warnings[scratch_database_left].error
            unclassified[] stale[]
            """.Split((char[])[' ', '\n'], StringSplitOptions.RemoveEmptyEntries), Keys(document.RootElement, string.Empty).Distinct());
    }

    /// <summary>One warning of each kind the summary lists with fields of its own.</summary>
    private static List<RunEvent> EveryWarning() =>
    [
        new LocaleNotAvailable("UTF8", "invalid locale name"),
        new AbandonedDatabaseDropped("vca_dev_devdbseed_new_0"),
        new HalfBuiltDatabaseLeft("vca_dev_devdbseed_new_1", "server closed the connection"),
        new VerifyingWithoutSecret(),
        new RulesNeedReview("public.notes: kept"),
        new RunFileNotWritten("/nowhere/metrics.prom", "Could not find a part of the path."),
        new AbandonedScratchDropped("vca_dev_devdbseed_restore_0"),
        new AbandonedPreviousCopyDropped("vca_dev_devdbseed_old_0"),
        new LeftoverDatabaseInUse("vca_dev_devdbseed_new_2", 1),
        new ScratchDatabaseLeft("vca_dev_devdbseed_restore_1", "server closed the connection"),
    ];

    /// <summary>Every key path of the document, depth first: <c>a.b</c>, <c>list[]</c>, <c>list[].key</c>; a warning's own keys under its kind.</summary>
    private static IEnumerable<string> Keys(JsonElement element, string path)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    var key = path.Length == 0 ? property.Name : $"{path}.{property.Name}";
                    if (path == "warnings[]" && property.Name != "kind")
                    {
                        key = $"warnings[{element.GetProperty("kind").GetString()}].{property.Name}";
                    }

                    if (property.Value.ValueKind != JsonValueKind.Array)
                    {
                        yield return key; // a list is named by its items: list[]
                    }

                    foreach (var nested in Keys(property.Value, key))
                    {
                        yield return nested;
                    }
                }

                break;
            case JsonValueKind.Array:
                yield return $"{path}[]";
                foreach (var nested in element.EnumerateArray().SelectMany(item => Keys(item, $"{path}[]")))
                {
                    yield return nested;
                }

                break;
        }
    }

    private static T Thrown<T>(T exception)
        where T : Exception
    {
        try
        {
            throw exception;
        }
        catch (T thrown)
        {
            return thrown;
        }
    }

    [Theory]
    [InlineData("none", 0, "succeeded")]
    [InlineData("runtime failure", 1, "failed")]
    [InlineData("bug", 1, "failed")]
    [InlineData("configuration", 2, "refused")]
    [InlineData("rules mismatch", 3, "refused")]
    [InlineData("cancellation", 130, "interrupted")]
    public void The_status_follows_the_exit_code(string failure, int exitCode, string status)
    {
        Exception? exception = failure switch
        {
            "runtime failure" => new RunFailedException("failed"),
            "bug" => new InvalidOperationException("failed"),
            "configuration" => new ConfigurationException("failed"),
            "rules mismatch" => new RulesMismatchException("failed", []),
            "cancellation" => new OperationCanceledException(),
            _ => null,
        };

        using var document = JsonDocument.Parse(RunSummaryDocument.Render(RecordedRuns.Recorder(out _).Finish(exception)));

        Assert.Equal(exitCode, document.RootElement.GetProperty("exit_code").GetInt32());
        Assert.Equal(status, document.RootElement.GetProperty("status").GetString());
    }

    private static List<string> Properties(JsonElement element) => [.. element.EnumerateObject().Select(p => p.Name)];

    private static string Compact(JsonElement element) => JsonSerializer.Serialize(element);
}
