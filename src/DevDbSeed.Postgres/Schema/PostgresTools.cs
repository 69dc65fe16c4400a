using System.Globalization;
using System.Text.RegularExpressions;
using DevDbSeed.Errors;

namespace DevDbSeed.Postgres.Schema;

/// <summary>
/// Finds pg_dump and pg_restore no older than the source server: in the pipeline's <c>pg_bin</c> (or
/// DEVDBSEED_PG_BIN), on PATH, or in Debian's <c>/usr/lib/postgresql/*/bin</c>, newest first.
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

        var found = new List<PostgresTools>();
        foreach (var directory in candidates.Distinct())
        {
            var dump = Path.Combine(directory, "pg_dump");
            var restore = Path.Combine(directory, "pg_restore");
            if (File.Exists(dump) && File.Exists(restore) && await MajorVersionAsync(dump, cancellationToken) is { } major)
            {
                found.Add(new PostgresTools(dump, restore, major));
            }
        }

        return found.Count > 0 ? found : throw new ConfigurationException(string.IsNullOrEmpty(binDirectory)
            ? "pg_dump and pg_restore were not found on PATH: install the PostgreSQL client (apt-get install postgresql-client) or set pg_bin in the pipeline"
            : $"pg_dump and pg_restore were not found in pg_bin {binDirectory}");
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
