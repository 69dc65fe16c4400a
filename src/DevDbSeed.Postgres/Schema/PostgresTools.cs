using System.Globalization;
using System.Text.RegularExpressions;
using DevDbSeed.Errors;

namespace DevDbSeed.Postgres.Schema;

/// <summary>
/// Finds pg_dump and pg_restore no older than the source server: in the pipeline's <c>pg_bin</c> (or
/// DEVDBSEED_PG_BIN), on PATH, or in Debian's <c>/usr/lib/postgresql/*/bin</c>, newest first. Debian's
/// <c>pg_wrapper</c> links on PATH are used only when no program itself is found: each start of the wrapper costs a Perl
/// interpreter (50 ms here) before it runs one of the programs in <c>/usr/lib/postgresql</c>, which are found anyway.
/// </summary>
internal sealed partial record PostgresTools(string PgDump, string PgRestore, int MajorVersion)
{
    /// <summary>The oldest tools no older than a server of <paramref name="serverVersionNumber"/> (<c>150004</c>).</summary>
    public static async Task<PostgresTools> LocateAsync(string? binDirectory, int serverVersionNumber, CancellationToken cancellationToken) =>
        Choose(await FindAsync(binDirectory, cancellationToken), serverVersionNumber / 10000);

    /// <summary>The newest tools found: their pg_restore reads every archive an older one reads, and newer ones.</summary>
    public static async Task<PostgresTools> LocateNewestAsync(string? binDirectory, CancellationToken cancellationToken) =>
        (await FindAsync(binDirectory, cancellationToken)).MaxBy(t => t.MajorVersion)!;

    /// <summary>Every pair of pg_dump and pg_restore found, with their major version; a <see cref="ConfigurationException"/> when there is none.</summary>
    private static async Task<List<PostgresTools>> FindAsync(string? binDirectory, CancellationToken cancellationToken)
    {
        var candidates = new List<string>();
        if (!string.IsNullOrEmpty(binDirectory))
        {
            candidates.Add(binDirectory);
        }
        else
        {
            candidates.AddRange((Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries));
            if (Directory.Exists("/usr/lib/postgresql"))
            {
                candidates.AddRange(Directory.GetDirectories("/usr/lib/postgresql")
                    .Select(d => Path.Combine(d, "bin"))
                    .OrderByDescending(d => int.TryParse(Path.GetFileName(Path.GetDirectoryName(d)), out var v) ? v : 0));
            }
        }

        var found = await FindInAsync(candidates, cancellationToken);
        return found.Count > 0 ? found : throw new ConfigurationException(string.IsNullOrEmpty(binDirectory)
            ? "pg_dump and pg_restore were not found on PATH: install the PostgreSQL client (apt-get install postgresql-client) or set pg_bin in the pipeline"
            : $"pg_dump and pg_restore were not found in pg_bin {binDirectory}");
    }

    /// <summary>
    /// The pairs of pg_dump and pg_restore in <paramref name="directories"/>, in their order, each program once (a directory
    /// reached through a link gives nothing new); the <c>pg_wrapper</c> links only when they are all there is.
    /// </summary>
    internal static async Task<List<PostgresTools>> FindInAsync(IEnumerable<string> directories, CancellationToken cancellationToken)
    {
        var found = new List<PostgresTools>();
        var wrapped = new List<(string Dump, string Restore)>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var directory in directories)
        {
            var (dump, restore) = (Path.Combine(directory, "pg_dump"), Path.Combine(directory, "pg_restore"));
            if (!File.Exists(dump) || !File.Exists(restore) || !seen.Add(RealPath(dump)))
            {
                continue;
            }

            if (IsWrapper(dump))
            {
                wrapped.Add((dump, restore));
            }
            else if (await MajorVersionAsync(dump, cancellationToken) is { } major)
            {
                found.Add(new PostgresTools(dump, restore, major));
            }
        }

        foreach (var (dump, restore) in found.Count > 0 ? [] : wrapped)
        {
            if (await MajorVersionAsync(dump, cancellationToken) is { } major)
            {
                found.Add(new PostgresTools(dump, restore, major));
            }
        }

        return found;
    }

    /// <summary>Whether <paramref name="program"/> is a link to Debian's <c>pg_wrapper</c> (postgresql-common).</summary>
    private static bool IsWrapper(string program) => File.ResolveLinkTarget(program, returnFinalTarget: true)?.Name == "pg_wrapper";

    /// <summary>The file <paramref name="program"/> is, through its directory's links and its own.</summary>
    private static string RealPath(string program)
    {
        var directory = new DirectoryInfo(Path.GetDirectoryName(Path.GetFullPath(program))!);
        var real = Path.Combine(directory.ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? directory.FullName, Path.GetFileName(program));
        return File.ResolveLinkTarget(real, returnFinalTarget: true)?.FullName ?? real;
    }

    /// <summary>The oldest of <paramref name="found"/> no older than <paramref name="major"/> (the first found of that version).</summary>
    private static PostgresTools Choose(List<PostgresTools> found, int major) =>
        found.Where(f => f.MajorVersion >= major).OrderBy(f => f.MajorVersion).FirstOrDefault()
        ?? throw new ConfigurationException($"pg_dump {found.Max(f => f.MajorVersion)} is older than the source server ({major}): "
            + $"install postgresql-client-{major} or newer, or set pg_bin in the pipeline");

    private static async Task<int?> MajorVersionAsync(string program, CancellationToken cancellationToken)
    {
        try
        {
            var start = new System.Diagnostics.ProcessStartInfo(program, "--version") { RedirectStandardOutput = true, UseShellExecute = false };
            using var process = System.Diagnostics.Process.Start(start);
            if (process is null)
            {
                return null;
            }

            var output = await process.StandardOutput.ReadToEndAsync(cancellationToken);
            await process.WaitForExitAsync(cancellationToken);
            var match = Version().Match(output);
            return match.Success ? int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture) : null;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null;
        }
    }

    [GeneratedRegex(@"\(PostgreSQL\) (\d+)")]
    private static partial Regex Version();
}
