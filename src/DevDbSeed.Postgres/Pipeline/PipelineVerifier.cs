using DevDbSeed.Copying;
using DevDbSeed.Errors;
using DevDbSeed.Postgres.Source;
using DevDbSeed.Postgres.Target;
using DevDbSeed.Postgres.Verification;
using DevDbSeed.Running;
using DevDbSeed.Verification;

namespace DevDbSeed.Postgres.Pipeline;

/// <summary><c>devdbseed verify</c>: the run's leak verification, standalone, against an existing target. Reads only.</summary>
internal static class PipelineVerifier
{
    public static async Task<VerifyResult> VerifyAsync(RunOptions options, IRunObserver observer, CancellationToken cancellationToken)
    {
        var target = options.Target ?? throw new ConfigurationException("no target database given");
        var report = new RunReporter(observer);
        options.Announce(report);
        if (options.Keys.IsRandom)
        {
            report.OnEvent(new VerifyingWithoutSecret());
        }

        await using (var server = await TargetServer.OpenAsync(target, cancellationToken))
        {
            if (!await server.ExistsAsync(target.Database, cancellationToken))
            {
                throw new RunFailedException($"the target database {target.Database} does not exist on {target.Host}:{target.Port}");
            }
        }

        await using var source = await SourceDatabase.OpenAsync(options, report, cancellationToken);
        await using var snapshot = await SourceSnapshot.OpenAsync(source.Settings, cancellationToken);

        var plan = await PlanStep.PlanAsync(snapshot, options.Rules, report, cancellationToken);
        var verifier = new Verifier(plan, MaskingSetup.For(plan, options.Keys), options.Verify);
        var result = await report.StepAsync(RunStep.Verify,
            () => verifier.VerifyAsync(snapshot.OpenReaderAsync, target, VerifyScope.ExistingDatabase, options.Jobs, cancellationToken));
        report.OnEvent(new Verified(result));
        return result;
    }
}
