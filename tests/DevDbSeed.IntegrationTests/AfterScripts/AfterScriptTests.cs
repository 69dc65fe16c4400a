using System.Text.Json;
using System.Text.RegularExpressions;
using DevDbSeed.IntegrationTests.Infrastructure;
using DevDbSeed.Running;

namespace DevDbSeed.IntegrationTests.AfterScripts;

/// <summary>
/// <c>after:</c> on pagila, as a team uses it: SQL files run in the new database once its rows, indexes and constraints
/// are in, in order, each in one transaction, before the leak verification and the swap. A failing script is exit 1 naming
/// its file and line; a script that brings an original value in is a leak (exit 3); an interruption stops it; each time the
/// target stays exactly as it was. The source is only read.
/// </summary>
public sealed partial class AfterScriptTests(AfterScriptTests.PagilaCopy copy) : IClassFixture<AfterScriptTests.PagilaCopy>
{
    private const string DevPassword = "conformance-after-script";

    [Fact]
    public async Task A_script_resetting_every_staff_password_is_applied_in_the_target_and_reported()
    {
        var sourceBefore = await copy.Databases.StateAsync(copy.Source);
        var target = copy.Databases.Name("after_passwords");
        var script = copy.Write("post.sql", $"UPDATE public.staff SET password = '{DevPassword}';\n");
        var summary = Path.Combine(Path.GetDirectoryName(script)!, "passwords.summary.json");
        var pipeline = copy.Pipeline(Pagila.RulesFile, target, "passwords", extra: $"summary: {Path.GetFileName(summary)}\nafter: [post.sql]");

        var result = await Devdbseed.RunAsync("run", pipeline);

        Outputs.ExitCode(0, result);
        Assert.Matches(@"^0 [1-9]\d*$", await copy.Databases.ScalarAsync<string>(target,
            $"SELECT count(*) FILTER (WHERE password IS DISTINCT FROM '{DevPassword}') || ' ' || count(*) FROM public.staff"));
        Assert.Matches(@$"(?m)^\[\d\d:\d\d\] after: {Regex.Escape(script)} ran in \d+\.\d s$", result.Output);
        Assert.Contains("verifying that no original value reached the new database, what the after scripts wrote included", result.Output, StringComparison.Ordinal);
        Assert.Matches(@"(?m)^steps: .*post-data \d+\.\d s, after scripts \d+\.\d s, verify \d+\.\d s, swap", result.Output);
        using var document = JsonDocument.Parse(await File.ReadAllTextAsync(summary));
        var ran = Assert.Single(document.RootElement.GetProperty("after_scripts").EnumerateArray());
        Assert.Equal(script, ran.GetProperty("path").GetString());
        Assert.Equal(1, ran.GetProperty("statements").GetInt32());
        Assert.Contains(document.RootElement.GetProperty("steps").EnumerateArray(), s => s.GetProperty("step").GetString() == "after_scripts");
        Assert.Equal(sourceBefore, await copy.Databases.StateAsync(copy.Source));
    }

    [Fact]
    public async Task Scripts_run_in_the_order_the_pipeline_lists_them_with_the_unique_indexes_already_built()
    {
        var target = copy.Databases.Name("after_order");
        copy.Write("first.sql", """
            -- test accounts: ON CONFLICT needs the primary key's index, so post-data ran before
            INSERT INTO public.language (language_id, name) VALUES (1, 'Dev-1')
                ON CONFLICT (language_id) DO UPDATE SET name = EXCLUDED.name;
            """);
        copy.Write("second.sql", "UPDATE public.language SET name = name || ', then 2' WHERE language_id = 1;\n");
        var pipeline = copy.Pipeline(Pagila.RulesFile, target, "order", extra: "after:\n  - first.sql\n  - second.sql");

        var result = await Devdbseed.RunAsync("run", pipeline);

        Outputs.ExitCode(0, result);
        Assert.Equal("Dev-1, then 2", (await copy.Databases.ScalarAsync<string>(target, "SELECT name FROM public.language WHERE language_id = 1")).TrimEnd());
        Assert.True(result.Output.IndexOf("first.sql ran in", StringComparison.Ordinal) < result.Output.IndexOf("second.sql ran in", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("UPDATE public.staff SET password = 'dev';\nUPDATE public.customer\n   SET email = no_such_column\n WHERE customer_id = 1;\n", 3,
        "column \"no_such_column\" does not exist (42703)")]
    [InlineData("UPDATE public.staff SET password = 'dev';\n\nINSERT INTO public.language (language_id, name)\nVALUES (1, 'taken');\n", 3,
        "duplicate key value violates unique constraint \"language_pkey\" (23505)")]
    public async Task A_failing_script_is_exit_1_naming_its_file_and_line_and_the_target_stays_exactly_as_it_was(string sql, int line, string message)
    {
        Outputs.ExitCode(0, copy.Result);
        var before = await copy.Databases.StateAsync(copy.Target);
        var databases = await copy.Databases.OursAsync();
        var script = copy.Write($"fails-{line}-{message.Length}.sql", sql);
        var pipeline = copy.Pipeline(Pagila.RulesFile, copy.Target, $"fails-{message.Length}", extra: $"after: [{Path.GetFileName(script)}]");

        var result = await Devdbseed.RunAsync("run", pipeline);

        Outputs.ExitCode(1, result);
        Outputs.NoStackTrace(result);
        Assert.Contains($"error: after script {script}:{line}: {message}", result.Error, StringComparison.Ordinal);
        Assert.Equal(before, await copy.Databases.StateAsync(copy.Target));
        Assert.Equal(databases, await copy.Databases.OursAsync());
        Assert.Equal(0L, await copy.Databases.ScalarAsync<long>("postgres", $"SELECT count(*) FROM pg_database WHERE datname LIKE '{copy.Target}\\_devdbseed\\_%'"));
    }

    [Fact]
    public async Task A_script_that_copies_an_original_value_in_fails_the_run_as_a_leak_without_printing_it()
    {
        var before = await copy.Databases.StateAsync(copy.Target);
        var original = await copy.Databases.ScalarAsync<string>(copy.Source, "SELECT email FROM public.customer WHERE customer_id = 1");
        copy.Write("leak.sql", $"UPDATE public.customer SET email = '{original}' WHERE customer_id = 1;\n");
        var pipeline = copy.Pipeline(Pagila.RulesFile, copy.Target, "leak", extra: "after: [leak.sql]");

        var result = await Devdbseed.RunAsync("run", pipeline);

        Outputs.ExitCode(3, result);
        Outputs.NoStackTrace(result);
        Assert.Matches(@"public\.customer\.email: \d+ original values? of public\.customer\.email", result.All);
        Assert.DoesNotContain(original, result.All, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(before, await copy.Databases.StateAsync(copy.Target));
    }

    [Fact]
    public async Task A_missing_script_is_exit_2_naming_where_the_pipeline_lists_it_before_anything_is_copied()
    {
        var databases = await copy.Databases.OursAsync();
        copy.Write("present.sql", "SELECT 1;\n");
        var pipeline = copy.Pipeline(Pagila.RulesFile, copy.Databases.Name("after_missing"), "missing", extra: "after:\n  - present.sql\n  - absent.sql");
        var line = File.ReadAllLines(pipeline).ToList().FindIndex(l => l.Contains("absent.sql", StringComparison.Ordinal)) + 1;

        var run = await Devdbseed.RunAsync("run", pipeline);
        var check = await Devdbseed.RunAsync("check", pipeline);

        Outputs.ExitCode(2, run);
        Outputs.ExitCode(2, check);
        var absent = Path.Combine(Path.GetDirectoryName(pipeline)!, "absent.sql");
        Assert.Contains($"error: {pipeline}:{line}:5: after script {absent} does not exist", run.Error, StringComparison.Ordinal);
        Assert.Contains($"{pipeline}:{line}:5: after script {absent} does not exist", check.Error, StringComparison.Ordinal);
        Assert.Equal(databases, await copy.Databases.OursAsync());
    }

    [Fact]
    public async Task Check_lists_the_scripts_a_run_would_execute_in_order_in_text_and_in_json()
    {
        var first = copy.Write("check-first.sql", "UPDATE public.staff SET password = 'dev';\n");
        var second = copy.Write("check-second.sql", "DELETE FROM public.payment WHERE false;\nUPDATE public.store SET last_update = now();\n");
        var pipeline = copy.Pipeline(Pagila.RulesFile, copy.Databases.Name("after_check"), "check", extra: "after: [check-first.sql, check-second.sql]");

        var result = await Devdbseed.RunAsync("check", pipeline);

        Outputs.ExitCode(0, result);
        Assert.Contains($"after scripts, run in this order in the new database after post-data and before verification: {first} (1 statement), {second} (2 statements)",
            result.Output, StringComparison.Ordinal);

        var json = await Devdbseed.RunAsync("check", pipeline, "--format", "json");

        Outputs.ExitCode(0, json);
        using var document = JsonDocument.Parse(json.Output);
        var scripts = document.RootElement.GetProperty("afterScripts").EnumerateArray().ToList();
        Assert.Equal([first, second], scripts.Select(s => s.GetProperty("file").GetString()));
        Assert.Equal([1, 2], scripts.Select(s => s.GetProperty("statements").GetInt32()));
    }

    [Fact]
    public async Task Interrupting_a_run_while_a_script_runs_stops_it_and_leaves_the_target_as_it_was()
    {
        var before = await copy.Databases.StateAsync(copy.Target);
        var databases = await copy.Databases.OursAsync();
        copy.Write("slow.sql", "UPDATE public.staff SET password = 'dev';\nSELECT pg_sleep(120);\n");
        var options = PipelineOptions.Load(copy.Pipeline(Pagila.RulesFile, copy.Target, "slow", extra: "after: [slow.sql]"));
        using var interrupt = new CancellationTokenSource();
        var clock = System.Diagnostics.Stopwatch.StartNew();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Seeder.RunAsync(options, new CancelInScripts(interrupt), interrupt.Token));

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(90), $"the script was not stopped: {clock.Elapsed}");
        Assert.Equal(before, await copy.Databases.StateAsync(copy.Target));
        Assert.Equal(databases, await copy.Databases.OursAsync());
        Assert.Equal(0L, await copy.Databases.ScalarAsync<long>("postgres", $"SELECT count(*) FROM pg_database WHERE datname LIKE '{copy.Target}\\_devdbseed\\_%'"));
    }

    /// <summary>Cancels the run a moment after its after scripts began (the slow script is then sleeping in the server).</summary>
    private sealed class CancelInScripts(CancellationTokenSource interrupt) : IRunObserver
    {
        public void OnEvent(RunEvent runEvent)
        {
            if (runEvent is StepStarted { Step: RunStep.AfterScripts })
            {
                interrupt.CancelAfter(TimeSpan.FromSeconds(1));
            }
        }
    }

    /// <summary>pagila, masked once into its target: the target the failing runs must leave untouched.</summary>
    public sealed class PagilaCopy : MaskedOnce
    {
        protected override string TargetName => "pagila_after";

        public string Write(string name, string content) => Pipelines.Write(name, content);

        /// <summary>A pipeline file <paramref name="name"/>.pipeline.yaml from pagila to <paramref name="target"/>.</summary>
        public string Pipeline(string rules, string target, string name, string extra = "") =>
            Pipelines.Pipeline(Databases.Uri(Source), Databases.Uri(target), rules, extra: extra, name: name + ".pipeline.yaml");

        protected override Task<string> CreateSourceAsync() => Pagila.CreateAsync(Databases);

        protected override string RunPipeline() => Pipeline(Pagila.RulesFile, Target, "first");
    }
}
