using System.Text;
using DevDbSeed.Snapshots;

namespace DevDbSeed;

/// <summary>What <see cref="Seeder.CreateSnapshotAsync"/> packages, and where.</summary>
public sealed record SnapshotCreateOptions
{
    /// <summary>The masked copy to package: a <c>postgresql://</c> URI or an Npgsql keyword string naming it. It is only read.</summary>
    public required string From { get; init; }

    /// <summary>The snapshot file to write (replaced when it exists; its folder must exist).</summary>
    public required string Output { get; init; }

    /// <summary>
    /// A PEM file holding the ECDSA P-256 private key (PKCS#8 <c>PRIVATE KEY</c> or SEC1 <c>EC PRIVATE KEY</c>, unencrypted)
    /// that signs the manifest (<see cref="SnapshotKey"/>); null: the file is not signed. Read before the database is.
    /// </summary>
    public string? SignKey { get; init; }

    /// <summary>Where pg_dump is; null: DEVDBSEED_PG_BIN, PATH, then <c>/usr/lib/postgresql/*/bin</c>.</summary>
    public string? PgBin { get; init; }

    /// <summary>The database without its password.</summary>
    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append($"From = {PipelineOptions.Redacted(From)}, Output = {Output}, SignKey = {SignKey}, PgBin = {PgBin}");
        return true;
    }
}

/// <summary>What <see cref="Seeder.RestoreSnapshotAsync"/> restores, and where.</summary>
public sealed record SnapshotRestoreOptions
{
    /// <summary>The most parallel pg_restore jobs.</summary>
    public const int MaxJobs = 64;

    /// <summary>
    /// The snapshot file to restore, or an <c>http://</c> or <c>https://</c> URL it is downloaded from first (credentials in
    /// the URL are sent as HTTP Basic authentication; neither they nor its query are ever shown: <see cref="SnapshotLocation.Display"/>).
    /// </summary>
    public required string File { get; init; }

    /// <summary>The dev database to replace: a <c>postgresql://</c> URI or an Npgsql keyword string naming it.</summary>
    public required string Target { get; init; }

    /// <summary>pg_restore's parallel jobs: 1 to <see cref="MaxJobs"/>.</summary>
    public int Jobs { get; init; } = 2;

    /// <summary>Disconnect clients of the target and its previous copy before the swap, instead of failing.</summary>
    public bool TerminateConnections { get; init; }

    /// <summary>
    /// A PEM file holding the ECDSA P-256 public key (SubjectPublicKeyInfo, <c>PUBLIC KEY</c>) the manifest's signature must
    /// verify with before anything is restored (an unsigned file is then refused too); null: a signature is not checked.
    /// </summary>
    public string? VerifyKey { get; init; }

    /// <summary>
    /// The folder a private temporary folder is made in for the download and the checked parts (about twice the file's
    /// size at most), deleted whatever the outcome; null: the system's temporary folder (<c>$TMPDIR</c>, else <c>/tmp</c>).
    /// </summary>
    public string? TempFolder { get; init; }

    /// <summary>Where pg_restore is; null: DEVDBSEED_PG_BIN, PATH, then <c>/usr/lib/postgresql/*/bin</c>.</summary>
    public string? PgBin { get; init; }

    /// <summary>The target without its password, the URL without its credentials and query.</summary>
    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append($"File = {SnapshotLocation.Display(File)}, Target = {PipelineOptions.Redacted(Target)}, Jobs = {Jobs}, "
            + $"TerminateConnections = {TerminateConnections}, VerifyKey = {VerifyKey}, TempFolder = {TempFolder}, PgBin = {PgBin}");
        return true;
    }
}
