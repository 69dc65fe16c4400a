using DevDbSeed.Errors;
using DevDbSeed.Postgres.Source;
using DevDbSeed.Postgres.Target;
using DevDbSeed.Postgres.Verification;
using DevDbSeed.Verification;

namespace DevDbSeed.Postgres.Pipeline;

/// <summary><c>devdbseed verify</c>: the run's leak verification, standalone, against an existing target. Reads only.</summary>
public static class PipelineVerifier
{
    public static async Task<VerifyResult> VerifyAsync(RunOptions options, IRunObserver observer, CancellationToken cancellationToken)
    {
        var target = options.Target ?? throw new ConfigurationException("no target database given");
        observer.Step($"source {options.Source}, target {target}");
        if (options.Keys.IsRandom)
        {
            observer.Warning("without the run's secret, verify cannot tell a value its rule kept from another value's fake: "
                + "only other columns are judged reliably");
        }

        await using var snapshot = await SourceSnapshot.OpenAsync(options.Source, cancellationToken);
        await using (var server = await TargetServer.OpenAsync(target, cancellationToken))
        {
            if (!await server.ExistsAsync(target.Database, cancellationToken))
            {
                throw new RunFailedException($"the target database {target.Database} does not exist on {target.Host}:{target.Port}");
            }
        }

        var plan = await PipelineRunner.PlanAsync(snapshot, options.Rules, observer, cancellationToken);
        var masking = PipelineRunner.MaskingFor(options, plan);
        observer.Step("verifying that no original value of a masked column is in the target");
        var result = await new Verifier(plan, masking, options.Verify).VerifyAsync(snapshot.OpenReaderAsync, target, VerifyScope.ExistingDatabase, options.Jobs, cancellationToken);
        observer.Verified(result);
        return result;
    }
}
