using DevDbSeed.AfterScripts;
using DevDbSeed.Configuration;
using DevDbSeed.Masking;
using DevDbSeed.Postgres.Backup;
using DevDbSeed.Postgres.Connections;
using DevDbSeed.Postgres.Schema;
using DevDbSeed.Rules;
using DevDbSeed.Running;

namespace DevDbSeed.Postgres.Pipeline;

/// <summary>Everything a command needs, resolved and checked from <see cref="PipelineOptions"/>: connections parsed, rules loaded, keys derived.</summary>
/// <param name="Source">The live source; null when a backup is read instead (<paramref name="Backup"/>).</param>
/// <param name="Target">The target (run and verify).</param>
/// <param name="Rules">The rules.</param>
/// <param name="Keys">The masking keys: the secret's, or a random key for this run.</param>
/// <param name="NoSecret">Why the keys are random, as the warning a run gives; null with a secret.</param>
/// <param name="Jobs">Tables copied or read in parallel.</param>
/// <param name="TerminateConnections">Disconnect other clients of the target at the swap.</param>
/// <param name="Restore">What pg_restore restores besides the objects (owners, privileges).</param>
/// <param name="PgBin">Where pg_dump and pg_restore are; null: found.</param>
/// <param name="Verify">The leak check.</param>
/// <param name="Backup">The backup read instead of a live source; null for a live source.</param>
/// <param name="SnapshotFile">Where a run packages the database it swapped in; null: nowhere.</param>
/// <param name="Subset">The slice of the source to copy; null: every row.</param>
/// <param name="SnapshotSignKey">The PEM private key that signs <paramref name="SnapshotFile"/>; null: unsigned.</param>
/// <param name="AfterScripts">The SQL files run in the new database before its verification, read; null: none.</param>
internal sealed record RunOptions(
    ConnectionSettings? Source,
    ConnectionSettings? Target,
    RuleSet Rules,
    MaskingKeys Keys,
    RandomKeyUsed? NoSecret,
    int Jobs,
    bool TerminateConnections,
    RestoreOptions Restore,
    string? PgBin,
    VerifyOptions Verify,
    BackupSource? Backup = null,
    string? SnapshotFile = null,
    SubsetOptions? Subset = null,
    string? SnapshotSignKey = null,
    IReadOnlyList<AfterScript>? AfterScripts = null)
{
    public const int DefaultJobs = 4;

    /// <summary>How commands name what they read: user@host:port/database, or <c>backup /path/file.dump</c>.</summary>
    internal string SourceDescription => Backup?.ToString() ?? Source!.ToString();

    /// <summary>Says a command began on these connections with these rules files, and, without a secret, that fakes come from a random key.</summary>
    internal void Announce(IRunObserver observer)
    {
        observer.OnEvent(new CommandStarted(SourceDescription, Target?.ToString(), Backup?.Path));
        observer.OnEvent(new RulesLoaded(Rules.Files));
        if (NoSecret is { } noSecret)
        {
            observer.OnEvent(noSecret);
        }
    }

    /// <summary>The pipeline's secret, expanded; null (with why) when it sets none, it is empty or its variable is not set.</summary>
    internal static string? SecretOf(PipelineFile pipeline, Func<string, string?> environment, out RandomKeyUsed? whyNone)
    {
        whyNone = null;
        if (pipeline.Secret is null)
        {
            whyNone = new RandomKeyUsed(MissingSecret.NotSet);
            return null;
        }

        if (!pipeline.Secret.TryExpand(environment, out var value, out var variable))
        {
            whyNone = new RandomKeyUsed(MissingSecret.VariableNotSet, variable);
            return null;
        }

        if (value.Length == 0)
        {
            whyNone = new RandomKeyUsed(MissingSecret.Empty);
            return null;
        }

        return value;
    }
}
