using System.Diagnostics;
using DevDbSeed.Copying;
using DevDbSeed.Errors;
using DevDbSeed.Planning;
using DevDbSeed.Postgres.Catalog;
using DevDbSeed.Postgres.Connections;
using DevDbSeed.Postgres.Copying;
using DevDbSeed.Postgres.Schema;
using DevDbSeed.Postgres.Source;
using DevDbSeed.Postgres.Target;
using DevDbSeed.Postgres.Verification;
using DevDbSeed.Verification;
using Npgsql;

namespace DevDbSeed.Postgres.Pipeline;

/// <summary>
/// <c>devdbseed run</c>: snapshot the source, plan (fail closed), build the new database under a temporary
/// name (schema, masked rows, sequences, indexes and constraints), then swap it in. Any failure or interruption
/// drops the half-built database: the target stays exactly as it was, and the source is only ever read.
/// </summary>
public sealed class PipelineRunner(RunOptions options, IRunObserver observer)
{
    private const int MaxUniqueRounds = 3;
    private readonly Dictionary<string, TimeSpan> _steps = [];
    private readonly Lock _stepsLock = new();

    public async Task<RunSummary> RunAsync(CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var target = options.Target ?? throw new ConfigurationException("no target database given");
        observer.Step($"source {options.Source}, target {target}");
        await using var snapshot = await SourceSnapshot.OpenAsync(options.Source, cancellationToken);
        await using var server = await TargetServer.OpenAsync(target, cancellationToken);
        await RefuseSameDatabaseAsync(snapshot, server, cancellationToken);

        var plan = await Timed("plan", () => PlanAsync(snapshot, options.Rules, observer, cancellationToken));
        var tools = await PostgresTools.LocateAsync(options.PgBin, plan.Catalog.ServerVersionNumber, cancellationToken);
        await server.LockAsync(cancellationToken);
        await DatabaseSwap.EnsureTargetFreeAsync(server, options.TerminateConnections, cancellationToken);
        var properties = await DatabaseProperties.ReadAsync(snapshot.Holder, plan.Catalog.ServerVersionNumber, cancellationToken);

        var shadow = await ShadowDatabase.CreateAsync(server, properties, observer.Warning, cancellationToken);
        try
        {
            var results = await BuildAsync(snapshot, shadow, tools, plan, cancellationToken);
            await shadow.ApplyPropertiesAsync(properties, cancellationToken);
            observer.Step(await server.ExistsAsync(server.TargetName, cancellationToken)
                ? $"swapping in the new {server.TargetName} (the old one becomes {server.PreviousName})"
                : $"renaming the new database to {server.TargetName}");
            await Timed("swap", () => DatabaseSwap.SwapAsync(server, shadow, options.TerminateConnections, cancellationToken));
            return new RunSummary(options.Source.ToString(), target.ToString(), results, plan.MaskedColumnCount, plan.Catalog.Sequences.Count,
                clock.Elapsed, _steps, options.Keys.IsRandom);
        }
        catch
        {
            await DropQuietlyAsync(target, shadow.Name);
            throw;
        }
    }

    /// <summary>How the run masks (and verification masks again): the run's keys, the rules' locale, the plan's unique rules.</summary>
    internal static MaskingSetup MaskingFor(RunOptions options, PipelinePlan plan) => MaskingSetup.For(plan, options.Keys);

    /// <summary>Reads the catalog in the snapshot, plans, and checks set constants against their column types.</summary>
    internal static async Task<PipelinePlan> PlanAsync(SourceSnapshot snapshot, DevDbSeed.Rules.RuleSet rules, IRunObserver observer, CancellationToken cancellationToken)
    {
        observer.Step("reading the source schema");
        var catalog = await CatalogReader.ReadAsync(snapshot.Holder, cancellationToken);
        var plan = Planner.Plan(rules, catalog);
        await ConstantChecker.CheckAsync(snapshot.Holder, plan, cancellationToken);
        observer.PlanReady(plan);
        return plan;
    }

    private async Task<IReadOnlyList<TableCopyResult>> BuildAsync(SourceSnapshot snapshot, ShadowDatabase shadow, PostgresTools tools, PipelinePlan plan,
        CancellationToken cancellationToken)
    {
        observer.Step($"building {shadow.Name}: schema (pg_dump {tools.MajorVersion})");
        using var archive = await Timed("pre-data", async () =>
        {
            var dumped = await SchemaArchive.DumpAsync(tools, options.Source, snapshot.SnapshotId, cancellationToken);
            await dumped.RestorePreDataAsync(shadow.Settings, options.Restore, cancellationToken);
            return dumped;
        });

        var masking = MaskingFor(options, plan);
        var copier = new DataCopier(snapshot, shadow.Settings, masking, observer, plan.Catalog.ServerVersionNumber);
        observer.Step($"copying {plan.Tables.Count} tables with {options.Jobs} jobs");
        var results = (await Timed("rows", () => copier.CopyAsync(plan.Tables, options.Jobs, cancellationToken))).ToList();

        var guard = new UniquenessGuard(snapshot, shadow.Settings);
        await Timed("unique check", async () =>
        {
            for (var round = 1; await guard.CheckAsync(plan, masking, cancellationToken) is { } repair; round++)
            {
                if (round > MaxUniqueRounds)
                {
                    throw repair.Collisions[0].TooShort();
                }

                foreach (var collision in repair.Collisions)
                {
                    observer.Warning($"{collision.Name}: {collision.Duplicates.Count} masked value(s) shared by distinct originals; repairing");
                }

                masking = masking with { Overrides = repair.Overrides };
                var again = await new DataCopier(snapshot, shadow.Settings, masking, observer, plan.Catalog.ServerVersionNumber)
                    .RecopyAsync(repair.Recopy, options.Jobs, cancellationToken);
                results.RemoveAll(r => again.Any(a => a.Table == r.Table));
                results.AddRange(again);
            }

            return true;
        });

        await Timed("sequences", async () =>
        {
            await using var reader = await snapshot.OpenReaderAsync(cancellationToken);
            await using var writer = await Sessions.OpenAsync(shadow.Settings, "new database", cancellationToken);
            return await SequenceValues.CopyAsync(reader, writer, plan.Catalog.Sequences, cancellationToken);
        });

        // The leak verification reads the rows while the indexes are built: post-data leaves a core idle at times.
        using var failed = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        observer.Step(options.Verify.Enabled
            ? "building indexes, constraints and triggers, refreshing materialized views; verifying that no original value reached the new database"
            : "building indexes, constraints and triggers; refreshing materialized views");
        var postData = Timed("post-data", async () =>
        {
            await archive.RestorePostDataAsync(shadow.Settings, options.Restore, options.Jobs, failed.Token);
            return true;
        });
        if (options.Verify.Enabled)
        {
            var verifier = new Verifier(plan, masking, options.Verify);
            var verify = Timed("verify", () => verifier.VerifyAsync(snapshot.OpenReaderAsync, shadow.Settings, VerifyScope.NewDatabase, options.Jobs, failed.Token));
            try
            {
                if (await Task.WhenAny(postData, verify) == postData && !postData.IsCompletedSuccessfully)
                {
                    await postData; // its failure first: verify is cancelled below
                }

                var verified = await verify;
                observer.Verified(verified);
                verified.ThrowIfLeaking("the new database was dropped; the target keeps its previous content");
            }
            catch
            {
                await failed.CancelAsync();
                await Task.WhenAll(Task.WhenAny(postData), Task.WhenAny(verify)); // stopped before the database is dropped
                throw;
            }
        }

        await postData;
        return results;
    }

    private async Task RefuseSameDatabaseAsync(SourceSnapshot snapshot, TargetServer server, CancellationToken cancellationToken)
    {
        var targetIdentity = await ServerIdentity.OfServerAsync(server.Admin, cancellationToken);
        if (targetIdentity == snapshot.ServerIdentity && server.TargetName == options.Source.Database)
        {
            throw new ConfigurationException($"the target {server.Target} is the source database itself: refusing to overwrite it");
        }
    }

    private async Task DropQuietlyAsync(ConnectionSettings target, string database)
    {
        try
        {
            await using var server = await TargetServer.OpenAsync(target, CancellationToken.None);
            await server.DropAsync(database, CancellationToken.None);
        }
        catch (Exception e) when (e is NpgsqlException or DevDbSeedException)
        {
            observer.Warning($"could not drop the half-built database {database}: {Sessions.Describe(e)}");
        }
    }

    private async Task<T> Timed<T>(string step, Func<Task<T>> action)
    {
        var clock = Stopwatch.StartNew();
        try
        {
            return await action();
        }
        finally
        {
            lock (_stepsLock)
            {
                _steps[step] = clock.Elapsed; // post-data and verify finish concurrently
            }
        }
    }

    private async Task Timed(string step, Func<Task> action) => await Timed(step, async () =>
    {
        await action();
        return true;
    });
}
