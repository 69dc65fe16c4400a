using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using DevDbSeed.Running;

namespace DevDbSeed.Postgres.Backup;

/// <summary>
/// What a run records about the archive it restores (<see cref="BackupFile"/>), read once: its format, size,
/// SHA-256 (streamed, never the whole file in memory), creation and modification time.
/// </summary>
internal static class BackupFacts
{
    private const int BufferSize = 1 << 20;

    /// <summary>
    /// The facts of <paramref name="path"/>, a readable archive (a file, or a directory for the directory format).
    /// <paramref name="created"/> is when pg_dump made it, from its header; without it, the file system's creation
    /// time (which a copy or a restore from tape resets, and some file systems do not keep).
    /// </summary>
    public static async Task<BackupFile> ReadAsync(string path, DateTimeOffset? created, CancellationToken cancellationToken)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = new byte[BufferSize];
        long bytes;
        DateTime born;
        if (Directory.Exists(path))
        {
            bytes = 0;
            foreach (var file in new DirectoryInfo(path).EnumerateFiles("*", SearchOption.AllDirectories)
                         .Select(f => (Info: f, Name: Path.GetRelativePath(path, f.FullName)))
                         .OrderBy(f => f.Name, StringComparer.Ordinal))
            {
                // each file as "name\nlength\n" then its bytes: names and boundaries are part of what is hashed
                sha.AppendData(Encoding.UTF8.GetBytes(file.Name + "\n" + file.Info.Length.ToString(CultureInfo.InvariantCulture) + "\n"));
                bytes += await HashFileAsync(file.Info.FullName, sha, buffer, cancellationToken);
            }

            born = Directory.GetCreationTimeUtc(path);
        }
        else
        {
            bytes = await HashFileAsync(path, sha, buffer, cancellationToken);
            born = File.GetCreationTimeUtc(path);
        }

        return new BackupFile(path, FormatOf(path), bytes, Convert.ToHexStringLower(sha.GetHashAndReset()),
            created ?? new DateTimeOffset(born, TimeSpan.Zero), new DateTimeOffset(BackupPath.LastWritten(path), TimeSpan.Zero));
    }

    /// <summary>
    /// The archive's format, for an archive <c>pg_restore --list</c> has read: a directory is the directory format, a
    /// file starting with <c>PGDMP</c> the custom format (compressed or not: its header is not), any other the tar format.
    /// </summary>
    public static string FormatOf(string path)
    {
        if (Directory.Exists(path))
        {
            return "directory";
        }

        Span<byte> magic = stackalloc byte[5];
        using var file = File.OpenRead(path);
        return file.ReadAtLeast(magic, magic.Length, throwOnEndOfStream: false) == magic.Length && magic.SequenceEqual("PGDMP"u8) ? "custom" : "tar";
    }

    private static async Task<long> HashFileAsync(string path, IncrementalHash sha, byte[] buffer, CancellationToken cancellationToken)
    {
        await using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.Asynchronous | FileOptions.SequentialScan);
        long total = 0;
        int read;
        while ((read = await file.ReadAsync(buffer, cancellationToken)) > 0)
        {
            sha.AppendData(buffer, 0, read);
            total += read;
        }

        return total;
    }
}
