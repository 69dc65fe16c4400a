using System.Runtime.InteropServices;
using System.Text;

namespace DevDbSeed.Journal;

/// <summary>
/// Replaces a file in one step: readers see the old content or the new, never half of it. The content goes to a new
/// hidden temporary file in the same folder (<c>.NAME.RANDOM.tmp</c>, created exclusively, so two writers never share
/// one; node_exporter's textfile collector reads only <c>*.prom</c>), is flushed to disk, and is renamed over the file;
/// on Linux the folder is then flushed too, so that the rename survives a crash. A write that fails leaves the file as it
/// was and no temporary file.
/// </summary>
public static class AtomicFile
{
    /// <summary>Writes <paramref name="text"/> (UTF-8, no byte order mark) to <paramref name="path"/>, replacing it.</summary>
    /// <exception cref="IOException">The folder does not exist or is not writable; the file is left as it was, and no temporary file.</exception>
    /// <exception cref="UnauthorizedAccessException">The same, for permissions.</exception>
    public static void Write(string path, string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var bytes = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false).GetBytes(text);
        Write(path, stream => stream.Write(bytes));
    }

    /// <summary>
    /// Replaces <paramref name="path"/> with what <paramref name="write"/> writes to the stream it is given. Whatever
    /// <paramref name="write"/> throws leaves the file as it was and no temporary file, and is rethrown.
    /// </summary>
    /// <exception cref="IOException">The folder does not exist or is not writable; the file is left as it was, and no temporary file.</exception>
    /// <exception cref="UnauthorizedAccessException">The same, for permissions.</exception>
    public static void Write(string path, Action<Stream> write)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(write);
        var full = Path.GetFullPath(path);
        var folder = Path.GetDirectoryName(full)!;
        var temporary = Path.Combine(folder, $".{Path.GetFileName(full)}.{Path.GetRandomFileName().Replace(".", string.Empty, StringComparison.Ordinal)}.tmp");
        var created = false;
        try
        {
            using (var file = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                created = true;
                write(file);
                file.Flush(flushToDisk: true);
            }

            File.Move(temporary, full, overwrite: true);
            created = false;
        }
        catch
        {
            if (created)
            {
                TryDelete(temporary);
            }

            throw;
        }

        FlushFolder(folder);
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // it cannot be removed: the original error says why the write failed
        }
    }

    /// <summary>Flushes the folder's entries (the rename) to disk, where the system allows it (Linux); elsewhere nothing.</summary>
    private static void FlushFolder(string folder)
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        try
        {
            var descriptor = Open([.. Encoding.UTF8.GetBytes(folder), 0], 0 /* O_RDONLY */);
            if (descriptor >= 0)
            {
                _ = Fsync(descriptor);
                _ = Close(descriptor);
            }
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            // no C library to ask: the file itself is on disk, only the rename may be lost in a crash
        }
    }

    // DllImport rather than LibraryImport: the project allows no unsafe code; the path is NUL-terminated UTF-8 bytes
    [DllImport("libc", EntryPoint = "open")]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int Open(byte[] path, int flags);

    [DllImport("libc", EntryPoint = "fsync")]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int Fsync(int descriptor);

    [DllImport("libc", EntryPoint = "close")]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int Close(int descriptor);
}
