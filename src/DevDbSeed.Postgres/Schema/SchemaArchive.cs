using DevDbSeed.Errors;
using DevDbSeed.Postgres.Connections;

namespace DevDbSeed.Postgres.Schema;

/// <summary>
/// The source schema as PostgreSQL's own tools see it: one pg_dump archive (custom format) of the pre-data and
/// post-data sections, taken in the run's snapshot. Pre-data (types, tables, functions, sequences, views) is
/// restored before the rows; post-data (indexes, constraints, triggers, policies, materialized view data)
/// after them, in parallel. Subscriptions and publications are left out: a dev copy must not replicate.
/// </summary>
internal sealed class SchemaArchive : IDisposable
{
    private readonly PostgresTools _tools;
    private readonly string _directory;

    private SchemaArchive(PostgresTools tools, string directory)
    {
        _tools = tools;
        _directory = directory;
    }

    private string ArchivePath => Path.Combine(_directory, "schema.dump");

    public static async Task<SchemaArchive> DumpAsync(PostgresTools tools, ConnectionSettings source, string snapshotId, CancellationToken cancellationToken)
    {
        var directory = Directory.CreateTempSubdirectory("devdbseed-").FullName; // mode 0700 on Unix
        var archive = new SchemaArchive(tools, directory);
        try
        {
            var result = await ExternalProcess.RunAsync(tools.PgDump,
            [
                "--format=custom", "--section=pre-data", "--section=post-data", $"--snapshot={snapshotId}",
                "--no-subscriptions", "--no-publications", $"--file={archive.ArchivePath}", $"--dbname={ConnInfo(source.Database)}",
            ], source.LibpqEnvironment(), cancellationToken);
            if (result.ExitCode != 0)
            {
                throw new RunFailedException($"pg_dump of the source schema failed: {ErrorText.OfTool(result.StandardError)}");
            }

            return archive;
        }
        catch
        {
            archive.Dispose();
            throw;
        }
    }

    /// <summary>Restores the pre-data section (everything rows need) in one transaction.</summary>
    public Task RestorePreDataAsync(ConnectionSettings target, RestoreOptions options, CancellationToken cancellationToken) =>
        RestoreAsync(target, ["--section=pre-data", "--single-transaction"], options, "the schema (pre-data)", cancellationToken);

    /// <summary>Restores the post-data section with <paramref name="jobs"/> parallel workers.</summary>
    public Task RestorePostDataAsync(ConnectionSettings target, RestoreOptions options, int jobs, CancellationToken cancellationToken) =>
        RestoreAsync(target, ["--section=post-data", $"--jobs={Math.Max(1, jobs)}"], options,
            "indexes, constraints and triggers (post-data)", cancellationToken);

    public void Dispose()
    {
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // a temporary folder left behind holds schema only
        }
    }

    private async Task RestoreAsync(ConnectionSettings target, string[] section, RestoreOptions options, string what, CancellationToken cancellationToken)
    {
        var arguments = new List<string>(section) { "--exit-on-error", "--no-tablespaces", $"--dbname={ConnInfo(target.Database)}" };
        if (!options.KeepOwners)
        {
            arguments.Add("--no-owner");
        }

        if (!options.KeepPrivileges)
        {
            arguments.Add("--no-privileges");
        }

        arguments.Add(ArchivePath);
        var result = await ExternalProcess.RunAsync(_tools.PgRestore, arguments, target.LibpqEnvironment(), cancellationToken);
        if (result.ExitCode != 0)
        {
            throw new RunFailedException($"restoring {what} into the new database failed: {ErrorText.OfTool(result.StandardError)}");
        }
    }

    /// <summary>A libpq conninfo naming only the database (host, port and user travel in the environment).</summary>
    internal static string ConnInfo(string database) => "dbname='" + database.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("'", "\\'", StringComparison.Ordinal) + "'";
}

/// <summary>Whether owners and GRANTs are restored (their roles must then exist on the target server).</summary>
internal sealed record RestoreOptions(bool KeepOwners, bool KeepPrivileges);
