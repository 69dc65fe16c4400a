using DevDbSeed.IntegrationTests.Infrastructure;
using DevDbSeed.Running;
using Npgsql;

namespace DevDbSeed.IntegrationTests.Backup;

/// <summary>
/// A pipeline reading last night's pg_dump archive instead of a live source: restored into a scratch database, masked
/// from it exactly as from the source, and the scratch database gone at the end.
/// </summary>
public sealed class SourceBackupTests : BackupScenario
{
    [Fact]
    public async Task A_custom_format_dump_runs_end_to_end_with_the_sources_row_counts_and_no_leak()
    {
        var dump = await DumpAsync("prod.dump");

        var result = await Devdbseed.RunAsync("run", Pipelines.BackupPipeline(dump, Databases.Uri(Target)), "--plain");

        Outputs.ExitCode(0, result);
        Outputs.Mentions(result, $"source backup {dump}, target ");
        Outputs.Mentions(result, $"restoring {dump} (custom, ");
        Outputs.Mentions(result, "restored 3 tables, 450 rows in ");
        Outputs.Mentions(result, $"replaced from backup {dump}");
        Assert.Equal(await Databases.RowCountsAsync(Source), await Databases.RowCountsAsync(Target));
        Assert.Equal(await Databases.SequencesAsync(Source), await Databases.SequencesAsync(Target));
        Assert.Equal(await Databases.TableHashAsync(Source, "notes"), await Databases.TableHashAsync(Target, "notes"));
        Assert.Empty((await Databases.ColumnAsync(Target, "SELECT email FROM people")).Intersect(await Databases.ColumnAsync(Source, "SELECT email FROM people")));
        Assert.Empty(await ScratchDatabasesAsync());
        Assert.Equal([Target, Target + "_previous", Source], (await Databases.OursAsync()).Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("directory", "prod.dir", "with 2 jobs")]
    [InlineData("tar", "prod.tar", "with 1 jobs")]
    public async Task Directory_and_tar_archives_restore_too_the_tar_format_with_one_job(string format, string name, string jobs)
    {
        var dump = await DumpAsync(name, format);

        var result = await Devdbseed.RunAsync("run", Pipelines.BackupPipeline(dump, Databases.Uri(Target)), "--plain");

        Outputs.ExitCode(0, result);
        Outputs.Mentions(result, $"restoring {dump} ({format}, ");
        Outputs.Mentions(result, jobs);
        Assert.Equal(await Databases.RowCountsAsync(Source), await Databases.RowCountsAsync(Target));
        Assert.Empty(await ScratchDatabasesAsync());
    }

    [Fact]
    public async Task The_dev_database_takes_the_backed_up_databases_encoding_locale_and_settings_not_the_restore_servers()
    {
        var latin1 = Databases.Name("prod_latin1");
        await Databases.AdminAsync($"CREATE DATABASE \"{latin1}\" TEMPLATE template0 ENCODING 'LATIN1' LOCALE 'C'");
        await Databases.ExecuteAsync(latin1, Schema + "\nINSERT INTO notes (body) VALUES ('café crème');");
        await Databases.AdminAsync($"ALTER DATABASE \"{latin1}\" SET datestyle = 'ISO, DMY'");
        await Databases.AdminAsync($"ALTER DATABASE \"{latin1}\" SET search_path = public, 'my schema'");
        var dump = await DumpAsync("latin1.dump", database: latin1);

        Outputs.ExitCode(0, await Devdbseed.RunAsync("run", Pipelines.BackupPipeline(dump, Databases.Uri(Target)), "--plain"));

        Assert.Equal("LATIN1", await Databases.ScalarAsync<string>(Target, "SELECT pg_encoding_to_char(encoding) FROM pg_database WHERE datname = current_database()"));
        Assert.Equal("C", await Databases.ScalarAsync<string>(Target, "SELECT datcollate FROM pg_database WHERE datname = current_database()"));
        Assert.Equal("ISO, DMY", await Databases.ScalarAsync<string>(Target, "SHOW datestyle"));
        Assert.Equal("public, \"my schema\"", await Databases.ScalarAsync<string>(Target, "SHOW search_path"));
        Assert.Equal(1L, await Databases.ScalarAsync<long>(Target, "SELECT count(*) FROM notes WHERE body = 'café crème'"));
        Assert.Empty(await ScratchDatabasesAsync());
    }

    [Fact]
    public async Task A_glob_restores_the_newest_match_by_modification_time()
    {
        var smaller = await Databases.CreateAsync("prod_small", Schema + "\nDELETE FROM notes; DELETE FROM people WHERE id > 7;");
        var newest = await DumpAsync("prod-2026-12-01.dump", database: smaller); // the greater name is older
        var older = await DumpAsync("prod-2026-12-02.dump");
        File.SetLastWriteTimeUtc(older, DateTime.UtcNow.AddDays(-1));

        var result = await Devdbseed.RunAsync("run", Pipelines.BackupPipeline(Path.Combine(Pipelines.Directory, "prod-*.dump"), Databases.Uri(Target)), "--plain");

        Outputs.ExitCode(0, result);
        Outputs.Mentions(result, $"restoring {newest} ");
        Assert.Equal(7L, await Databases.ScalarAsync<long>(Target, "SELECT count(*) FROM people"));
    }

    [Fact]
    public async Task The_restore_server_is_reached_through_the_database_its_connection_names()
    {
        var maintenance = await Databases.CreateAsync("maintenance"); // on some servers the only database the tool may connect to
        var pipeline = Pipelines.BackupPipeline(await DumpAsync("prod.dump"), Databases.Uri(Target), extra: $"restore_server: '{Databases.Uri(maintenance)}'");
        var observer = new ToolSessionsOn(Databases.Keywords("postgres"), maintenance);

        await Seeder.RunAsync(PipelineOptions.Load(pipeline), observer);

        Assert.True(observer.Sessions > 0, $"no devdbseed session on {maintenance} while the backup was restored");
        Assert.Empty(await ScratchDatabasesAsync());
    }

    [Fact]
    public async Task Check_verify_and_report_read_a_backup_too_and_leave_no_scratch_database()
    {
        var dump = await DumpAsync("prod.dump");
        var pipeline = Pipelines.BackupPipeline(dump, Databases.Uri(Target));
        Outputs.ExitCode(0, await Devdbseed.RunAsync("run", pipeline, "--plain"));

        var check = await Devdbseed.RunAsync("check", pipeline);
        var verify = await Devdbseed.RunAsync("verify", pipeline);
        var report = await Devdbseed.RunAsync("report", pipeline, "--format", "md");

        Outputs.ExitCode(0, check);
        Outputs.Mentions(check, "the rules cover the source schema: 3 tables");
        Outputs.ExitCode(0, verify);
        Outputs.Mentions(verify, "none found");
        Outputs.ExitCode(0, report);
        Outputs.Mentions(report, $"# Masking review: backup {dump}");
        Assert.Empty(await ScratchDatabasesAsync());
    }

    [Fact]
    public async Task Source_on_the_command_line_replaces_the_files_backup_and_both_sources_together_are_exit_2()
    {
        var pipeline = Pipelines.BackupPipeline(Path.Combine(Pipelines.Directory, "no-such-*.dump"), Databases.Uri(Target));

        var live = await Devdbseed.RunAsync("check", pipeline, "--source", Databases.Uri(Source));
        var both = await Devdbseed.RunAsync("check", pipeline, "--source", Databases.Uri(Source), "--source-backup", await DumpAsync("prod.dump"));

        Outputs.ExitCode(0, live);
        Outputs.Mentions(live, $"source {Databases.Uri(Source)[13..]}");
        Outputs.ExitCode(2, both);
        Outputs.Mentions(both, "--source and --source-backup name two sources");
    }

    /// <summary>On <see cref="BackupRestoring"/>, counts devdbseed's sessions on <paramref name="database"/>.</summary>
    private sealed class ToolSessionsOn(string admin, string database) : IRunObserver
    {
        public long Sessions { get; private set; }

        public void OnEvent(RunEvent runEvent)
        {
            if (runEvent is BackupRestoring)
            {
                using var connection = new NpgsqlConnection(admin);
                connection.Open();
                using var command = new NpgsqlCommand("SELECT count(*) FROM pg_stat_activity WHERE datname = @name AND application_name = 'devdbseed'", connection);
                command.Parameters.AddWithValue("name", database);
                Sessions = (long)command.ExecuteScalar()!;
            }
        }
    }
}
