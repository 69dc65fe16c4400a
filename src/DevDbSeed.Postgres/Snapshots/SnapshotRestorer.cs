using DevDbSeed.Errors;
using DevDbSeed.Postgres.Connections;
using DevDbSeed.Postgres.Schema;
using DevDbSeed.Postgres.Target;
using DevDbSeed.Running;
using DevDbSeed.Snapshots;

namespace DevDbSeed.Postgres.Snapshots;

/// <summary>
/// <c>devdbseed snapshot restore</c>: reads the verify key when one is given, downloads a snapshot given by URL into a
/// private temporary folder (<see cref="SnapshotWorkspace"/>, <see cref="SnapshotDownload"/>), checks the whole file
/// (<see cref="SnapshotFile"/>: checksums, and the signature with the key), then, under the target's lock, restores it
/// with <c>pg_restore --jobs</c> into a new database next to the target, marks that database with the manifest's
/// <see cref="MaskedCopyMark"/> (a dump without <c>--create</c> carries no database-level setting) and swaps it in like a
/// run (previous copy kept, connected clients refused unless terminated). Any failure or cancellation drops the new
/// database and deletes the temporary folder: the target is left exactly as it was. Needs no source.
/// </summary>
internal static class SnapshotRestorer
{
    public static async Task<SnapshotManifest> RestoreAsync(SnapshotRestoreOptions options, ConnectionSettings target, string? pgBin,
        IRunObserver observer, CancellationToken cancellationToken)
    {
        observer.OnEvent(new CommandStarted(SnapshotLocation.Display(options.File), target.ToString()));
        using var verifyKey = options.VerifyKey is null ? null : SnapshotKey.LoadPublic(options.VerifyKey);
        using var workspace = SnapshotWorkspace.Create(options.TempFolder);
        var tools = await PostgresTools.LocateNewestAsync(pgBin, cancellationToken);
        var snapshot = await OpenAsync(options.File, target, workspace, verifyKey, observer, cancellationToken);
        var manifest = snapshot.Manifest;
        observer.OnEvent(new SnapshotChecked(SnapshotLocation.Display(options.File), manifest.Parts.Sum(p => p.Bytes), manifest.RowCounts.Count,
            manifest.RowCounts.Values.Sum(), snapshot.Signature, snapshot.KeySha256));
        await using var server = await TargetServer.OpenAsync(target, cancellationToken);
        await server.LockAsync(cancellationToken);
        var database = manifest.Database;
        var properties = new DatabaseProperties(database.Encoding, database.Collate, database.CType, database.LocaleProvider, database.IcuLocale, database.Comment, []);
        var shadow = await ShadowDatabase.CreateAsync(server, properties, observer.OnEvent, cancellationToken);
        try
        {
            observer.OnEvent(new SnapshotRestoring(shadow.Name, options.Jobs));
            await RestoreAsync(tools, shadow.Settings, snapshot.DataPath, options.Jobs, cancellationToken);
            await shadow.ApplySettingsAsync(manifest.Mark, cancellationToken);
            await EnsureMarkedAsync(shadow, cancellationToken);
            observer.OnEvent(new Swapping(server.TargetName, server.PreviousName, await server.ExistsAsync(server.TargetName, cancellationToken)));
            await DatabaseSwap.SwapAsync(server, shadow, options.TerminateConnections, cancellationToken);
            return manifest;
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

    /// <summary>
    /// Checks the snapshot <paramref name="location"/> names; a URL is downloaded first, once the target server has been
    /// reached (a wrong target fails before a long download), and the download is deleted as soon as its parts are out.
    /// </summary>
    private static async Task<SnapshotFile> OpenAsync(string location, ConnectionSettings target, SnapshotWorkspace workspace, SnapshotKey? verifyKey,
        IRunObserver observer, CancellationToken cancellationToken)
    {
        if (!SnapshotLocation.IsUrl(location))
        {
            return await SnapshotFile.OpenAsync(location, location, workspace.PartsPath, verifyKey, cancellationToken);
        }

        await (await TargetServer.OpenAsync(target, cancellationToken)).DisposeAsync();
        try
        {
            await new SnapshotDownload(observer).DownloadAsync(location, workspace.DownloadPath, cancellationToken);
            return await SnapshotFile.OpenAsync(workspace.DownloadPath, SnapshotLocation.Display(location), workspace.PartsPath, verifyKey, cancellationToken);
        }
        finally
        {
            SnapshotFile.TryDelete(workspace.DownloadPath);
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
