using DevDbSeed.Configuration;
using DevDbSeed.Masking;
using DevDbSeed.Postgres.Connections;
using DevDbSeed.Postgres.Schema;
using DevDbSeed.Rules;

namespace DevDbSeed.Postgres.Pipeline;

/// <summary>Everything a run needs, resolved from the pipeline file, the command line and the environment.</summary>
public sealed record RunOptions(
    ConnectionSettings Source,
    ConnectionSettings? Target,
    RuleSet Rules,
    MaskingKeys Keys,
    int Jobs,
    bool TerminateConnections,
    RestoreOptions Restore,
    string? PgBin,
    VerifyOptions Verify)
{
    public const int DefaultJobs = 4;

    /// <summary>
    /// Resolves a pipeline: command-line values win over the file's; <c>${VAR}</c> are expanded only for values
    /// used. A missing secret gives a random key for this run and a warning.
    /// </summary>
    public static RunOptions Resolve(PipelineFile pipeline, string? source, string? target, int? jobs, bool needsTarget,
        Func<string, string?> environment, Action<string> warn)
    {
        var sourceText = source ?? pipeline.Source?.Expand(environment)
            ?? throw new DevDbSeed.Errors.ConfigurationException($"{pipeline.DisplayPath}: no source (set source: in the pipeline or pass --source)");
        string? targetText = null;
        if (needsTarget)
        {
            targetText = target ?? pipeline.Target?.Expand(environment)
                ?? throw new DevDbSeed.Errors.ConfigurationException($"{pipeline.DisplayPath}: no target (set target: in the pipeline or pass --target)");
        }

        var rules = RulesLoader.Load(pipeline.RulesFiles);
        var sourceSettings = ConnectionSettings.Parse(sourceText, "source");
        var targetSettings = targetText is null ? null : ConnectionSettings.Parse(targetText, "target");
        return new RunOptions(
            sourceSettings,
            targetSettings,
            rules,
            KeysOf(pipeline, environment, warn),
            jobs ?? pipeline.Jobs ?? DefaultJobs,
            pipeline.TerminateConnections,
            new RestoreOptions(pipeline.KeepOwners, pipeline.KeepPrivileges),
            pipeline.PgBin?.Expand(environment) ?? environment("DEVDBSEED_PG_BIN"),
            pipeline.Verify);
    }

    /// <summary>The keys of a secret; without one (null or empty) a random key for this run, and a warning beginning with <paramref name="whyNone"/>.</summary>
    internal static MaskingKeys KeysFor(string? secret, string whyNone, Action<string> warn)
    {
        if (!string.IsNullOrEmpty(secret))
        {
            return MaskingKeys.FromSecret(secret);
        }

        warn($"{whyNone}: masking with a random key for this run, so fakes will differ from the previous run");
        return MaskingKeys.Random();
    }

    /// <summary>The pipeline's secret, expanded; null (with why) when it sets none, it is empty or its variable is not set.</summary>
    internal static string? SecretOf(PipelineFile pipeline, Func<string, string?> environment, out string whyNone)
    {
        whyNone = string.Empty;
        if (pipeline.Secret is { } secret && secret.TryExpand(environment, out var value, out _) && value.Length > 0)
        {
            return value;
        }

        whyNone = pipeline.Secret is null ? "the pipeline sets no secret"
            : pipeline.Secret.TryExpand(environment, out _, out var name) ? "the secret is empty" : $"environment variable {name} is not set";
        return null;
    }

    private static MaskingKeys KeysOf(PipelineFile pipeline, Func<string, string?> environment, Action<string> warn) =>
        KeysFor(SecretOf(pipeline, environment, out var whyNone), whyNone, warn);
}
