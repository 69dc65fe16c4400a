using DevDbSeed.Errors;
using DevDbSeed.Yaml;
using YamlDotNet.RepresentationModel;

namespace DevDbSeed.Configuration;

/// <summary>
/// A pipeline definition (pipelines/*.yaml): where to read, where to write, which rules, how.
/// Values stay unexpanded until used (<see cref="EnvironmentText"/>); command-line options override them.
/// </summary>
/// <param name="DisplayPath">The file as the user named it.</param>
/// <param name="Source">Connection to the production snapshot (URI or Npgsql keywords).</param>
/// <param name="Target">Connection naming the dev database to replace.</param>
/// <param name="RulesFiles">Rules files, resolved relative to the pipeline file.</param>
/// <param name="Secret">The masking key; null when the file sets none.</param>
/// <param name="Jobs">Tables copied in parallel.</param>
/// <param name="TerminateConnections">Terminate other clients of the target at the swap instead of failing.</param>
/// <param name="KeepOwners">Restore object owners (the roles must exist on the target server).</param>
/// <param name="KeepPrivileges">Restore GRANTs (the roles must exist on the target server).</param>
/// <param name="PgBin">Folder holding pg_dump and pg_restore, when not found on PATH.</param>
/// <param name="Verify">How runs prove no original value reached the new database.</param>
/// <param name="Directory">The folder of the pipeline file: relative paths in it are relative to this folder.</param>
/// <param name="SourceBackup">A pg_dump archive (or a glob: the newest match) restored and read instead of a live source.</param>
/// <param name="RestoreServer">The server the backup is restored on (default: the target's server).</param>
/// <param name="Summary">Where a run writes its JSON summary, whatever its outcome.</param>
/// <param name="Metrics">Where a run writes Prometheus metrics for node_exporter's textfile collector.</param>
/// <param name="LogFormat">How the command line prints: text (default) or one JSON object per line.</param>
/// <param name="SourceBackupMaxAge">How old the backup read may be at most (its creation time): an older one fails the run.</param>
/// <param name="Snapshot">Where a run writes the snapshot file of the database it swapped in (<c>devdbseed snapshot create</c>'s file).</param>
/// <param name="SnapshotSignKey">The PEM private key (ECDSA P-256) that signs the snapshot file a run writes.</param>
/// <param name="Subset">A referentially complete slice of the source instead of every row; null copies every row.</param>
/// <param name="AfterScripts">SQL files run in the new database before its verification, in order, relative to the pipeline file (unexpanded).</param>
public sealed record PipelineFile(
    string DisplayPath,
    EnvironmentText? Source,
    EnvironmentText? Target,
    IReadOnlyList<RulesReference> RulesFiles,
    EnvironmentText? Secret,
    int? Jobs,
    bool TerminateConnections,
    bool KeepOwners,
    bool KeepPrivileges,
    EnvironmentText? PgBin,
    VerifyOptions Verify,
    string Directory,
    EnvironmentText? SourceBackup = null,
    EnvironmentText? RestoreServer = null,
    EnvironmentText? Summary = null,
    EnvironmentText? Metrics = null,
    LogFormat? LogFormat = null,
    TimeSpan? SourceBackupMaxAge = null,
    EnvironmentText? Snapshot = null,
    SubsetOptions? Subset = null,
    EnvironmentText? SnapshotSignKey = null,
    IReadOnlyList<EnvironmentText>? AfterScripts = null)
{
    public const int MaxJobs = 64;

    private static readonly string[] Keys =
        [
            "source", "source_backup", "source_backup_max_age", "restore_server", "target", "rules", "secret", "jobs", "terminate_connections", "keep_owners",
            "keep_privileges", "pg_bin", "verify", "summary", "metrics", "log_format", "snapshot", "snapshot_sign_key",
            "subset", "subset_nullable_references", "after",
        ];

    /// <summary>Every key a pipeline file may hold (what its JSON Schema must describe).</summary>
    internal static IReadOnlyList<string> KnownKeys => Keys;

    public static PipelineFile Load(string path) => Load(YamlFile.Load(path));

    /// <summary>A pipeline from a parsed file (<c>rules diff</c> reads one from a git revision this way).</summary>
    public static PipelineFile Load(YamlFile file)
    {
        if (file.Root is null)
        {
            throw new ConfigurationException($"{file.DisplayPath}: the pipeline file is empty");
        }

        var mapping = file.Mapping(file.Root, "a pipeline file");
        EnvironmentText? source = null, target = null, secret = null, pgBin = null, backup = null, restoreServer = null, summary = null, metrics = null;
        LogFormat? logFormat = null;
        TimeSpan? maxAge = null;
        EnvironmentText? snapshot = null, signKey = null;
        var rules = new List<RulesReference>();
        int? jobs = null;
        bool terminate = false, keepOwners = false, keepPrivileges = false;
        var verify = VerifyOptions.Default;
        IReadOnlyList<SubsetTable>? subset = null;
        (NullableReferences Value, YamlNode Node)? nullable = null;
        IReadOnlyList<EnvironmentText>? after = null;
        foreach (var (key, _, value) in file.Entries(mapping, "the pipeline", Keys))
        {
            switch (key)
            {
                case "source":
                    source = Text(file, value, key);
                    break;
                case "target":
                    target = Text(file, value, key);
                    break;
                case "source_backup":
                    backup = Text(file, value, key);
                    break;
                case "source_backup_max_age":
                    maxAge = Durations.Parse(file, value, key);
                    break;
                case "restore_server":
                    restoreServer = Text(file, value, key);
                    break;
                case "snapshot":
                    snapshot = Text(file, value, key);
                    break;
                case "snapshot_sign_key":
                    signKey = Text(file, value, key);
                    break;
                case "summary":
                    summary = Text(file, value, key);
                    break;
                case "metrics":
                    metrics = Text(file, value, key);
                    break;
                case "log_format":
                    logFormat = LogFormats.Parse(file, value);
                    break;
                case "secret":
                    secret = YamlNodes.IsNull(value) ? null : Text(file, value, key);
                    break;
                case "pg_bin":
                    pgBin = Text(file, value, key);
                    break;
                case "jobs":
                    jobs = file.Integer(value, "jobs", 1, MaxJobs);
                    break;
                case "terminate_connections":
                    terminate = file.Boolean(value, key);
                    break;
                case "keep_owners":
                    keepOwners = file.Boolean(value, key);
                    break;
                case "keep_privileges":
                    keepPrivileges = file.Boolean(value, key);
                    break;
                case "rules":
                    rules.AddRange(RulesFilesOf(file, value));
                    break;
                case "verify":
                    verify = VerifyOptions.Parse(file, value);
                    break;
                case "subset":
                    subset = SubsetOptions.ParseTables(file, value);
                    break;
                case "subset_nullable_references":
                    nullable = (SubsetOptions.ParseNullable(file, value), value);
                    break;
                case "after":
                    after = AfterScriptsOf(file, value);
                    break;
            }
        }

        if (rules.Count == 0)
        {
            throw file.Error(mapping, "the pipeline names no rules file (rules: path/to/rules.yaml)");
        }

        if (source is not null && backup is not null)
        {
            throw new ConfigurationException(backup.Location, "the pipeline sets both source and source_backup: read either a live source or a backup, not both");
        }

        if (signKey is not null && snapshot is null)
        {
            throw new ConfigurationException(signKey.Location, "snapshot_sign_key signs the snapshot: file a run writes; the pipeline sets no snapshot");
        }

        if (nullable is { } orphan && subset is null)
        {
            throw file.Error(orphan.Node, "subset_nullable_references needs a subset: to apply to");
        }

        var subsetOptions = subset is null ? null : new SubsetOptions(subset, nullable?.Value ?? NullableReferences.Include);
        return new PipelineFile(file.DisplayPath, source, target, rules, secret, jobs, terminate, keepOwners, keepPrivileges, pgBin, verify,
            file.Directory, backup, restoreServer, summary, metrics, logFormat, maxAge, snapshot, subsetOptions, signKey, after);
    }

    private static EnvironmentText Text(YamlFile file, YamlNode node, string key) => new(file.Scalar(node, key), file.At(node));

    /// <summary><c>after: [post.sql, accounts.sql]</c>: a list of paths, each where it is written for its errors.</summary>
    private static List<EnvironmentText> AfterScriptsOf(YamlFile file, YamlNode node) =>
        node is YamlSequenceNode list
            ? [.. list.Children.Select(item => Text(file, item, "an entry of after"))]
            : throw file.Error(node, $"after must be a list of SQL files, relative to the pipeline (after: [post.sql]); {YamlNodes.Shape(node)} found");

    private static IEnumerable<RulesReference> RulesFilesOf(YamlFile file, YamlNode node)
    {
        var items = node is YamlSequenceNode list ? list.Children : (IEnumerable<YamlNode>)[node];
        foreach (var item in items)
        {
            var relative = file.Scalar(item, "rules");
            var full = Path.GetFullPath(Path.Combine(file.Directory, relative));
            var display = Path.IsPathRooted(relative) ? relative : Path.Combine(Path.GetDirectoryName(file.DisplayPath) ?? string.Empty, relative);
            yield return new RulesReference(full, display, file.At(item));
        }
    }
}

/// <summary>A rules file a pipeline names: its resolved path, the path to show, and where it was named.</summary>
public sealed record RulesReference(string FullPath, string DisplayPath, SourceLocation NamedAt);
