using DevDbSeed.IntegrationTests.Infrastructure;
using DevDbSeed.Running;

namespace DevDbSeed.IntegrationTests.Backup;

/// <summary>
/// A backup that cannot be read or restored, a run that stops after the restore: every one ends with the target
/// exactly as it was and no scratch database left, with the exit code the README documents.
/// </summary>
public sealed class BackupFailureTests : BackupSource
{
    [Theory]
    [InlineData("prod.sql", "input file appears to be a text format dump. Please use psql.")]
    [InlineData("garbage.dump", "input file does not appear to be a valid archive")]
    public async Task A_file_that_is_not_a_pg_dump_archive_is_exit_2_naming_the_file(string name, string reason)
    {
        var file = Path.Combine(Pipelines.Directory, name);
        if (name.EndsWith(".sql", StringComparison.Ordinal))
        {
            await PgDump.ArchiveAsync(Databases, Source, "plain", file);
        }
        else
        {
            await File.WriteAllBytesAsync(file, [.. Enumerable.Range(0, 4096).Select(i => (byte)(i * 31 % 251))]);
        }

        var result = await AssertFailsCleanlyAsync("run", Pipelines.BackupPipeline(file, Databases.Uri(Target)), "--plain");

        Outputs.ExitCode(2, result);
        Outputs.Mentions(result, $"error: the source backup {file} is not a readable pg_dump archive: {reason}");
    }

    [Fact]
    public async Task A_glob_matching_nothing_is_exit_2_naming_the_pattern()
    {
        await DumpAsync("prod.dump");
        var pattern = Path.Combine(Pipelines.Directory, "prod-*.dump");

        var result = await AssertFailsCleanlyAsync("run", Pipelines.BackupPipeline(pattern, Databases.Uri(Target)), "--plain");

        Outputs.ExitCode(2, result);
        Outputs.Mentions(result, $"error: the source backup pattern {pattern} matches no file");
    }

    [Fact]
    public async Task A_truncated_archive_whose_table_of_contents_reads_fails_the_restore_with_exit_1_and_pg_restores_error()
    {
        var dump = await DumpAsync("prod.dump");
        var bytes = await File.ReadAllBytesAsync(dump);
        await File.WriteAllBytesAsync(dump, bytes[..^200]); // the rows of the last table are cut

        var result = await AssertFailsCleanlyAsync("run", Pipelines.BackupPipeline(dump, Databases.Uri(Target)), "--plain");

        Outputs.ExitCode(1, result);
        Outputs.Mentions(result, $"error: restoring the source backup {dump} failed: pg_restore: ");
    }

    [Fact]
    public async Task A_restore_server_where_the_tool_may_not_create_databases_is_exit_1()
    {
        var role = Databases.Prefix + "nocreatedb";
        await Databases.AdminAsync($"CREATE ROLE \"{role}\" LOGIN NOCREATEDB");
        try
        {
            var server = $"postgresql://{role}@{Databases.Uri(Target).Split('@')[1].Split('/')[0]}/postgres";
            var pipeline = Pipelines.BackupPipeline(await DumpAsync("prod.dump"), Databases.Uri(Target), extra: $"restore_server: '{server}'");

            var result = await AssertFailsCleanlyAsync("run", pipeline, "--plain");

            Outputs.ExitCode(1, result);
            Outputs.Mentions(result, "permission denied to create database");
        }
        finally
        {
            await Databases.AdminAsync($"DROP ROLE \"{role}\"");
        }
    }

    [Fact]
    public async Task Rules_that_do_not_cover_the_backup_are_exit_3_and_the_scratch_database_is_dropped()
    {
        Pipelines.Write("rules.yaml", People.Rules + "\n  public.audit: keep\n"); // public.notes unclassified

        var result = await AssertFailsCleanlyAsync("run", Pipelines.BackupPipeline(await DumpAsync("prod.dump"), Databases.Uri(Target)), "--plain");

        Outputs.ExitCode(3, result);
        Outputs.Mentions(result, "public.notes");
        Outputs.Mentions(result, "restored 3 tables, 450 rows");
    }

    [Theory]
    [InlineData(typeof(BackupRestoring))]
    [InlineData(typeof(BackupRestored))]
    [InlineData(typeof(TableStarted))]
    public async Task Cancelling_during_or_after_the_restore_drops_the_scratch_database_and_leaves_the_target_untouched(Type when)
    {
        var options = PipelineOptions.Load(Pipelines.BackupPipeline(await DumpAsync("prod.dump"), Databases.Uri(Target)));
        var before = await Databases.StateAsync(Target);
        var databases = await Databases.OursAsync();
        using var interrupt = new CancellationTokenSource();
        var observer = new CancelOn(when, interrupt);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Seeder.RunAsync(options, observer, interrupt.Token));

        Assert.True(observer.Cancelled);
        Assert.Equal(before, await Databases.StateAsync(Target));
        Assert.Equal(databases, await Databases.OursAsync());
        Assert.Empty(await ScratchDatabasesAsync());
    }

    /// <summary>Cancels the run when the first event of a type arrives.</summary>
    private sealed class CancelOn(Type type, CancellationTokenSource interrupt) : IRunObserver
    {
        public bool Cancelled { get; private set; }

        public void OnEvent(RunEvent runEvent)
        {
            if (runEvent.GetType() == type && !Cancelled)
            {
                Cancelled = true;
                interrupt.Cancel();
            }
        }
    }
}
