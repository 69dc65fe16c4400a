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
    public static async Task<PostgresTools> LocateAsync(string? binDirectory, int serverVersionNumber, CancellationToken cancellationToken)
    {
        var serverMajor = serverVersionNumber / 10000;
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

        var found = new List<(string Dir, int Major)>();
        foreach (var directory in candidates.Distinct())
        {
            var dump = Path.Combine(directory, "pg_dump");
            if (File.Exists(dump) && File.Exists(Path.Combine(directory, "pg_restore")) && await MajorVersionAsync(dump, cancellationToken) is { } major)
            {
                found.Add((directory, major));
            }
        }

        if (found.Count == 0)
        {
            throw new ConfigurationException(string.IsNullOrEmpty(binDirectory)
                ? "pg_dump and pg_restore were not found on PATH: install the PostgreSQL client (apt-get install postgresql-client) or set pg_bin in the pipeline"
                : $"pg_dump and pg_restore were not found in pg_bin {binDirectory}");
        }

        var best = found.Where(f => f.Major >= serverMajor).OrderBy(f => f.Major).Cast<(string Dir, int Major)?>().FirstOrDefault()
            ?? throw new ConfigurationException($"pg_dump {found.Max(f => f.Major)} is older than the source server ({serverMajor}): "
                + $"install postgresql-client-{serverMajor} or newer, or set pg_bin in the pipeline");
        return new PostgresTools(Path.Combine(best.Dir, "pg_dump"), Path.Combine(best.Dir, "pg_restore"), best.Major);
    }

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
