using DevDbSeed.Errors;
using DevDbSeed.Postgres.Backup;
using DevDbSeed.Tests.Support;

namespace DevDbSeed.Tests.Postgres.Backup;

/// <summary>Which archive source_backup names: the path itself, or the newest match of its glob by modification time.</summary>
public sealed class BackupPathTests : IDisposable
{
    private static readonly DateTime Night = new(2026, 12, 6, 2, 0, 0, DateTimeKind.Utc);
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void A_glob_picks_the_newest_match_by_modification_time_not_by_name()
    {
        Backup("prod-2026-12-04.dump", Night.AddDays(-2));
        var newest = Backup("prod-2026-12-01.dump", Night); // restored again under an old name: the time decides
        Backup("prod-2026-12-05.dump", Night.AddDays(-1));
        Backup("staging-2026-12-07.dump", Night.AddDays(1));

        Assert.Equal(newest, BackupPath.Resolve(Path.Combine(_dir.Root, "prod-*.dump")));
    }

    [Fact]
    public void Matches_written_at_the_same_time_go_to_the_greater_name()
    {
        Backup("prod-2026-12-01.dump", Night);
        var greater = Backup("prod-2026-12-02.dump", Night);

        Assert.Equal(greater, BackupPath.Resolve(Path.Combine(_dir.Root, "prod-2026-12-0?.dump")));
    }

    [Fact]
    public void Wildcards_in_folders_are_matched_too_and_a_directory_archive_counts_its_newest_file()
    {
        Backup("2026-12-05/prod.dump", Night.AddDays(-1));
        Directory.CreateDirectory(Path.Combine(_dir.Root, "2026-12-06", "prod.dump"));
        File.SetLastWriteTimeUtc(Backup("2026-12-06/prod.dump/toc.dat", Night), Night);
        Directory.SetLastWriteTimeUtc(Path.Combine(_dir.Root, "2026-12-06", "prod.dump"), Night.AddDays(-3));

        Assert.Equal(Path.Combine(_dir.Root, "2026-12-06", "prod.dump"), BackupPath.Resolve(Path.Combine(_dir.Root, "2026-*", "prod.dump")));
    }

    [Fact]
    public void A_glob_matching_nothing_is_exit_2_naming_the_pattern()
    {
        Backup("prod.sql", Night);
        var pattern = Path.Combine(_dir.Root, "prod-*.dump");

        var error = Assert.Throws<ConfigurationException>(() => BackupPath.Resolve(pattern));

        Assert.Equal(ExitCode.InvalidConfiguration, error.ExitCode);
        Assert.Equal($"the source backup pattern {pattern} matches no file", error.Message);
    }

    [Fact]
    public void A_path_without_wildcards_is_taken_as_it_is_and_must_exist()
    {
        var file = Backup("prod.dump", Night);
        var missing = Path.Combine(_dir.Root, "prod-missing.dump");

        Assert.Equal(file, BackupPath.Resolve(file));
        Assert.Equal($"the source backup {missing} does not exist", Assert.Throws<ConfigurationException>(() => BackupPath.Resolve(missing)).Message);
    }

    private string Backup(string name, DateTime modified)
    {
        var path = _dir.Write(name, "PGDMP");
        File.SetLastWriteTimeUtc(path, modified);
        return path;
    }
}
