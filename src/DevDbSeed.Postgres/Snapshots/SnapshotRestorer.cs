using DevDbSeed.Errors;
using DevDbSeed.Postgres.Connections;
using DevDbSeed.Postgres.Schema;
using DevDbSeed.Postgres.Target;
using DevDbSeed.Running;
using DevDbSeed.Snapshots;

namespace DevDbSeed.Postgres.Snapshots;

/// <summary>
/// <c>devdbseed snapshot restore</c>: checks the whole file first (<see cref="SnapshotFile"/>), then, under the target's
/// lock, restores it with <c>pg_restore --jobs</c> into a new database next to the target, marks that database with the
/// manifest's <see cref="MaskedCopyMark"/> (a dump without <c>--create</c> carries no database-level setting) and swaps
/// it in like a run (previous copy kept, connected clients refused unless terminated). Any failure or cancellation drops
/// the new database: the target is left exactly as it was. Needs no source.
/// </summary>
internal static class SnapshotRestorer
{
    public static async Task<SnapshotManifest> RestoreAsync(string file, ConnectionSettings target, int jobs, bool terminate, string? pgBin,
        IRunObserver observer, CancellationToken cancellationToken)
    {
        using var snapshot = await SnapshotFile.OpenAsync(file, cancellationToken);
        var tools = await PostgresTools.LocateNewestAsync(pgBin, cancellationToken);
        await using var server = await TargetServer.OpenAsync(target, cancellationToken);
        await server.LockAsync(cancellationToken);
        var database = snapshot.Manifest.Database;
        var properties = new DatabaseProperties(database.Encoding, database.Collate, database.CType, database.LocaleProvider, database.IcuLocale, database.Comment, []);
        var shadow = await ShadowDatabase.CreateAsync(server, properties, observer.OnEvent, cancellationToken);
        try
        {
            await RestoreAsync(tools, shadow.Settings, snapshot.DataPath, jobs, cancellationToken);
            await shadow.ApplySettingsAsync(snapshot.Manifest.Mark, cancellationToken);
            await EnsureMarkedAsync(shadow, cancellationToken);
            await DatabaseSwap.SwapAsync(server, shadow, terminate, cancellationToken);
            return snapshot.Manifest;
        }
        catch
        {
            if (await DatabaseDropper.DropAsync(server, shadow.Name) is { } problem)
            {
                observer.OnEvent(new HalfBuiltDatabaseLeft(shadow.Name, problem));
            }

            throw;
        }
    }

    private static async Task RestoreAsync(PostgresTools tools, ConnectionSettings database, string dump, int jobs, CancellationToken cancellationToken)
    {
        var result = await ExternalProcess.RunAsync(tools.PgRestore,
        [
            $"--jobs={Math.Max(1, jobs)}", "--exit-on-error", "--no-owner", "--no-privileges", "--no-tablespaces",
            $"--dbname={SchemaArchive.ConnInfo(database.Database)}", dump,
        ], database.LibpqEnvironment(), cancellationToken);
        if (result.ExitCode != 0)
        {
            throw new RunFailedException($"restoring the snapshot into the new database failed: {ErrorText.OfTool(result.StandardError)}");
        }
    }

    /// <summary>A session on the new database sees the mark (the restored copy stays marked), or the restore fails (exit 1).</summary>
    private static async Task EnsureMarkedAsync(ShadowDatabase shadow, CancellationToken cancellationToken)
    {
        await using var session = await Sessions.OpenAsync(shadow.Settings, "new database", cancellationToken);
        if (await MaskedCopyMarks.ReadAsync(session, cancellationToken) is null)
        {
            throw new RunFailedException($"the restored database {shadow.Name} does not hold the {MaskedCopyMark.Setting} mark");
        }
    }
}
