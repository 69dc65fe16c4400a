using DevDbSeed.Errors;

namespace DevDbSeed.Postgres.Snapshots;

/// <summary>
/// The private folder (mode 0700 on Unix) a restore keeps its temporary files in: the download of a snapshot given by
/// URL, and the parts extracted and checked from the file. It is made inside the folder the caller names, or the
/// system's temporary folder (<c>$TMPDIR</c>, else <c>/tmp</c>), and deleted with everything in it when disposed,
/// whatever the outcome: a failed or interrupted restore leaves nothing behind.
/// </summary>
internal sealed class SnapshotWorkspace : IDisposable
{
    private const string Prefix = "devdbseed-snapshot-";

    private SnapshotWorkspace(string path)
    {
        Path = path;
        Directory.CreateDirectory(PartsPath);
    }

    public string Path { get; }

    /// <summary>Where a snapshot given by URL is downloaded to.</summary>
    public string DownloadPath => System.IO.Path.Combine(Path, "download.devdbseed");

    /// <summary>The folder the checked parts are extracted into.</summary>
    public string PartsPath => System.IO.Path.Combine(Path, "parts");

    /// <summary>A new private folder inside <paramref name="folder"/> (null: the system's temporary folder), which must exist (else exit 2).</summary>
    public static SnapshotWorkspace Create(string? folder)
    {
        var parent = string.IsNullOrEmpty(folder) ? System.IO.Path.GetTempPath() : folder;
        if (!Directory.Exists(parent))
        {
            throw new ConfigurationException($"the temporary folder {parent} does not exist");
        }

        var path = System.IO.Path.Combine(System.IO.Path.GetFullPath(parent), Prefix + System.IO.Path.GetRandomFileName().Replace(".", string.Empty, StringComparison.Ordinal));
        try
        {
            if (OperatingSystem.IsWindows())
            {
                Directory.CreateDirectory(path);
            }
            else
            {
                Directory.CreateDirectory(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            }

            return new SnapshotWorkspace(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ConfigurationException($"cannot create a folder in {parent}: {e.Message}", e);
        }
    }

    /// <summary>Deletes the folder and everything in it; a folder that cannot be deleted is left (it is private).</summary>
    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // a private temporary folder left behind
        }
    }
}
