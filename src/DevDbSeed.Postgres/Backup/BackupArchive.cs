using DevDbSeed.Errors;
using DevDbSeed.Postgres.Connections;
using DevDbSeed.Postgres.Schema;

namespace DevDbSeed.Postgres.Backup;

/// <summary>
/// A <c>pg_dump</c> archive (custom, directory or tar format) as PostgreSQL's own <c>pg_restore</c> reads it: checked
/// by its table of contents before anything is created, then restored whole into the scratch database.
/// </summary>
internal sealed class BackupArchive
{
    private readonly PostgresTools _tools;

    private BackupArchive(PostgresTools tools, string path, string format)
    {
        _tools = tools;
        Path = path;
        Format = format;
    }

    public string Path { get; }

    /// <summary>custom, directory or tar.</summary>
    public string Format { get; }

    /// <summary>
    /// Reads the archive's table of contents (<c>pg_restore --list</c>, cheap whatever its size). Anything that is not
    /// a readable archive (a plain SQL dump, another file, a truncated header, a file the tool may not read) is a
    /// <see cref="ConfigurationException"/> (exit 2) naming the file and pg_restore's reason.
    /// </summary>
    public static async Task<BackupArchive> OpenAsync(PostgresTools tools, string path, CancellationToken cancellationToken)
    {
        var result = await ExternalProcess.RunAsync(tools.PgRestore, ["--list", path], new Dictionary<string, string>(), cancellationToken);
        if (result.ExitCode != 0)
        {
            throw new ConfigurationException($"the source backup {path} is not a readable pg_dump archive: {Reason(result.StandardError)}");
        }

        try
        {
            return new BackupArchive(tools, path, BackupFacts.FormatOf(path));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ConfigurationException($"the source backup {path} cannot be read: {e.Message}", e);
        }
    }

    /// <summary>
    /// Restores everything into <paramref name="database"/> with <paramref name="jobs"/> pg_restore jobs (one for the
    /// tar format, which cannot be restored in parallel), stopping at the first error: a failure is a
    /// <see cref="RunFailedException"/> (exit 1) with pg_restore's message.
    /// </summary>
    public async Task RestoreAsync(ConnectionSettings database, RestoreOptions options, int jobs, CancellationToken cancellationToken)
    {
        List<string> arguments =
        [
            "--exit-on-error", "--no-tablespaces", "--no-subscriptions", "--no-publications",
            $"--jobs={JobsFor(Format, jobs)}", $"--dbname={SchemaArchive.ConnInfo(database.Database)}",
        ];
        if (!options.KeepOwners)
        {
            arguments.Add("--no-owner");
        }

        if (!options.KeepPrivileges)
        {
            arguments.Add("--no-privileges");
        }

        arguments.Add(Path);
        var result = await ExternalProcess.RunAsync(_tools.PgRestore, arguments, database.LibpqEnvironment(), cancellationToken);
        if (result.ExitCode != 0)
        {
            throw new RunFailedException($"restoring the source backup {Path} failed: {SchemaArchive.LastLines(result.StandardError)}");
        }
    }

    /// <summary>pg_restore's jobs for a format: the tar format is read sequentially, one job.</summary>
    internal static int JobsFor(string format, int jobs) => format == "tar" ? 1 : Math.Max(1, jobs);

    /// <summary>pg_restore's first error, without its prefix: "input file appears to be a text format dump. Please use psql."</summary>
    private static string Reason(string standardError)
    {
        var line = standardError.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault() ?? "pg_restore gave no reason";
        foreach (var prefix in new[] { "pg_restore: error: ", "pg_restore: " })
        {
            if (line.StartsWith(prefix, StringComparison.Ordinal))
            {
                return line[prefix.Length..];
            }
        }

        return line;
    }
}
