using DevDbSeed.Errors;
using DevDbSeed.Tests.Support;

namespace DevDbSeed.Tests.Api;

/// <summary>A backup instead of a live source: exactly one of the two, a server to restore it on, the glob resolved at the edge.</summary>
public sealed class PipelineOptionsBackupTests : IDisposable
{
    private static readonly string VcaRules = Path.Combine(AppContext.BaseDirectory, "Shipped", "rules", "vca.yaml");
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void A_backup_is_restored_on_the_targets_server_next_to_the_target_unless_a_restore_server_is_given()
    {
        var older = _dir.Write("prod-1.dump", "PGDMP");
        File.SetLastWriteTimeUtc(older, DateTime.UtcNow.AddDays(-1));
        var newest = _dir.Write("prod-2.dump", "PGDMP");
        var options = Options() with { SourceBackup = Path.Combine(_dir.Root, "prod-*.dump") };

        var onTarget = options.Resolve("run", needsTarget: true);
        var elsewhere = (options with { RestoreServer = "postgresql://scratch@restore-host/postgres" }).Resolve("run", needsTarget: true);

        Assert.Null(onTarget.Source);
        Assert.Equal(newest, onTarget.Backup!.Path);
        Assert.Equal("dev:5432/vca", onTarget.Backup.RestoreServer.ToString());
        Assert.Equal("vca", onTarget.Backup.ScratchFor);
        Assert.Equal($"backup {newest}", onTarget.SourceDescription);
        Assert.Equal("scratch@restore-host:5432/postgres", elsewhere.Backup!.RestoreServer.ToString());
        Assert.Equal("vca", elsewhere.Backup.ScratchFor);
    }

    [Fact]
    public void A_source_and_a_backup_together_are_exit_2()
    {
        var error = Assert.Throws<ConfigurationException>(() =>
            (Options() with { Source = "postgresql://replica/vca", SourceBackup = _dir.Write("prod.dump", "PGDMP") }).Resolve("check", needsTarget: false));

        Assert.Equal("PipelineOptions.SourceBackup and Source are both set: read either a live source or a backup, not both", error.Message);
    }

    [Fact]
    public void A_backup_with_neither_a_restore_server_nor_a_target_is_exit_2_saying_where_it_could_be_restored()
    {
        var error = Assert.Throws<ConfigurationException>(() =>
            (Options() with { SourceBackup = _dir.Write("prod.dump", "PGDMP"), Target = null }).Resolve("check", needsTarget: false));

        Assert.Equal("check restores the source backup on restore_server or the target's server, and neither is set", error.Message);
    }

    [Fact]
    public void A_pipeline_files_backup_glob_is_relative_to_the_file_and_matching_nothing_is_exit_2()
    {
        var pipeline = _dir.Write("pipelines/nightly.yaml", $"""
            source_backup: ../backups/prod-*.dump
            target: postgresql://dev/vca
            rules: {VcaRules}
            """);

        var error = Assert.Throws<ConfigurationException>(() => PipelineOptions.Load(pipeline).Resolve("run", needsTarget: true));

        Assert.Equal($"the source backup pattern {Path.Combine(_dir.Root, "pipelines", "../backups/prod-*.dump")} matches no file", error.Message);
    }

    [Fact]
    public void The_shipped_nightly_from_backup_pipeline_restores_the_newest_dump_of_its_backup_folder_on_its_restore_server()
    {
        var older = _dir.Write("backups/prod-2026-12-05.dump", "PGDMP");
        File.SetLastWriteTimeUtc(older, DateTime.UtcNow.AddDays(-1));
        var newest = _dir.Write("backups/prod-2026-12-06.dump", "PGDMP");
        var environment = new Dictionary<string, string>
        {
            ["BACKUP_DIR"] = Path.Combine(_dir.Root, "backups"),
            ["RESTORE_URL"] = "postgresql://scratch@restore-host/postgres",
            ["DEVDB_URL"] = "postgresql://dev/vca",
            ["DEVDBSEED_SECRET"] = "k3y",
        };

        var options = PipelineOptions.Load(Path.Combine(AppContext.BaseDirectory, "Shipped", "pipelines", "nightly-from-backup.yaml"), environment.GetValueOrDefault);
        var run = options.Resolve("run", needsTarget: true);

        Assert.Equal(string.Empty, options.Source);
        Assert.Equal(newest, run.Backup!.Path);
        Assert.Equal("scratch@restore-host:5432/postgres", run.Backup.RestoreServer.ToString());
        Assert.Equal("vca", run.Backup.ScratchFor);
        Assert.True(options.TerminateConnections);
    }

    private static PipelineOptions Options() => new()
    {
        Target = "postgresql://dev/vca",
        RulesFiles = [VcaRules],
        Secret = "masking-k3y",
    };
}
