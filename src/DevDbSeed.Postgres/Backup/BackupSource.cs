using DevDbSeed.Postgres.Connections;

namespace DevDbSeed.Postgres.Backup;

/// <summary>A backup a command reads instead of a live source, resolved from <see cref="PipelineOptions.SourceBackup"/>.</summary>
/// <param name="Path">The archive: the path given, or the newest match of its glob.</param>
/// <param name="RestoreServer">The server it is restored on: <c>restore_server</c>, or the target's.</param>
/// <param name="ScratchFor">The database the scratch restore is named next to and marked for: the target's, or without one the restore server connection's.</param>
/// <param name="MaxAge">How old the archive may be at most (<see cref="PipelineOptions.SourceBackupMaxAge"/>); null: any age.</param>
internal sealed record BackupSource(string Path, ConnectionSettings RestoreServer, string ScratchFor, TimeSpan? MaxAge = null)
{
    /// <summary>How commands name what they read: <c>backup /backups/prod-2026-12-06.dump</c>.</summary>
    public override string ToString() => $"backup {Path}";
}
