using System.IO.Enumeration;
using DevDbSeed.Errors;

namespace DevDbSeed.Postgres.Backup;

/// <summary>
/// Which archive <c>source_backup</c> names: the path itself, or, when it holds <c>*</c> or <c>?</c> (in any of its
/// segments), the newest match by modification time (a directory archive counts its newest file). Ties go to the
/// greater name, so <c>prod-2026-12-02.dump</c> wins over <c>prod-2026-12-01.dump</c>.
/// </summary>
internal static class BackupPath
{
    private static readonly char[] Wildcards = ['*', '?'];

    /// <summary>The archive to read; <see cref="ConfigurationException"/> (exit 2) naming the pattern when nothing matches.</summary>
    public static string Resolve(string pattern)
    {
        var full = Path.GetFullPath(pattern);
        if (full.IndexOfAny(Wildcards) < 0)
        {
            return File.Exists(full) || Directory.Exists(full)
                ? full
                : throw new ConfigurationException($"the source backup {pattern} does not exist");
        }

        return Matches(full)
            .Select(path => (Path: path, Modified: LastWritten(path)))
            .OrderByDescending(m => m.Modified)
            .ThenByDescending(m => m.Path, StringComparer.Ordinal)
            .Select(m => m.Path)
            .FirstOrDefault()
            ?? throw new ConfigurationException($"the source backup pattern {pattern} matches no file");
    }

    /// <summary>When a file was last written; for a directory archive, the newest of the directory and its files.</summary>
    public static DateTime LastWritten(string path) =>
        Directory.Exists(path)
            ? new DirectoryInfo(path).EnumerateFiles().Select(f => f.LastWriteTimeUtc).Append(Directory.GetLastWriteTimeUtc(path)).Max()
            : File.GetLastWriteTimeUtc(path);

    /// <summary>Files and directories matching an absolute pattern, segment by segment.</summary>
    private static IEnumerable<string> Matches(string pattern)
    {
        var root = Path.GetPathRoot(pattern)!;
        var segments = pattern[root.Length..].Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries);
        IEnumerable<string> paths = [root];
        for (var i = 0; i < segments.Length; i++)
        {
            var segment = segments[i];
            var last = i == segments.Length - 1;
            paths = segment.IndexOfAny(Wildcards) < 0
                ? paths.Select(p => Path.Combine(p, segment)).Where(p => Directory.Exists(p) || (last && File.Exists(p)))
                : paths.SelectMany(p => Children(p, last).Where(c => FileSystemName.MatchesSimpleExpression(segment, Path.GetFileName(c), ignoreCase: false)));
        }

        return paths;
    }

    private static IEnumerable<string> Children(string directory, bool filesToo)
    {
        try
        {
            return filesToo ? Directory.GetFileSystemEntries(directory) : Directory.GetDirectories(directory);
        }
        catch (Exception e) when (e is UnauthorizedAccessException or IOException)
        {
            return []; // a folder the tool may not read holds no backup it could restore
        }
    }
}
