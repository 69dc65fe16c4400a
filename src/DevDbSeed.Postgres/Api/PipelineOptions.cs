using System.Text;
using DevDbSeed.AfterScripts;
using DevDbSeed.Configuration;
using DevDbSeed.Errors;
using DevDbSeed.Masking;
using DevDbSeed.Postgres.Backup;
using DevDbSeed.Postgres.Connections;
using DevDbSeed.Postgres.Pipeline;
using DevDbSeed.Postgres.Schema;
using DevDbSeed.Rules;
using DevDbSeed.Running;
using DevDbSeed.Snapshots;

namespace DevDbSeed;

/// <summary>
/// What a pipeline reads, where it writes and how: the settings of a pipeline file (<c>pipelines/*.yaml</c>) for
/// <see cref="Seeder"/>. Build it in code, or read a pipeline file with <see cref="Load"/> and change what you need
/// with <c>with { ... }</c>. Nothing is checked or opened until a <see cref="Seeder"/> method uses it.
/// </summary>
public sealed record PipelineOptions
{
    /// <summary>
    /// The production snapshot to read: a <c>postgresql://</c> URI or an Npgsql keyword string. Only ever read.
    /// Leave it empty to read <see cref="SourceBackup"/> instead.
    /// </summary>
    public string Source { get; init; } = string.Empty;

    /// <summary>
    /// Instead of <see cref="Source"/>: a <c>pg_dump</c> archive (custom, directory or tar format), or a glob whose
    /// newest match by modification time is read. It is restored into a scratch database on <see cref="RestoreServer"/>,
    /// read as a live source would be, and dropped at the end whatever the outcome.
    /// </summary>
    public string? SourceBackup { get; init; }

    /// <summary>
    /// How old the backup read may be at most, by its creation time (the archive's own, else the file's): an older one
    /// fails the run (exit 1) before anything is restored, so that a backup job that stopped running cannot hide behind
    /// refreshes that keep succeeding from its last file. Null: any age.
    /// </summary>
    public TimeSpan? SourceBackupMaxAge { get; init; }

    /// <summary>Where <see cref="SourceBackup"/> is restored: a server the tool may create databases on; null: the target's server.</summary>
    public string? RestoreServer { get; init; }

    /// <summary><see cref="Seeder.RunAsync"/> writes its JSON summary here when it ends, whatever the outcome; null: none.</summary>
    public string? SummaryFile { get; init; }

    /// <summary>
    /// After its swap, <see cref="Seeder.RunAsync"/> packages the database it swapped in as a snapshot file here (what
    /// <see cref="Seeder.CreateSnapshotAsync"/> writes), so that the nightly job publishes one verified masked file a day;
    /// null: none. A snapshot that cannot be written fails the run (exit 1) with the target already replaced.
    /// </summary>
    public string? SnapshotFile { get; init; }

    /// <summary>The PEM private key (ECDSA P-256) that signs <see cref="SnapshotFile"/>'s manifest; null: unsigned. Read before anything is copied.</summary>
    public string? SnapshotSignKey { get; init; }

    /// <summary>
    /// A referentially complete slice of the source instead of every row (pipeline key <c>subset:</c>): the start tables
    /// and their selections, and what nullable references to rows left out do; null copies every row. <see cref="Seeder.CheckAsync"/>
    /// reports the rows the slice would take per table.
    /// </summary>
    public SubsetOptions? Subset { get; init; }

    /// <summary><see cref="Seeder.RunAsync"/> writes Prometheus metrics here (node_exporter's textfile collector) when it ends; null: none.</summary>
    public string? MetricsFile { get; init; }

    /// <summary>
    /// The pipeline's name, the <c>pipeline</c> label of <see cref="MetricsFile"/>'s metrics and the summary's <c>pipeline</c>:
    /// <see cref="Load"/> sets the file's name without its extension; null: the target database's name.
    /// </summary>
    public string? Name { get; init; }

    /// <summary>How the devdbseed command line prints what happens; the library prints nothing and ignores it.</summary>
    public LogFormat LogFormat { get; init; } = LogFormat.Text;

    /// <summary>The dev database to replace (created when it does not exist yet); <see cref="Seeder.RunAsync"/>, <see cref="Seeder.VerifyAsync"/> and <see cref="Seeder.RollbackAsync"/> need it.</summary>
    public string? Target { get; init; }

    /// <summary>The rules files (<c>rules/*.yaml</c>); relative paths are relative to the current directory.</summary>
    public required IReadOnlyList<string> RulesFiles { get; init; }

    /// <summary>The masking key, never printed. Null or empty: a random key for this run (fakes differ from other runs), and a warning.</summary>
    public string? Secret { get; init; }

    /// <summary>
    /// SQL files <see cref="Seeder.RunAsync"/> executes in the new database once its rows, sequences, indexes and
    /// constraints are in, before the leak verification and the swap (pipeline key <c>after:</c>): in this order, each in
    /// one transaction of its own, never against the source. Verification then sees what they wrote, so that a script
    /// cannot bring an original value in unnoticed. A failing script fails the run (exit 1, naming its file and line) and
    /// leaves the target as it was. Read before anything is copied (a missing file is exit 2); <see cref="Seeder.CheckAsync"/>
    /// lists them. Relative paths are relative to the current directory (<see cref="Load"/> gives them relative to the pipeline file).
    /// </summary>
    public IReadOnlyList<string> AfterScripts { get; init; } = [];

    /// <summary>Tables copied (or, for verify, read) in parallel: 1 to <see cref="PipelineFile.MaxJobs"/>.</summary>
    public int Jobs { get; init; } = RunOptions.DefaultJobs;

    /// <summary>Disconnect other clients of the target at the swap instead of failing (<see cref="RunFailedException"/>).</summary>
    public bool TerminateConnections { get; init; }

    /// <summary>Restore object owners (the roles must exist on the target server).</summary>
    public bool KeepOwners { get; init; }

    /// <summary>Restore GRANTs (the roles must exist on the target server).</summary>
    public bool KeepPrivileges { get; init; }

    /// <summary>The folder of pg_dump and pg_restore; null: the newest on PATH or in <c>/usr/lib/postgresql/*/bin</c>.</summary>
    public string? PgBin { get; init; }

    /// <summary>The leak check of a run before its swap, and what <see cref="Seeder.VerifyAsync"/> samples.</summary>
    public VerifyOptions Verify { get; init; } = VerifyOptions.Default;

    // Set by Load: what the file gives where a value is missing, said when the value is needed; where its rules files are named.
    private string? NoSourceBecause { get; init; }

    private string? NoTargetBecause { get; init; }

    private string? NoRestoreServerBecause { get; init; }

    private string? NoRunFilesBecause { get; init; }

    private RandomKeyUsed? NoSecretBecause { get; init; }

    private IReadOnlyList<RulesReference>? RulesNamedInFile { get; init; }

    private IReadOnlyList<AfterScriptReference>? AfterScriptsNamedInFile { get; init; }

    /// <summary>The very list <see cref="Load"/> set <see cref="AfterScripts"/> to: a list set with <c>with { ... }</c> replaces the file's.</summary>
    private IReadOnlyList<string>? AfterScriptsAsLoaded { get; init; }

    private string? NoAfterScriptsBecause { get; init; }

    /// <summary>
    /// Reads a pipeline file as the command line does: rules files relative to it, <c>${VAR}</c> expanded from
    /// <paramref name="environment"/> (default: the process environment), and <c>pg_bin</c> defaulting to
    /// DEVDBSEED_PG_BIN. A variable that is not set is named when its value is needed: in <c>source</c>,
    /// <c>source_backup</c>, <c>restore_server</c> and <c>target</c> by the command that needs them, unless replaced
    /// with <c>with { ... }</c> (check and report need no target, rollback needs nothing else); in <c>summary</c> and
    /// <c>metrics</c> by a run, which is refused rather than run unseen; in <c>secret</c> as the reason a run masks
    /// with a random key.
    /// </summary>
    /// <exception cref="ConfigurationException">The file does not exist or is not a valid pipeline.</exception>
    public static PipelineOptions Load(string pipelineFile, Func<string, string?>? environment = null)
    {
        ArgumentNullException.ThrowIfNull(pipelineFile);
        if (!File.Exists(pipelineFile))
        {
            throw new ConfigurationException($"pipeline file {pipelineFile} does not exist");
        }

        environment ??= Environment.GetEnvironmentVariable;
        var pipeline = PipelineFile.Load(pipelineFile);
        var (source, noSourceBecause) = pipeline.SourceBackup is null
            ? Expand(pipeline.Source, "source", pipeline.DisplayPath, environment)
            : Expand(pipeline.SourceBackup, "source_backup", pipeline.DisplayPath, environment);
        var (target, noTargetBecause) = Expand(pipeline.Target, "target", pipeline.DisplayPath, environment);
        var (restoreServer, noRestoreServerBecause) = Optional(pipeline.RestoreServer, environment);
        var (summary, noSummaryBecause) = Optional(pipeline.Summary, environment);
        var (metrics, noMetricsBecause) = Optional(pipeline.Metrics, environment);
        var (snapshot, noSnapshotBecause) = Optional(pipeline.Snapshot, environment);
        var (signKey, noSignKeyBecause) = Optional(pipeline.SnapshotSignKey, environment);
        string? PathOf(string? path) => string.IsNullOrEmpty(path) ? null : Path.Combine(pipeline.Directory, path); // ${VAR:-}: none
        var secret = RunOptions.SecretOf(pipeline, environment, out var noSecretBecause);
        var afterScripts = AfterScriptReference.Of(pipeline, environment, out var noAfterScriptsBecause);
        IReadOnlyList<string> afterScriptPaths = [.. afterScripts.Select(s => s.DisplayPath)];
        return new PipelineOptions
        {
            Source = pipeline.SourceBackup is null ? source ?? string.Empty : string.Empty,
            SourceBackup = pipeline.SourceBackup is null ? null : PathOf(source),
            RestoreServer = restoreServer,
            SourceBackupMaxAge = pipeline.SourceBackupMaxAge,
            SummaryFile = PathOf(summary),
            MetricsFile = PathOf(metrics),
            SnapshotFile = PathOf(snapshot),
            SnapshotSignKey = PathOf(signKey),
            Name = PipelineReporting.NameOf(pipelineFile),
            LogFormat = pipeline.LogFormat ?? LogFormat.Text,
            Target = target,
            RulesFiles = [.. pipeline.RulesFiles.Select(r => r.DisplayPath)],
            Secret = secret,
            Jobs = pipeline.Jobs ?? RunOptions.DefaultJobs,
            TerminateConnections = pipeline.TerminateConnections,
            KeepOwners = pipeline.KeepOwners,
            KeepPrivileges = pipeline.KeepPrivileges,
            PgBin = pipeline.PgBin?.Expand(environment) ?? environment("DEVDBSEED_PG_BIN"),
            Verify = pipeline.Verify,
            Subset = pipeline.Subset,
            AfterScripts = afterScriptPaths,
            NoSourceBecause = noSourceBecause,
            NoTargetBecause = noTargetBecause,
            NoRestoreServerBecause = noRestoreServerBecause,
            NoRunFilesBecause = noSummaryBecause ?? noMetricsBecause ?? noSnapshotBecause ?? noSignKeyBecause,
            NoSecretBecause = noSecretBecause,
            RulesNamedInFile = pipeline.RulesFiles,
            AfterScriptsNamedInFile = afterScripts,
            AfterScriptsAsLoaded = afterScriptPaths,
            NoAfterScriptsBecause = noAfterScriptsBecause,
        };
    }

    /// <summary>
    /// The internal run options: validated here, at the edge (<see cref="ConfigurationException"/> naming the
    /// setting), then the rules loaded and the keys derived.
    /// </summary>
    internal RunOptions Resolve(string operation, bool needsTarget)
    {
        var readsBackup = !string.IsNullOrWhiteSpace(SourceBackup);
        if (readsBackup && !string.IsNullOrWhiteSpace(Source))
        {
            throw Invalid(nameof(SourceBackup), $"and {nameof(Source)} are both set: read either a live source or a backup, not both");
        }

        if (!readsBackup && string.IsNullOrWhiteSpace(Source))
        {
            throw new ConfigurationException(NoSourceBecause ?? $"{nameof(PipelineOptions)}.{nameof(Source)} is not set");
        }

        if (needsTarget && string.IsNullOrWhiteSpace(Target))
        {
            throw NoTarget(operation);
        }

        if (operation == RunOperation && NoRunFilesBecause is { } noRunFiles)
        {
            throw new ConfigurationException(noRunFiles); // a run whose summary or metrics cannot be written is not run unseen
        }

        if (RulesFiles is null || RulesFiles.Count == 0 || RulesFiles.Any(string.IsNullOrWhiteSpace))
        {
            throw Invalid(nameof(RulesFiles), "must name at least one rules file, and no empty path");
        }

        SettingChecks.InRange(Jobs, 1, PipelineFile.MaxJobs, $"{nameof(PipelineOptions)}.{nameof(Jobs)}");
        if (Verify is null || Verify.SamplePerColumn < 1 || Verify.MinLength < 1)
        {
            throw Invalid(nameof(Verify), "must be set, with SamplePerColumn and MinLength of at least 1");
        }

        if (operation == RunOperation && !string.IsNullOrEmpty(SnapshotSignKey))
        {
            if (string.IsNullOrEmpty(SnapshotFile))
            {
                throw Invalid(nameof(SnapshotSignKey), $"is set, and {nameof(SnapshotFile)} is not: there is no snapshot to sign");
            }

            using var key = SnapshotKey.LoadPrivate(SnapshotSignKey); // a key that cannot sign refuses the run now, not after its swap
        }

        var backup = readsBackup ? ResolveBackup(operation) : null;
        var rules = RulesLoader.Load(RulesReferences());
        IReadOnlyList<AfterScript> afterScripts = operation is RunOperation or CheckOperation ? [.. AfterScriptReferences().Select(AfterScript.Read)] : [];
        var noSecret = string.IsNullOrEmpty(Secret) ? NoSecretBecause ?? new RandomKeyUsed(MissingSecret.NotSet) : null;
        return new RunOptions(
            backup is null ? ConnectionSettings.Parse(Source, "source") : null,
            needsTarget ? ConnectionSettings.Parse(Target!, "target") : null,
            rules,
            noSecret is null ? MaskingKeys.FromSecret(Secret!) : MaskingKeys.Random(),
            noSecret,
            Jobs,
            TerminateConnections,
            new RestoreOptions(KeepOwners, KeepPrivileges),
            string.IsNullOrEmpty(PgBin) ? null : PgBin,
            Verify,
            backup,
            string.IsNullOrEmpty(SnapshotFile) ? null : Path.GetFullPath(SnapshotFile),
            Subset,
            string.IsNullOrEmpty(SnapshotSignKey) ? null : Path.GetFullPath(SnapshotSignKey),
            afterScripts);
    }

    /// <summary>
    /// The backup to restore: the newest match of <see cref="SourceBackup"/>, on <see cref="RestoreServer"/> or the
    /// target's server, its scratch database named after the target (without one, after the restore server's database).
    /// </summary>
    private BackupSource ResolveBackup(string operation)
    {
        var target = string.IsNullOrWhiteSpace(Target) ? null : ConnectionSettings.Parse(Target, "target");
        var server = !string.IsNullOrWhiteSpace(RestoreServer) ? ConnectionSettings.Parse(RestoreServer, "restore server")
            : NoRestoreServerBecause is { } noRestoreServer ? throw new ConfigurationException(noRestoreServer)
            : target ?? throw new ConfigurationException(
                $"{operation} restores the source backup on restore_server or the target's server, and neither is set"
                + (NoTargetBecause is { } why ? $" ({why})" : string.Empty));
        return new BackupSource(BackupPath.Resolve(SourceBackup!), server, (target ?? server).Database, SourceBackupMaxAge);
    }

    /// <summary>
    /// The target alone, for the commands that touch nothing else (rollback): source, rules and secret are not looked
    /// at, so a pipeline whose source variable is not set still names its target.
    /// </summary>
    internal ConnectionSettings ResolveTarget(string operation) =>
        string.IsNullOrWhiteSpace(Target) ? throw NoTarget(operation) : ConnectionSettings.Parse(Target, "target");

    private ConfigurationException NoTarget(string operation) =>
        new(NoTargetBecause ?? $"{nameof(PipelineOptions)}.{nameof(Target)} is not set: {operation} needs the dev database to replace");

    /// <summary>The rules files, where the pipeline file names them when they are still its (so a missing one is named at its line).</summary>
    private IReadOnlyList<RulesReference> RulesReferences()
    {
        if (RulesNamedInFile is { } named && named.Select(r => r.DisplayPath).SequenceEqual(RulesFiles, StringComparer.Ordinal))
        {
            return named;
        }

        if (RulesFiles.FirstOrDefault(f => !File.Exists(f)) is { } missing)
        {
            throw Invalid(nameof(RulesFiles), $"names {missing}, which does not exist");
        }

        return [.. RulesFiles.Select(f => new RulesReference(Path.GetFullPath(f), f, new SourceLocation(f, 1, 1)))];
    }

    /// <summary>The after scripts, where the pipeline file names them when they are still its (so a missing one is named at its line).</summary>
    private IReadOnlyList<AfterScriptReference> AfterScriptReferences()
    {
        if (AfterScripts is null || AfterScripts.Any(string.IsNullOrWhiteSpace))
        {
            throw Invalid(nameof(AfterScripts), "must be set (empty: no scripts), and name no empty path");
        }

        if (AfterScriptsNamedInFile is { } named && ReferenceEquals(AfterScripts, AfterScriptsAsLoaded))
        {
            return NoAfterScriptsBecause is { } why ? throw new ConfigurationException(why) : named;
        }

        return [.. AfterScripts.Select(f => new AfterScriptReference(Path.GetFullPath(f), f, null))];
    }

    /// <summary>An optional setting of the pipeline file, expanded; null when it is not set, or null and why when its variable is not.</summary>
    private static (string? Value, string? Why) Optional(EnvironmentText? text, Func<string, string?> environment) =>
        text is null ? (null, null)
        : text.TryExpand(environment, out var value, out var missing) ? (value, null)
        : (null, $"{text.Location}: environment variable {missing} is not set");

    /// <summary>A connection of the pipeline file, expanded; or null and why, for the command that needs it to say.</summary>
    private static (string? Value, string? Why) Expand(EnvironmentText? text, string key, string file, Func<string, string?> environment) =>
        text is null ? (null, $"{file}: no {key} (set {key}: in the pipeline, or give one on the command line)")
        : text.TryExpand(environment, out var value, out var missing) ? (value, null)
        : (null, $"{text.Location}: environment variable {missing} is not set");

    /// <summary>The operation name <see cref="Seeder.RunAsync"/> resolves with: the only one that writes the summary and metrics.</summary>
    internal const string RunOperation = "run";

    /// <summary>The operation name <see cref="Seeder.CheckAsync"/> resolves with: it reads the after scripts to list them.</summary>
    internal const string CheckOperation = "check";

    internal static ConfigurationException Invalid(string setting, string problem) =>
        new($"{nameof(PipelineOptions)}.{setting} {problem}");

    /// <summary>Connections without their passwords and the secret only as set or not: options may be logged.</summary>
    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append($"Source = {(string.IsNullOrEmpty(Source) ? "(none)" : Redacted(Source))}, Target = {(Target is null ? "null" : Redacted(Target))}, ")
            .Append($"RulesFiles = [{string.Join(", ", RulesFiles ?? [])}], Secret = {(string.IsNullOrEmpty(Secret) ? "(none)" : "(set)")}, ")
            .Append($"Jobs = {Jobs}, TerminateConnections = {TerminateConnections}, KeepOwners = {KeepOwners}, KeepPrivileges = {KeepPrivileges}, ")
            .Append($"PgBin = {PgBin ?? "null"}, Verify = {Verify}, SourceBackup = {SourceBackup ?? "null"}, ")
            .Append($"SourceBackupMaxAge = {(SourceBackupMaxAge is { } maxAge ? Durations.Text(maxAge) : "null")}, ")
            .Append($"RestoreServer = {(RestoreServer is null ? "null" : Redacted(RestoreServer))}, SummaryFile = {SummaryFile ?? "null"}, ")
            .Append($"MetricsFile = {MetricsFile ?? "null"}, SnapshotFile = {SnapshotFile ?? "null"}, SnapshotSignKey = {SnapshotSignKey ?? "null"}, LogFormat = {LogFormat}, Name = {Name ?? "null"}, ")
            .Append($"Subset = {(Subset is null ? "null" : string.Join("; ", Subset.Tables.Select(t => $"{t.Table}: {t.Describe()}")))}, ")
            .Append($"AfterScripts = [{string.Join(", ", AfterScripts ?? [])}]");
        return true;
    }

    /// <summary>user@host:port/database, never the password.</summary>
    internal static string Redacted(string? connection)
    {
        try
        {
            return ConnectionSettings.Parse(connection ?? string.Empty, "connection").ToString();
        }
        catch (DevDbSeedException)
        {
            return "(not a valid connection)";
        }
    }
}
