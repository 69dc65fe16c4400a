using DevDbSeed.Configuration;
using DevDbSeed.Errors;
using DevDbSeed.Running;
using DevDbSeed.Tests.Support;

namespace DevDbSeed.Tests.Api;

/// <summary>The .NET API's options: read from the shipped pipelines as the command line reads them, checked at the edge, never printing a secret.</summary>
public sealed class PipelineOptionsTests : IDisposable
{
    private static readonly string ShippedPipelines = Path.Combine(AppContext.BaseDirectory, "Shipped", "pipelines");
    private static readonly string VcaRules = Path.Combine(AppContext.BaseDirectory, "Shipped", "rules", "vca.yaml");

    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Load_reads_the_shipped_nightly_pipeline_with_its_variables_expanded()
    {
        var options = PipelineOptions.Load(Path.Combine(ShippedPipelines, "nightly.yaml"),
            Env(("PROD_URL", "postgresql://replica/vca"), ("DEVDB_URL", "postgresql://dev/vca"), ("DEVDBSEED_SECRET", "k3y")));

        Assert.Equal("postgresql://replica/vca", options.Source);
        Assert.Equal("postgresql://dev/vca", options.Target);
        Assert.Equal([VcaRules], options.RulesFiles.Select(Path.GetFullPath));
        Assert.Equal("k3y", options.Secret);
        Assert.Equal(4, options.Jobs);
        Assert.True(options.TerminateConnections);
        Assert.False(options.KeepOwners);
        Assert.False(options.KeepPrivileges);
        Assert.Null(options.PgBin);
        Assert.Equal(VerifyOptions.Default, options.Verify);
    }

    [Fact]
    public void Load_takes_the_defaults_of_the_shipped_local_refresh_pipeline()
    {
        var options = PipelineOptions.Load(Path.Combine(ShippedPipelines, "local-refresh.yaml"), Env(("SHARED_DEV_URL", "postgresql://shared/vca_dev")));

        Assert.Equal("postgresql://localhost/vca_dev", options.Target);
        Assert.Equal("local-refresh", options.Secret);
        Assert.Equal(2, options.Jobs);
        Assert.False(options.TerminateConnections);
    }

    [Fact]
    public void A_source_variable_that_is_not_set_is_named_when_a_command_needs_the_source_unless_the_source_is_given()
    {
        var options = PipelineOptions.Load(Path.Combine(ShippedPipelines, "nightly.yaml"), Env());

        Assert.Equal("dev:5432/vca", (options with { Source = "postgresql://dev/vca" }).Resolve("check", needsTarget: false).Source!.ToString());
        var error = Assert.Throws<ConfigurationException>(() => options.Resolve("check", needsTarget: false));

        Assert.Matches(@"nightly\.yaml:\d+:\d+: environment variable PROD_URL is not set$", error.Message);
    }

    [Fact]
    public void A_target_variable_that_is_not_set_is_named_only_by_what_needs_a_target()
    {
        var options = PipelineOptions.Load(Path.Combine(ShippedPipelines, "nightly.yaml"), Env(("PROD_URL", "postgresql://replica/vca"), ("DEVDBSEED_SECRET", "k3y")));

        Assert.Null(options.Target);
        Assert.Null(options.Resolve("check", needsTarget: false).Target);
        var error = Assert.Throws<ConfigurationException>(() => options.Resolve("run", needsTarget: true));
        Assert.Contains("environment variable DEVDB_URL is not set", error.Message, StringComparison.Ordinal);
        Assert.Equal("dev:5432/vca", (options with { Target = "postgresql://dev/vca" }).Resolve("run", needsTarget: true).Target!.ToString());
    }

    [Fact]
    public void The_target_alone_resolves_without_the_source_the_secret_or_the_rules_files()
    {
        var loaded = PipelineOptions.Load(Path.Combine(ShippedPipelines, "nightly.yaml"), Env(("DEVDB_URL", "postgresql://dev/vca")));
        var options = loaded with { RulesFiles = ["no-such-rules.yaml"] };

        Assert.Equal("dev:5432/vca", options.ResolveTarget("rollback").ToString());
        Assert.Throws<ConfigurationException>(() => options.Resolve("run", needsTarget: true));
    }

    [Fact]
    public void The_target_alone_names_its_variable_when_it_is_not_set()
    {
        var options = PipelineOptions.Load(Path.Combine(ShippedPipelines, "nightly.yaml"), Env());

        var error = Assert.Throws<ConfigurationException>(() => options.ResolveTarget("rollback"));

        Assert.Matches(@"nightly\.yaml:\d+:\d+: environment variable DEVDB_URL is not set$", error.Message);
    }

    [Fact]
    public void A_backup_pipeline_rolls_back_without_its_backup_and_restore_server_variables()
    {
        var options = PipelineOptions.Load(Path.Combine(ShippedPipelines, "nightly-from-backup.yaml"), Env(("DEVDB_URL", "postgresql://dev/vca")));

        Assert.Equal("dev:5432/vca", options.ResolveTarget("rollback").ToString());
        var error = Assert.Throws<ConfigurationException>(() => options.Resolve("run", needsTarget: true));
        Assert.Matches(@"nightly-from-backup\.yaml:\d+:\d+: environment variable BACKUP_DIR is not set$", error.Message);
    }

    [Fact]
    public void A_restore_server_variable_that_is_not_set_is_named_rather_than_restoring_on_the_target_server()
    {
        var options = PipelineOptions.Load(Path.Combine(ShippedPipelines, "nightly-from-backup.yaml"),
            Env(("DEVDB_URL", "postgresql://dev/vca"), ("BACKUP_DIR", Path.GetTempPath())));

        var error = Assert.Throws<ConfigurationException>(() => options.Resolve("run", needsTarget: true));

        Assert.Matches(@"nightly-from-backup\.yaml:\d+:\d+: environment variable RESTORE_URL is not set$", error.Message);
    }

    [Fact]
    public void A_run_whose_summary_variable_is_not_set_is_refused_naming_it_and_other_commands_do_not_mind()
    {
        var pipeline = Path.Combine(Path.GetTempPath(), $"devdbseed-summary-{Guid.NewGuid():N}.yaml");
        File.WriteAllText(pipeline, $"source: postgresql://prod/vca\ntarget: postgresql://dev/vca\nrules: {VcaRules}\nsummary: ${{MONITORING_DIR}}/summary.json\n");
        try
        {
            var options = PipelineOptions.Load(pipeline, Env());

            var error = Assert.Throws<ConfigurationException>(() => options.Resolve(PipelineOptions.RunOperation, needsTarget: true));

            Assert.EndsWith("environment variable MONITORING_DIR is not set", error.Message, StringComparison.Ordinal);
            Assert.Null(options.SummaryFile);
            options.Resolve("check", needsTarget: false);
        }
        finally
        {
            File.Delete(pipeline);
        }
    }

    [Fact]
    public void A_secret_variable_that_is_not_set_gives_a_random_key_and_the_reason_naming_it()
    {
        var options = PipelineOptions.Load(Path.Combine(ShippedPipelines, "nightly.yaml"), Env(("PROD_URL", "postgresql://replica/vca")));

        var run = options.Resolve("check", needsTarget: false);

        Assert.Null(options.Secret);
        Assert.True(run.Keys.IsRandom);
        Assert.Equal(new RandomKeyUsed(MissingSecret.VariableNotSet, "DEVDBSEED_SECRET"), run.NoSecret);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(PipelineFile.MaxJobs + 1)]
    public async Task Jobs_out_of_range_is_exit_2_naming_the_setting(int jobs)
    {
        var error = await Assert.ThrowsAsync<ConfigurationException>(() => Seeder.CheckAsync(Options() with { Jobs = jobs }));

        Assert.Equal(ExitCode.InvalidConfiguration, error.ExitCode);
        Assert.StartsWith("PipelineOptions.Jobs must be from 1 to 64", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_and_verify_without_a_target_are_exit_2_naming_the_setting()
    {
        var run = await Assert.ThrowsAsync<ConfigurationException>(() => Seeder.RunAsync(Options() with { Target = null }));
        var verify = await Assert.ThrowsAsync<ConfigurationException>(() => Seeder.VerifyAsync(Options() with { Target = " " }));

        Assert.StartsWith("PipelineOptions.Target is not set: run needs", run.Message, StringComparison.Ordinal);
        Assert.StartsWith("PipelineOptions.Target is not set: verify needs", verify.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_rules_file_that_does_not_exist_is_exit_2_naming_it()
    {
        var missing = Path.Combine(_dir.Root, "nowhere.yaml");

        var error = await Assert.ThrowsAsync<ConfigurationException>(() => Seeder.CheckAsync(Options() with { RulesFiles = [missing] }));

        Assert.Equal($"PipelineOptions.RulesFiles names {missing}, which does not exist", error.Message);
    }

    [Fact]
    public async Task A_bad_rules_file_is_exit_2_before_any_connection()
    {
        var rules = _dir.Write("rules.yaml", "version: 1\ntables:\n  public.users:\n    columns:\n      email: internet.emial\n");

        var error = await Assert.ThrowsAsync<ConfigurationException>(() => Seeder.CheckAsync(Options() with { RulesFiles = [rules] }));

        Assert.Contains("internet.emial", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_cancelled_token_is_an_OperationCanceledException_before_anything_is_read()
    {
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Seeder.RunAsync(Options(), cancellationToken: cancelled.Token));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Seeder.InitRulesAsync(new RulesInitOptions { Source = "postgresql://h/db" }, cancellationToken: cancelled.Token));
    }

    [Fact]
    public async Task Report_and_rules_init_samples_out_of_range_are_exit_2()
    {
        await Assert.ThrowsAsync<ConfigurationException>(() => Seeder.ReportAsync(Options(), sampleRows: -1));
        await Assert.ThrowsAsync<ConfigurationException>(() => Seeder.InitRulesAsync(new RulesInitOptions { Source = "postgresql://h/db", SampleRows = 1_000_001 }));
    }

    [Fact]
    public void Printed_options_show_neither_passwords_nor_the_secret()
    {
        var options = Options() with { Target = "Host=dev;Database=vca;Username=app;Password=hunter2" };

        var text = options.ToString() + new RulesInitOptions { Source = options.Source };

        Assert.DoesNotContain("s3cret-pw", text, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", text, StringComparison.Ordinal);
        Assert.DoesNotContain("masking-k3y", text, StringComparison.Ordinal);
        Assert.Contains("Source = reader@replica:5432/vca", text, StringComparison.Ordinal);
        Assert.Contains("Target = app@dev:5432/vca", text, StringComparison.Ordinal);
        Assert.Contains("Secret = (set)", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_resolves_after_scripts_relative_to_the_pipeline_and_check_and_run_read_them()
    {
        _dir.Write("rules.yaml", "version: 1\ntables: {}\n");
        _dir.Write("after/post.sql", "UPDATE staff SET password = 'x';\nDELETE FROM webhooks;\n");
        _dir.Write("accounts.sql", "INSERT INTO staff VALUES (1);\n");
        var pipeline = _dir.Write("p.yaml", "source: postgresql://replica/vca\ntarget: postgresql://dev/vca\nrules: rules.yaml\n"
            + "after: [after/post.sql, '${MORE:-}', accounts.sql]\n");

        var options = PipelineOptions.Load(pipeline, Env());

        Assert.Equal([Path.Combine(_dir.Root, "after", "post.sql"), Path.Combine(_dir.Root, "accounts.sql")], options.AfterScripts.Select(Path.GetFullPath));
        var run = options.Resolve(PipelineOptions.RunOperation, needsTarget: true);
        Assert.Equal([2, 1], run.AfterScripts!.Select(s => s.Statements.Count));
        Assert.Equal(2, options.Resolve(PipelineOptions.CheckOperation, needsTarget: false).AfterScripts!.Count);
        Assert.Empty(options.Resolve("verify", needsTarget: true).AfterScripts!);
    }

    [Fact]
    public void A_missing_after_script_refuses_run_and_check_where_the_pipeline_names_it_and_other_commands_do_not_mind()
    {
        _dir.Write("rules.yaml", "version: 1\ntables: {}\n");
        var pipeline = _dir.Write("p.yaml", "source: postgresql://replica/vca\ntarget: postgresql://dev/vca\nrules: rules.yaml\nafter:\n  - gone.sql\n");
        var options = PipelineOptions.Load(pipeline, Env());

        var run = Assert.Throws<ConfigurationException>(() => options.Resolve(PipelineOptions.RunOperation, needsTarget: true));
        var check = Assert.Throws<ConfigurationException>(() => options.Resolve(PipelineOptions.CheckOperation, needsTarget: false));

        Assert.Equal($"{pipeline}:5:5: after script {Path.Combine(_dir.Root, "gone.sql")} does not exist", run.Message);
        Assert.Equal(run.Message, check.Message);
        options.Resolve("report", needsTarget: false);
        var inCode = Assert.Throws<ConfigurationException>(() => (options with { AfterScripts = ["nowhere/else.sql"] }).Resolve(PipelineOptions.RunOperation, needsTarget: true));
        Assert.Equal("after script nowhere/else.sql does not exist", inCode.Message);
    }

    [Fact]
    public void An_after_script_variable_that_is_not_set_refuses_a_run_naming_it_unless_the_scripts_are_replaced()
    {
        _dir.Write("rules.yaml", "version: 1\ntables: {}\n");
        var pipeline = _dir.Write("p.yaml", "source: postgresql://replica/vca\ntarget: postgresql://dev/vca\nrules: rules.yaml\nafter: ['${SCRIPTS}/post.sql']\n");
        var options = PipelineOptions.Load(pipeline, Env());

        var error = Assert.Throws<ConfigurationException>(() => options.Resolve(PipelineOptions.RunOperation, needsTarget: true));

        Assert.Equal($"{pipeline}:4:9: environment variable SCRIPTS is not set", error.Message);
        Assert.Empty((options with { AfterScripts = [] }).Resolve(PipelineOptions.RunOperation, needsTarget: true).AfterScripts!);
    }

    private static PipelineOptions Options() => new()
    {
        Source = "postgresql://reader:s3cret-pw@replica/vca",
        Target = "postgresql://dev/vca",
        RulesFiles = [VcaRules],
        Secret = "masking-k3y",
    };

    private static Func<string, string?> Env(params (string Name, string Value)[] variables) =>
        name => variables.FirstOrDefault(v => v.Name == name).Value;
}
