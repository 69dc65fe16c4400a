using System.Text;

namespace DevDbSeed.Journal;

/// <summary>
/// Replaces a file in one step: readers see the old content or the new, never half of it. The text goes to a hidden
/// temporary file in the same folder (<c>.NAME.PID.tmp</c>: node_exporter's textfile collector reads only <c>*.prom</c>),
/// is flushed to disk, and is renamed over the file.
/// </summary>
public static class AtomicFile
{
    /// <summary>Writes <paramref name="text"/> (UTF-8, no byte order mark) to <paramref name="path"/>, replacing it.</summary>
    /// <exception cref="IOException">The folder does not exist or is not writable; the file is left as it was, and no temporary file.</exception>
    /// <exception cref="UnauthorizedAccessException">The same, for permissions.</exception>
    public static void Write(string path, string text)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(text);
        var full = Path.GetFullPath(path);
        var temporary = Path.Combine(Path.GetDirectoryName(full)!, $".{Path.GetFileName(full)}.{Environment.ProcessId}.tmp");
        try
        {
            using (var file = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None))
            {
                file.Write(new UTF8Encoding(encoderShouldEmitUTF8Identifier: false).GetBytes(text));
                file.Flush(flushToDisk: true);
            }

            File.Move(temporary, full, overwrite: true);
        }
        catch
        {
            TryDelete(temporary);
            throw;
        }
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // nothing was written, or it cannot be removed: the original error says why
        }
    }
}
