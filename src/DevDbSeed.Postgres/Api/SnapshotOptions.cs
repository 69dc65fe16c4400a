using System.Text;

namespace DevDbSeed;

/// <summary>What <see cref="Seeder.CreateSnapshotAsync"/> packages, and where.</summary>
public sealed record SnapshotCreateOptions
{
    /// <summary>The masked copy to package: a <c>postgresql://</c> URI or an Npgsql keyword string naming it. It is only read.</summary>
    public required string From { get; init; }

    /// <summary>The snapshot file to write (replaced when it exists; its folder must exist).</summary>
    public required string Output { get; init; }

    /// <summary>Where pg_dump is; null: DEVDBSEED_PG_BIN, PATH, then <c>/usr/lib/postgresql/*/bin</c>.</summary>
    public string? PgBin { get; init; }

    /// <summary>The database without its password.</summary>
    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append($"From = {PipelineOptions.Redacted(From)}, Output = {Output}, PgBin = {PgBin}");
        return true;
    }
}

/// <summary>What <see cref="Seeder.RestoreSnapshotAsync"/> restores, and where.</summary>
public sealed record SnapshotRestoreOptions
{
    /// <summary>The most parallel pg_restore jobs.</summary>
    public const int MaxJobs = 64;

    /// <summary>The snapshot file to restore.</summary>
    public required string File { get; init; }

    /// <summary>The dev database to replace: a <c>postgresql://</c> URI or an Npgsql keyword string naming it.</summary>
    public required string Target { get; init; }

    /// <summary>pg_restore's parallel jobs: 1 to <see cref="MaxJobs"/>.</summary>
    public int Jobs { get; init; } = 2;

    /// <summary>Disconnect clients of the target and its previous copy before the swap, instead of failing.</summary>
    public bool TerminateConnections { get; init; }

    /// <summary>Where pg_restore is; null: DEVDBSEED_PG_BIN, PATH, then <c>/usr/lib/postgresql/*/bin</c>.</summary>
    public string? PgBin { get; init; }

    /// <summary>The target without its password.</summary>
    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append($"File = {File}, Target = {PipelineOptions.Redacted(Target)}, Jobs = {Jobs}, TerminateConnections = {TerminateConnections}, PgBin = {PgBin}");
        return true;
    }
}
