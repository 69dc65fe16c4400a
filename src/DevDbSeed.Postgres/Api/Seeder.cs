using DevDbSeed.Errors;
using DevDbSeed.Planning;
using DevDbSeed.Postgres.Connections;
using DevDbSeed.Postgres.Discovery;
using DevDbSeed.Postgres.Pipeline;
using DevDbSeed.Postgres.Reporting;
using DevDbSeed.Reporting;
using DevDbSeed.Verification;
using Npgsql;

namespace DevDbSeed;

/// <summary>
/// DevDbSeed from .NET: the devdbseed commands <c>run</c>, <c>check</c>, <c>verify</c>, <c>report</c> and
/// <c>rules init</c>, one method each. Failures are the command line's: a <see cref="DevDbSeedException"/> whose
/// <see cref="DevDbSeedException.ExitCode"/> is the command's exit code (<see cref="ConfigurationException"/> 2,
/// <see cref="RulesMismatchException"/> 3, <see cref="RunFailedException"/> 1, a database error included), and an
/// <see cref="OperationCanceledException"/> when the token is cancelled (the command's 130), after cleaning up.
/// The source is only ever read; only <see cref="RunAsync"/> writes, and only to the target.
/// </summary>
public static class Seeder
{
    /// <summary>
    /// Copies the source into a new database, masking on the way, proves that no original value reached it, and
    /// swaps it in for the target (the old one kept as <c>&lt;target&gt;_previous</c>). Any failure or cancellation
    /// leaves the target exactly as it was.
    /// </summary>
    /// <param name="options">The pipeline; <see cref="PipelineOptions.Target"/> is required.</param>
    /// <param name="observer">Hears the steps, per-table progress and warnings (a missing secret among them); null: nothing is reported.</param>
    /// <param name="cancellationToken">Stops the run; the half-built database is dropped.</param>
    public static Task<RunSummary> RunAsync(PipelineOptions options, IRunObserver? observer = null, CancellationToken cancellationToken = default)
    {
        observer ??= SilentObserver.Instance;
        return GuardAsync(options, "run", needsTarget: true, observer, run => new PipelineRunner(run, observer).RunAsync(cancellationToken), cancellationToken);
    }

    /// <summary>
    /// Reads the source schema in a read-only snapshot and plans the pipeline: what a run would do with each table
    /// and column. Writes nothing anywhere; no target needed. Rules that do not fit the schema are a <see cref="RulesMismatchException"/>.
    /// </summary>
    public static Task<PipelinePlan> CheckAsync(PipelineOptions options, CancellationToken cancellationToken = default) =>
        GuardAsync(options, "check", needsTarget: false, SilentObserver.Instance,
            run => PipelineChecker.CheckAsync(run, SilentObserver.Instance, cancellationToken), cancellationToken);

    /// <summary>
    /// The run's leak verification against an existing target: counts of original values of masked columns found
    /// in it, never the values. Reads only. The result is returned whatever it found: fail with
    /// <c>result.ThrowIfLeaking(...)</c> (a <see cref="RulesMismatchException"/>, as <c>devdbseed verify</c> exits 3).
    /// </summary>
    public static Task<VerifyResult> VerifyAsync(PipelineOptions options, CancellationToken cancellationToken = default) =>
        GuardAsync(options, "verify", needsTarget: true, SilentObserver.Instance,
            run => PipelineVerifier.VerifyAsync(run, SilentObserver.Instance, cancellationToken), cancellationToken);

    /// <summary>
    /// The reviewer's view of the rules against the source schema, with a content scan of up to
    /// <paramref name="sampleRows"/> rows per table (0 to <see cref="RulesInitOptions.MaxSampleRows"/>). Reads only.
    /// Render it with <see cref="ReportRenderer.Render"/> (md, html, json).
    /// </summary>
    public static Task<ReviewReport> ReportAsync(PipelineOptions options, int sampleRows = RulesInit.DefaultSample, CancellationToken cancellationToken = default) =>
        GuardAsync(options, "report", needsTarget: false, SilentObserver.Instance, run =>
        {
            if (sampleRows is < 0 or > RulesInitOptions.MaxSampleRows)
            {
                throw new ConfigurationException($"{nameof(sampleRows)} must be from 0 to {RulesInitOptions.MaxSampleRows} (it is {sampleRows})");
            }

            return ReportBuilder.BuildAsync(run, sampleRows, SilentObserver.Instance, cancellationToken);
        }, cancellationToken);

    /// <summary>
    /// A complete rules file for the source, every table and column classified by name, type and a sample of its
    /// content, with a comment saying why; or, with <see cref="RulesInitOptions.UpdateFile"/>, that file's text with
    /// what it does not cover added. Returns the YAML text and writes nothing. Review it before trusting it.
    /// </summary>
    public static Task<string> InitRulesAsync(RulesInitOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        return GuardAsync(() =>
        {
            if (string.IsNullOrWhiteSpace(options.Source))
            {
                throw new ConfigurationException($"{nameof(RulesInitOptions)}.{nameof(RulesInitOptions.Source)} is not set");
            }

            if (options.SampleRows is < 0 or > RulesInitOptions.MaxSampleRows)
            {
                throw new ConfigurationException(
                    $"{nameof(RulesInitOptions)}.{nameof(RulesInitOptions.SampleRows)} must be from 0 to {RulesInitOptions.MaxSampleRows} (it is {options.SampleRows})");
            }

            return RulesInit.RunAsync(ConnectionSettings.Parse(options.Source, "source"), options.SampleRows,
                string.IsNullOrEmpty(options.UpdateFile) ? null : options.UpdateFile, _ => { }, cancellationToken);
        }, cancellationToken);
    }

    /// <summary>Validates and resolves the options (<see cref="PipelineOptions.Resolve"/>) inside the returned task, then runs the command.</summary>
    private static Task<T> GuardAsync<T>(PipelineOptions options, string operation, bool needsTarget, IRunObserver observer,
        Func<RunOptions, Task<T>> command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        return GuardAsync(() => command(options.Resolve(operation, needsTarget, observer.Warning)), cancellationToken);
    }

    /// <summary>The command line's mapping: whatever a cancelled operation throws is the cancellation; a database error is exit 1.</summary>
    private static async Task<T> GuardAsync<T>(Func<Task<T>> command, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        try
        {
            return await command();
        }
        catch (Exception e) when (cancellationToken.IsCancellationRequested && e is not OperationCanceledException)
        {
            throw new OperationCanceledException("cancelled; the target is left as it was", e, cancellationToken);
        }
        catch (NpgsqlException e)
        {
            throw new RunFailedException(Sessions.Describe(e), e);
        }
    }
}
