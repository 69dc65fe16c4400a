using System.Diagnostics;
using DevDbSeed.Configuration;
using DevDbSeed.Errors;
using DevDbSeed.Postgres.Backup;
using DevDbSeed.Postgres.Connections;
using DevDbSeed.Postgres.Pipeline;
using DevDbSeed.Postgres.Target;
using DevDbSeed.Running;

namespace DevDbSeed.Postgres.Source;

/// <summary>
/// The database every command that reads the source reads: the live source, or the scratch restore of the pipeline's
/// backup. A backup is checked (<c>pg_restore --list</c>) before anything is created, restored with
/// <c>pg_restore -j</c> into a scratch database nobody else may connect to, and its rows counted; disposing the
/// source drops that database, on success, failure, exit 3 and cancellation alike. Either way what follows reads
/// <see cref="Settings"/> exactly as it would a live source.
/// </summary>
internal sealed class SourceDatabase : IAsyncDisposable
{
    private readonly ScratchDatabase? _scratch;

    private SourceDatabase(ConnectionSettings settings, string description, BackupFile? backup, ScratchDatabase? scratch)
    {
        Settings = settings;
        Description = description;
        Backup = backup;
        _scratch = scratch;
    }

    /// <summary>What to read: the live source, or the scratch database.</summary>
    public ConnectionSettings Settings { get; }

    /// <summary>How to name the source to people: user@host:port/database, or <c>backup /path/file.dump</c>.</summary>
    public string Description { get; }

    /// <summary>The backup restored; null for a live source.</summary>
    public BackupFile? Backup { get; }

    /// <summary>The live source as it is, or the backup restored (step <see cref="RunStep.Restore"/>).</summary>
    public static async Task<SourceDatabase> OpenAsync(RunOptions options, RunReporter report, CancellationToken cancellationToken)
    {
        if (options.Backup is not { } backup)
        {
            var source = options.Source!;
            return new SourceDatabase(source, source.ToString(), null, null);
        }

        return await report.StepAsync(RunStep.Restore, () => RestoreAsync(backup, options, report, cancellationToken));
    }

    /// <summary>
    /// The properties the new database takes from the source (<see cref="DatabaseProperties"/>), without the scratch
    /// database's marker comment: a backup restored without <c>--create</c> holds no database comment of its own.
    /// </summary>
    public DatabaseProperties Own(DatabaseProperties read) => _scratch is null ? read : read with { Comment = null };

    public async ValueTask DisposeAsync()
    {
        if (_scratch is not null)
        {
            await _scratch.DisposeAsync();
        }
    }

    /// <summary>A backup older than the pipeline allows fails the run before anything is restored (exit 1).</summary>
    private static void RefuseStale(BackupSource backup, BackupFile file)
    {
        var age = DateTimeOffset.UtcNow - file.Created;
        if (backup.MaxAge is { } maxAge && age > maxAge)
        {
            throw new RunFailedException($"the source backup {file.Path} was created at {file.Created.UtcDateTime:yyyy-MM-dd HH:mm:ss} UTC, "
                + $"{age.TotalHours.ToString("0.0", System.Globalization.CultureInfo.InvariantCulture)} hours ago, older than source_backup_max_age ({Durations.Text(maxAge)}): "
                + "is the backup job still running? nothing was restored, the target is untouched");
        }
    }

    private static async Task<SourceDatabase> RestoreAsync(BackupSource backup, RunOptions options, RunReporter report, CancellationToken cancellationToken)
    {
        // the restore server's own database first, unless it is the target's (which must hold no session of the tool)
        var server = await TargetServer.OpenAsync(backup.RestoreServer.ForDatabase(backup.ScratchFor), cancellationToken, "restore server",
            connectVia: backup.RestoreServer.Database == options.Target?.Database ? null : backup.RestoreServer.Database);
        BackupArchive archive;
        BackupFile file;
        ArchivedDatabase archived;
        try
        {
            archive = await BackupArchive.OpenAsync(options.PgBin, server.ServerVersion, backup.Path, cancellationToken);
            file = await BackupFacts.ReadAsync(archive.Path, archive.Header.Created, cancellationToken);
            RefuseStale(backup, file);
            archived = await archive.ReadDatabaseAsync(cancellationToken);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            await server.DisposeAsync();
            throw new ConfigurationException($"the source backup {backup.Path} cannot be read: {e.Message}", e);
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }

        var scratch = await ScratchDatabase.CreateAsync(server, archived, report.OnEvent, cancellationToken);
        try
        {
            var jobs = BackupArchive.JobsFor(archive.Format, options.Jobs);
            report.OnEvent(new BackupRestoring(file, scratch.Name, jobs));
            var clock = Stopwatch.StartNew();
            await archive.RestoreAsync(scratch.Settings, options.Restore, jobs, cancellationToken);
            var (tables, rows) = await RestoredTables.CountAsync(scratch.Settings, options.Jobs, cancellationToken);
            report.OnEvent(new BackupRestored(file, scratch.Name, tables, rows, clock.Elapsed));
            return new SourceDatabase(scratch.Settings, backup.ToString(), file, scratch);
        }
        catch
        {
            await scratch.DisposeAsync();
            throw;
        }
    }
}
