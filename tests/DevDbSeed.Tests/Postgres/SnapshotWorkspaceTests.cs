using DevDbSeed.Errors;
using DevDbSeed.Postgres.Snapshots;

namespace DevDbSeed.Tests.Postgres;

/// <summary>A restore's private temporary folder: made where asked, readable by its owner only, gone with everything in it when disposed.</summary>
public sealed class SnapshotWorkspaceTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("devdbseed-workspace-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void The_folder_is_private_and_is_deleted_with_its_download_and_parts()
    {
        string path;
        using (var workspace = SnapshotWorkspace.Create(_folder))
        {
            path = workspace.Path;
            File.WriteAllText(workspace.DownloadPath, "downloaded");
            File.WriteAllText(Path.Combine(workspace.PartsPath, "data.dump"), "extracted");

            Assert.Equal(_folder, Path.GetDirectoryName(path));
            if (!OperatingSystem.IsWindows())
            {
                Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(path));
            }
        }

        Assert.False(Directory.Exists(path));
        Assert.Empty(Directory.GetFileSystemEntries(_folder));
    }

    [Fact]
    public void A_temporary_folder_that_does_not_exist_is_refused_with_exit_2()
    {
        var missing = Path.Combine(_folder, "missing");

        var refused = Assert.Throws<ConfigurationException>(() => SnapshotWorkspace.Create(missing));

        Assert.Equal($"the temporary folder {missing} does not exist", refused.Message);
    }
}
