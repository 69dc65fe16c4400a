using System.Diagnostics;
using System.Text;
using DevDbSeed.IntegrationTests.Faults;
using DevDbSeed.IntegrationTests.Infrastructure;
using DevDbSeed.Running;
using Npgsql;

namespace DevDbSeed.IntegrationTests.Backup;

/// <summary>
/// A backup that cannot be read or restored, a run that stops after the restore: every one ends with the target
/// exactly as it was and no scratch database left, with the exit code the README documents.
/// </summary>
public sealed class BackupFailureTests : BackupScenario
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
    public async Task A_backup_older_than_source_backup_max_age_fails_the_run_with_exit_1_before_anything_is_restored()
    {
        var dump = await DumpAsync("prod.dump");
        await Task.Delay(TimeSpan.FromSeconds(2.2)); // the archive records its creation to the second

        var result = await AssertFailsCleanlyAsync("run", Pipelines.BackupPipeline(dump, Databases.Uri(Target), extra: "source_backup_max_age: 1s"), "--plain");

        Outputs.ExitCode(1, result);
        Outputs.Mentions(result, $"error: the source backup {dump} was created at ");
        Outputs.Mentions(result, "older than source_backup_max_age (1s): is the backup job still running?");
        Assert.DoesNotContain("restoring ", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_backup_younger_than_source_backup_max_age_runs()
    {
        var dump = await DumpAsync("prod.dump");

        Outputs.ExitCode(0, await Devdbseed.RunAsync("run", Pipelines.BackupPipeline(dump, Databases.Uri(Target), extra: "source_backup_max_age: 26h"), "--plain"));
    }

    [Theory]
    [InlineData("--plain")]
    [InlineData("--log-format=json")]
    public async Task A_restore_that_fails_on_a_row_is_exit_1_naming_the_problem_and_no_value_of_the_row(string format)
    {
        // the source's role reads dates day first there, a role's setting in the database that the scratch database does
        // not take (the role may not exist where it is restored): restored where dates read month first, the check that
        // parses them fails on the first row
        var source = await Databases.CreateAsync("prod_dmy");
        await Databases.AdminAsync($"ALTER ROLE CURRENT_USER IN DATABASE \"{source}\" SET datestyle = 'ISO, DMY'");
        await Databases.ExecuteAsync(source, """
            CREATE FUNCTION is_date(t text) RETURNS boolean LANGUAGE sql IMMUTABLE AS $$ SELECT t::date IS NOT NULL $$;
            CREATE TABLE people (id int PRIMARY KEY, email text, born text CHECK (is_date(born)));
            INSERT INTO people VALUES (1, 'alice@real.example', '31/12/1990'), (2, 'bob@real.example', '28/02/1985');
            CREATE TABLE visits (id int);
            INSERT INTO visits SELECT generate_series(1, 1000);
            """);
        var dump = await DumpAsync("prod.dump", database: source);
        var journal = new JournalFiles(Pipelines.Directory);

        var result = await AssertFailsCleanlyAsync(["run", Pipelines.BackupPipeline(dump, Databases.Uri(Target)), format, .. journal.Options]);

        Outputs.ExitCode(1, result);
        Outputs.Mentions(result, $"restoring the source backup {dump} failed: pg_restore: COPY failed for table ");
        Outputs.Mentions(result, "people");
        Outputs.Mentions(result, ": ERROR: date/time field value out of range: (value withheld)");
        var summary = await File.ReadAllTextAsync(journal.Summary);
        Assert.Contains("date/time field value out of range: (value withheld)", summary, StringComparison.Ordinal);
        // whole values: a bare "1990" can turn up inside a hex digest the output names (the backup's SHA-256)
        foreach (var value in new[] { "alice", "bob", "31/12/1990", "28/02/1985", "worker process" })
        {
            Assert.DoesNotContain(value, result.All, StringComparison.Ordinal);
            Assert.DoesNotContain(value, summary, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task An_archive_made_by_a_pg_dump_newer_than_every_pg_restore_is_exit_2_naming_both_versions_before_anything_is_created()
    {
        var dump = await DumpAsync("prod.dump");
        var version = await PgDumpVersionAsync();
        var bytes = await File.ReadAllBytesAsync(dump);
        var header = Encoding.Latin1.GetString(bytes, 0, Math.Min(bytes.Length, 1024));
        var at = header.LastIndexOf(version, StringComparison.Ordinal); // the header's last string: the version of the pg_dump that made it
        Assert.True(at > 0, $"pg_dump's version {version} is not in the archive's header");
        var major = version[..version.IndexOf('.', StringComparison.Ordinal)];
        var future = new string('9', major.Length);
        Encoding.Latin1.GetBytes(future).CopyTo(bytes, at);
        await File.WriteAllBytesAsync(dump, bytes);

        var result = await AssertFailsCleanlyAsync("run", Pipelines.BackupPipeline(dump, Databases.Uri(Target)), "--plain");

        Outputs.ExitCode(2, result);
        Outputs.Mentions(result, $"error: the source backup {dump} was made by pg_dump {future}{version[major.Length..].Split(' ')[0]}, "
            + $"newer than every pg_restore found (the newest is ");
        Outputs.Mentions(result, $"install postgresql-client-{future} or newer");
    }

    [Fact]
    public async Task The_backups_creation_time_is_when_pg_dump_made_it_not_when_the_file_was_copied()
    {
        var dump = await DumpAsync("prod.dump");
        var dumped = DateTimeOffset.UtcNow;
        await Task.Delay(TimeSpan.FromSeconds(2));
        var copy = Path.Combine(Pipelines.Directory, "copied.dump");
        await File.WriteAllBytesAsync(copy, await File.ReadAllBytesAsync(dump)); // a file born now, as a copy off the backup server is
        var options = PipelineOptions.Load(Pipelines.BackupPipeline(copy, Databases.Uri(Target)));
        var observer = new Recorded();

        await Seeder.RunAsync(options, observer);

        var restoring = Assert.Single(observer.Events.OfType<BackupRestoring>());
        Assert.InRange(restoring.Backup.Created, dumped.AddMinutes(-1), dumped);
    }

    [Fact]
    public async Task Cancelling_while_pg_restore_workers_run_stops_them_drops_the_scratch_database_and_leaves_the_target_untouched()
    {
        var big = await Databases.CreateAsync("prod_big", Schema + """

            CREATE TABLE events (id bigint, payload text);
            INSERT INTO events SELECT i, md5(i::text) || md5((i + 1)::text) FROM generate_series(1, 600000) i;
            CREATE TABLE clicks AS SELECT * FROM events;
            """);
        var options = PipelineOptions.Load(Pipelines.BackupPipeline(await DumpAsync("big.dump", database: big), Databases.Uri(Target)));
        var before = await Databases.StateAsync(Target);
        var databases = await Databases.OursAsync();
        using var interrupt = new CancellationTokenSource();
        var observer = new CancelWhilePgRestoreRuns(Databases.Keywords("postgres"), interrupt);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Seeder.RunAsync(options, observer, interrupt.Token));
        await observer.Watching;

        Assert.True(observer.Cancelled, "pg_restore was not seen running on the scratch database");
        Assert.False(observer.Restored, "the restore ended before the cancellation");
        Assert.Equal(before, await Databases.StateAsync(Target));
        Assert.Equal(databases, await Databases.OursAsync());
        Assert.Empty(await ScratchDatabasesAsync());
        Assert.Empty(ProcessesNaming(observer.Scratch!));
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

    /// <summary>The version of the pg_dump on PATH, as it writes it in an archive: <c>15.18 (Debian 15.18-0+deb12u1)</c>.</summary>
    private static async Task<string> PgDumpVersionAsync()
    {
        var start = new ProcessStartInfo("pg_dump", "--version") { RedirectStandardOutput = true, UseShellExecute = false };
        using var process = Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        return output.Trim()[(output.IndexOf(") ", StringComparison.Ordinal) + 2)..];
    }

    /// <summary>pg_restore processes of this machine whose command line names <paramref name="text"/> (its workers name the database as it does).</summary>
    private static List<string> ProcessesNaming(string text)
    {
        var found = new List<string>();
        foreach (var directory in Directory.GetDirectories("/proc").Where(d => int.TryParse(Path.GetFileName(d), out _)))
        {
            try
            {
                var commandLine = File.ReadAllText(Path.Combine(directory, "cmdline")).Replace('\0', ' ');
                if (commandLine.Contains("pg_restore", StringComparison.Ordinal) && commandLine.Contains(text, StringComparison.Ordinal))
                {
                    found.Add($"{Path.GetFileName(directory)}: {commandLine}");
                }
            }
            catch (IOException)
            {
                // ended meanwhile
            }
        }

        return found;
    }

    /// <summary>Every event, in order.</summary>
    private sealed class Recorded : IRunObserver
    {
        public List<RunEvent> Events { get; } = [];

        public void OnEvent(RunEvent runEvent) => Events.Add(runEvent);
    }

    /// <summary>Once the restore starts, watches the server and cancels the run as soon as pg_restore's sessions copy rows into the scratch database.</summary>
    private sealed class CancelWhilePgRestoreRuns(string admin, CancellationTokenSource interrupt) : IRunObserver
    {
        public Task Watching { get; private set; } = Task.CompletedTask;

        public string? Scratch { get; private set; }

        public bool Cancelled { get; private set; }

        public bool Restored { get; private set; }

        public void OnEvent(RunEvent runEvent)
        {
            if (runEvent is BackupRestored)
            {
                Restored = true;
            }

            if (runEvent is not BackupRestoring restoring)
            {
                return;
            }

            Scratch = restoring.Database;
            Watching = Task.Run(async () =>
            {
                await using var connection = new NpgsqlConnection(admin);
                await connection.OpenAsync();
                await using var copying = new NpgsqlCommand(
                    "SELECT count(*) FROM pg_stat_activity WHERE datname = @name AND query ILIKE 'COPY%'", connection);
                copying.Parameters.AddWithValue("name", restoring.Database);
                for (var deadline = DateTime.UtcNow.AddSeconds(30); DateTime.UtcNow < deadline && !Restored; await Task.Delay(20))
                {
                    if ((long)(await copying.ExecuteScalarAsync())! > 0)
                    {
                        Cancelled = true;
                        await interrupt.CancelAsync();
                        return;
                    }
                }
            });
        }
    }
}
