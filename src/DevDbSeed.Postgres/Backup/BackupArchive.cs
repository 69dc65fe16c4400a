using DevDbSeed.Errors;
using DevDbSeed.Postgres.Connections;
using DevDbSeed.Postgres.Schema;

namespace DevDbSeed.Postgres.Backup;

/// <summary>
/// A <c>pg_dump</c> archive (custom, directory or tar format) as PostgreSQL's own <c>pg_restore</c> reads it: checked
/// by its table of contents before anything is created, then restored whole into the scratch database with a
/// pg_restore at least as new as the server and as the pg_dump that made it.
/// </summary>
internal sealed class BackupArchive
{
    private readonly PostgresTools _tools;

    private BackupArchive(PostgresTools tools, string path, string format, ArchiveHeader header)
    {
        _tools = tools;
        Path = path;
        Format = format;
        Header = header;
    }

    public string Path { get; }

    /// <summary>custom, directory or tar.</summary>
    public string Format { get; }

    /// <summary>The pg_dump that made it and when.</summary>
    public ArchiveHeader Header { get; }

    /// <summary>
    /// Reads the archive's table of contents (<c>pg_restore --list</c> of the newest pg_restore found, cheap whatever
    /// the archive's size) and picks the pg_restore that restores it on a server of <paramref name="serverVersion"/>.
    /// Anything that is not a readable archive (a plain SQL dump, another file, a truncated header, a file the tool may
    /// not read), and an archive made by a pg_dump newer than every pg_restore found, is a
    /// <see cref="ConfigurationException"/> (exit 2) naming the file and why.
    /// </summary>
    public static async Task<BackupArchive> OpenAsync(string? pgBin, int serverVersion, string path, CancellationToken cancellationToken)
    {
        var newest = await PostgresTools.LocateNewestAsync(pgBin, cancellationToken);
        var result = await ExternalProcess.RunAsync(newest.PgRestore, ["--list", path], new Dictionary<string, string>(), cancellationToken);
        if (result.ExitCode != 0)
        {
            var reason = ErrorText.OfTool(result.StandardError);
            throw new ConfigurationException(reason.StartsWith("unsupported version", StringComparison.Ordinal)
                ? $"the source backup {path} was made by a pg_dump newer than pg_restore {newest.MajorVersion}, the newest found ({reason}): "
                    + "install a newer PostgreSQL client, or set pg_bin in the pipeline"
                : $"the source backup {path} is not a readable pg_dump archive: {reason}");
        }

        var header = ArchiveHeader.Parse(result.StandardOutput, TimeZoneInfo.Local);
        if (header.PgDumpMajor is { } dumpMajor && dumpMajor > newest.MajorVersion)
        {
            throw new ConfigurationException($"the source backup {path} was made by pg_dump {header.PgDumpVersion}, newer than every pg_restore found "
                + $"(the newest is {newest.MajorVersion}): install postgresql-client-{dumpMajor} or newer, or set pg_bin in the pipeline");
        }

        var tools = await PostgresTools.LocateAsync(pgBin, Math.Max(serverVersion, (header.PgDumpMajor ?? 0) * 10000), cancellationToken);
        try
        {
            return new BackupArchive(tools, path, BackupFacts.FormatOf(path), header);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ConfigurationException($"the source backup {path} cannot be read: {e.Message}", e);
        }
    }

    /// <summary>
    /// Restores everything into <paramref name="database"/> with <paramref name="jobs"/> pg_restore jobs (one for the
    /// tar format, which cannot be restored in parallel), stopping at the first error: a failure is a
    /// <see cref="RunFailedException"/> (exit 1) with pg_restore's reason, never a row of the backup.
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
            throw new RunFailedException($"restoring the source backup {Path} failed: pg_restore: {ErrorText.OfTool(result.StandardError)}");
        }
    }

    /// <summary>
    /// The source database's encoding, locale and settings as the archive records them (<see cref="ArchivedDatabase"/>),
    /// from pg_restore's <c>--create</c> script of the DATABASE entries alone (an empty list: no object, no data, cheap).
    /// An archive that records none, or a pg_restore that cannot print them, gives <see cref="ArchivedDatabase.None"/>.
    /// </summary>
    public async Task<ArchivedDatabase> ReadDatabaseAsync(CancellationToken cancellationToken)
    {
        var list = System.IO.Path.GetTempFileName();
        try
        {
            await File.WriteAllTextAsync(list, ";\n", cancellationToken);
            var result = await ExternalProcess.RunAsync(_tools.PgRestore, ["--create", "--file=-", $"--use-list={list}", Path],
                new Dictionary<string, string>(), cancellationToken);
            return result.ExitCode == 0 ? ArchivedDatabase.Parse(result.StandardOutput) : ArchivedDatabase.None;
        }
        finally
        {
            File.Delete(list);
        }
    }

    /// <summary>pg_restore's jobs for a format: the tar format is read sequentially, one job.</summary>
    internal static int JobsFor(string format, int jobs) => format == "tar" ? 1 : Math.Max(1, jobs);
}
