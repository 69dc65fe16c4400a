using System.Security.Cryptography;
using System.Text;
using DevDbSeed.Postgres.Backup;
using DevDbSeed.Tests.Support;

namespace DevDbSeed.Tests.Postgres.Backup;

/// <summary>What a run records about the archive it restores: format, size, SHA-256 and times, read once from the file system.</summary>
public sealed class BackupFactsTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task A_file_gets_its_size_its_sha256_and_its_modification_time()
    {
        var path = _dir.Write("abc.dump", "abc");
        var modified = new DateTime(2026, 12, 6, 2, 30, 0, DateTimeKind.Utc);
        File.SetLastWriteTimeUtc(path, modified);

        var facts = await BackupFacts.ReadAsync(path, null, CancellationToken.None);

        Assert.Equal(path, facts.Path);
        Assert.Equal(3, facts.Bytes);
        Assert.Equal("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", facts.Sha256); // FIPS 180-2's "abc"
        Assert.Equal(new DateTimeOffset(modified), facts.Modified);
        Assert.True(facts.Created <= DateTimeOffset.UtcNow);
    }

    [Fact]
    public async Task The_creation_time_pg_dump_wrote_in_the_header_is_the_backups_creation_time()
    {
        var path = _dir.Write("prod.dump", "PGDMP");
        var dumped = new DateTimeOffset(2026, 12, 6, 2, 0, 3, TimeSpan.Zero);

        var facts = await BackupFacts.ReadAsync(path, dumped, CancellationToken.None);

        Assert.Equal(dumped, facts.Created);
    }

    [Fact]
    public async Task A_file_bigger_than_the_read_buffer_hashes_as_a_whole()
    {
        var bytes = new byte[(3 << 20) + 17];
        new Random(7).NextBytes(bytes);
        var path = Path.Combine(_dir.Root, "big.dump");
        await File.WriteAllBytesAsync(path, bytes);

        var facts = await BackupFacts.ReadAsync(path, null, CancellationToken.None);

        Assert.Equal(bytes.Length, facts.Bytes);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(bytes)), facts.Sha256);
    }

    [Fact]
    public async Task A_directory_archive_sums_its_files_and_hashes_their_names_and_bytes_in_name_order()
    {
        var archive = Path.Combine(_dir.Root, "prod.dir");
        _dir.Write("prod.dir/toc.dat", "TOC");
        _dir.Write("prod.dir/3349.dat.gz", "rows of t");
        _dir.Write("prod.dir/10.dat.gz", "x");

        var facts = await BackupFacts.ReadAsync(archive, null, CancellationToken.None);

        var expected = SHA256.HashData(Encoding.UTF8.GetBytes("10.dat.gz\n1\nx" + "3349.dat.gz\n9\nrows of t" + "toc.dat\n3\nTOC"));
        Assert.Equal("directory", facts.Format);
        Assert.Equal(13, facts.Bytes);
        Assert.Equal(Convert.ToHexStringLower(expected), facts.Sha256);
    }

    [Fact]
    public void The_format_is_custom_for_a_pgdmp_header_and_tar_for_any_other_readable_archive()
    {
        Assert.Equal("custom", BackupFacts.FormatOf(_dir.Write("a.dump", "PGDMP\u0001\u000e")));
        Assert.Equal("tar", BackupFacts.FormatOf(_dir.Write("a.tar", "toc.dat\0\0\0")));
        Assert.Equal("tar", BackupFacts.FormatOf(_dir.Write("tiny", "PG")));
    }

    [Theory]
    [InlineData("custom", 4, 4)]
    [InlineData("directory", 3, 3)]
    [InlineData("tar", 4, 1)]
    [InlineData("custom", 0, 1)]
    public void Pg_restore_runs_the_jobs_asked_except_for_the_tar_format_which_it_reads_in_one(string format, int jobs, int expected) =>
        Assert.Equal(expected, BackupArchive.JobsFor(format, jobs));
}
