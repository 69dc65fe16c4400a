using System.Diagnostics;
using DevDbSeed.AfterScripts;
using DevDbSeed.Copying;
using DevDbSeed.Errors;
using DevDbSeed.Planning;
using DevDbSeed.Postgres.Connections;
using DevDbSeed.Postgres.Copying;
using DevDbSeed.Postgres.Schema;
using DevDbSeed.Postgres.Snapshots;
using DevDbSeed.Postgres.Source;
using DevDbSeed.Postgres.Target;
using DevDbSeed.Postgres.Verification;
using DevDbSeed.Running;
using DevDbSeed.Snapshots;
using DevDbSeed.Verification;
using Npgsql;

namespace DevDbSeed.Postgres.Pipeline;

/// <summary>
/// <c>devdbseed run</c>, in the README's steps: open one snapshot of the source, plan (fail closed), restore the schema
/// into a new database under a temporary name, copy the rows masking on the way, make sure unique columns stayed unique,
/// take over the sequences, build indexes and constraints while verifying that no original value arrived (with
/// <c>after:</c> scripts: build them, run the scripts, then verify), and swap the new database in. Any failure or interruption drops the half-built database: the target stays exactly as it was, and
/// the source is only ever read.
/// </summary>
internal sealed class PipelineRunner(RunOptions options, IRunObserver observer)
{
    private const int MaxUniqueRounds = 3;
    private readonly RunReporter _report = new(observer);

    public async Task<RunSummary> RunAsync(CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var target = options.Target ?? throw new ConfigurationException("no target database given");
        options.Announce(_report);

        await using var server = await TargetServer.OpenAsync(target, cancellationToken);
        await server.LockAsync(cancellationToken); // before a backup is restored: a second run fails at once
        await using var source = await SourceDatabase.OpenAsync(options, _report, cancellationToken);
        await using var snapshot = await SourceSnapshot.OpenAsync(source.Settings, _report, cancellationToken);
        await RefuseSameDatabaseAsync(source, snapshot, server, cancellationToken);

        var planned = await PlanStep.PlanAsync(snapshot, options.Rules, _report, cancellationToken);
        var tools = await PostgresTools.LocateAsync(options.PgBin, planned.Catalog.ServerVersionNumber, cancellationToken);
        if (!options.TerminateConnections)
        {
            await DatabaseSwap.EnsureTargetFreeAsync(server, terminate: false, cancellationToken); // fail fast; clients are only ever disconnected at the swap
        }

        using var stopReading = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        Task<Dictionary<string, List<Origin>>>? originals = null;
        try
        {
            var properties = source.Own(await DatabaseProperties.ReadAsync(snapshot.Holder, planned.Catalog.ServerVersionNumber, cancellationToken));
            var shadow = await ShadowDatabase.CreateAsync(server, properties, _report.OnEvent, cancellationToken);
            using var failed = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            Task<SchemaArchive>? schema = null;
            Task<MaskingSetup>? subsetMasking = null;
            try
            {
                // the schema is restored while a subset's rows are chosen, and meanwhile the subset's unique columns are
                // repaired from the source (which also has the masking code compiled before the copy's few rows meet it)
                schema = RestoreSchemaAsync(snapshot, shadow, tools, failed.Token);
                subsetMasking = options.Subset is null ? null : RepairUniqueInSourceAsync(snapshot, planned, failed.Token);
                var plan = await PlanStep.WithSubsetAsync(snapshot, planned, options, _report, cancellationToken);
                originals = options.Verify.Enabled // read from the source while the copy goes on: the verification after it finds them ready
                    ? Verifier.OriginalsAsync(plan, options.Verify, VerifyScope.NewDatabase, snapshot.OpenReaderAsync, stopReading.Token)
                    : null;
                var build = new Build(snapshot, shadow, plan, subsetMasking is null ? MaskingSetup.For(plan, options.Keys) : await subsetMasking, originals,
                    SearchInCopy(plan, originals));
                using var archive = await schema;
                using var fingerprints = subsetMasking is null ? CopiedFingerprints.For(plan) : null; // a subset was checked in the source
                var tables = await CopyRowsAsync(build, fingerprints, cancellationToken);
                if (subsetMasking is null)
                {
                    (tables, var masking) = await EnsureUniqueAsync(build, tables, fingerprints, cancellationToken);
                    build = build with { Masking = masking }; // verification masks again as the rows were masked: with the repairs
                }

                await CopySequencesAsync(build, cancellationToken);
                var verified = options.AfterScripts is { Count: > 0 } scripts
                    ? await PostDataThenScriptsAsync(build, archive, scripts, cancellationToken)
                    : await PostDataWithVerificationAsync(build, archive, cancellationToken);
                await shadow.ApplySettingsAsync(MaskedCopyMark.Now(source.Description, options.Rules.Files, verified), cancellationToken);
                await SwapAsync(server, shadow, cancellationToken);
                await WriteSnapshotAsync(target, cancellationToken);
                return new RunSummary(source.Description, target.ToString(), tables, plan.MaskedColumnCount, plan.Catalog.Sequences.Count,
                    clock.Elapsed, _report.Steps, _report.Warnings);
            }
            catch
            {
                await failed.CancelAsync();
                await StoppedAsync(schema); // pg_restore gone before its database is dropped
                await EndedAsync(subsetMasking);
                await DropQuietlyAsync(server, shadow.Name);
                throw;
            }
        }
        finally
        {
            await stopReading.CancelAsync();
            if (originals is not null)
            {
                await Task.WhenAny(originals); // ended before its session goes; a failure after the copy failed says nothing new
                _ = originals.Exception;
            }
        }
    }

    /// <summary>Waits for a schema restore a failure stopped, and lets its archive go; its own failure says nothing new.</summary>
    private static async Task StoppedAsync(Task<SchemaArchive>? schema)
    {
        await EndedAsync(schema);
        if (schema is { IsCompletedSuccessfully: true })
        {
            schema.Result.Dispose();
        }
    }

    /// <summary>Waits for a task a failure stopped; its own failure says nothing new.</summary>
    private static async Task EndedAsync(Task? task)
    {
        if (task is not null)
        {
            await Task.WhenAny(task);
            _ = task.Exception;
        }
    }

    /// <summary>The schema before the rows, from <c>pg_dump --snapshot</c> of the run's snapshot.</summary>
    private Task<SchemaArchive> RestoreSchemaAsync(SourceSnapshot snapshot, ShadowDatabase shadow, PostgresTools tools, CancellationToken cancellationToken) =>
        _report.StepAsync(RunStep.Schema, async () =>
        {
            _report.OnEvent(new SchemaRestoring(shadow.Name, tools.MajorVersion));
            var archive = await SchemaArchive.DumpAsync(tools, snapshot.Settings, snapshot.SnapshotId, cancellationToken);
            try
            {
                await archive.RestorePreDataAsync(shadow.Settings, options.Restore, cancellationToken);
                return archive;
            }
            catch
            {
                archive.Dispose();
                throw;
            }
        });

    private Task<IReadOnlyList<TableCopyResult>> CopyRowsAsync(Build build, CopiedFingerprints? fingerprints, CancellationToken cancellationToken) =>
        _report.StepAsync(RunStep.Rows, () =>
        {
            _report.OnEvent(new CopyStarted(build.Plan.Tables.Count, options.Jobs));
            return Copier(build, build.Masking, fingerprints).CopyAsync(build.Plan.Tables, options.Jobs, cancellationToken);
        });

    /// <summary>
    /// Checks the unique masked columns the plan marks in the copy; a collision gives repairs, and the tables using the
    /// repaired mappings are copied again with them, until none is left (or the column is refused as too short). The first
    /// check answers from the copy's <paramref name="fingerprints"/> where it can; a table copied again is checked in the
    /// database. Returns every table's copy and the masking the rows now have.
    /// </summary>
    private Task<(IReadOnlyList<TableCopyResult> Tables, MaskingSetup Masking)> EnsureUniqueAsync(Build build, IReadOnlyList<TableCopyResult> tables,
        CopiedFingerprints? fingerprints, CancellationToken cancellationToken) =>
        _report.StepAsync(RunStep.Uniqueness, async () =>
        {
            var guard = new UniquenessGuard(build.Snapshot, build.Shadow.Settings);
            var masking = await RepairUntilUniqueAsync(guard, build.Plan, build.Masking, fingerprints, async (repair, repaired) =>
            {
                var again = await Copier(build, repaired).RecopyAsync(repair.Recopy, options.Jobs, cancellationToken);
                tables = [.. tables.Where(t => !again.Any(a => a.Table == t.Table)), .. again];
            }, cancellationToken);
            return (tables, masking);
        });

    /// <summary>
    /// A subset's masking, before its rows are copied: the unique masked columns the plan marks are checked among the
    /// masked values of every original of the source and repaired as a full run's copy would be, so the subset is copied
    /// once, with the full run's values. Runs beside the choice of the rows, which mostly waits for the source.
    /// </summary>
    private Task<MaskingSetup> RepairUniqueInSourceAsync(SourceSnapshot snapshot, PipelinePlan plan, CancellationToken cancellationToken) =>
        _report.StepAsync(RunStep.Uniqueness, () => RepairUntilUniqueAsync(new UniquenessGuard(snapshot, copy: null), plan,
            MaskingSetup.For(plan, options.Keys), fingerprints: null, (_, _) => Task.CompletedTask, cancellationToken));

    /// <summary>
    /// Checks with <paramref name="guard"/> and repairs until no collision is left, at most <see cref="MaxUniqueRounds"/>
    /// times (then the column is refused as too short); after each repair <paramref name="repaired"/> copies again what it
    /// changed. Returns the masking with every repair.
    /// </summary>
    private async Task<MaskingSetup> RepairUntilUniqueAsync(UniquenessGuard guard, PipelinePlan plan, MaskingSetup masking, CopiedFingerprints? fingerprints,
        Func<UniquenessRepair, MaskingSetup, Task> repaired, CancellationToken cancellationToken)
    {
        for (var round = 1; await guard.CheckAsync(plan, masking, round == 1 ? fingerprints : null, cancellationToken) is { } repair; round++)
        {
            if (round > MaxUniqueRounds)
            {
                throw repair.Collisions[0].TooShort();
            }

            foreach (var collision in repair.Collisions)
            {
                _report.OnEvent(new UniqueCollisionRepaired(collision.Name, collision.Duplicates.Count));
            }

            masking = masking with { Overrides = repair.Overrides };
            await repaired(repair, masking);
        }

        return masking;
    }

    private Task CopySequencesAsync(Build build, CancellationToken cancellationToken) =>
        _report.StepAsync(RunStep.Sequences, async () =>
        {
            await using var reader = await build.Snapshot.OpenReaderAsync(cancellationToken);
            await using var writer = await Sessions.OpenAsync(build.Shadow.Settings, "new database", cancellationToken);
            await SequenceValues.CopyAsync(reader, writer, build.Plan.Catalog.Sequences, cancellationToken);
        });

    /// <summary>
    /// Indexes, constraints, triggers and materialized views, while the leak verification reads the rows: post-data
    /// leaves a core idle at times. A leak or a failure of either stops the other before the database is dropped. Returns
    /// what the verification found (null when the pipeline turns it off).
    /// </summary>
    private async Task<VerifyResult?> PostDataWithVerificationAsync(Build build, SchemaArchive archive, CancellationToken cancellationToken)
    {
        using var failed = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        _report.OnEvent(new PostDataStarted(options.Verify.Enabled));
        var postData = _report.StepAsync(RunStep.PostData, () => archive.RestorePostDataAsync(build.Shadow.Settings, options.Restore, options.Jobs, failed.Token));
        if (!options.Verify.Enabled)
        {
            await postData;
            return null;
        }

        var verify = VerifyAsync(build, failed.Token);
        try
        {
            if (await Task.WhenAny(postData, verify) == postData && !postData.IsCompletedSuccessfully)
            {
                await postData; // its failure first: verify is cancelled below
            }

            var verified = Judged(await verify);
            await postData;
            return verified;
        }
        catch
        {
            await failed.CancelAsync();
            await Task.WhenAll(Task.WhenAny(postData), Task.WhenAny(verify)); // stopped before the database is dropped
            throw;
        }
    }

    /// <summary>
    /// With <c>after:</c> scripts, one after the other: indexes, constraints and triggers first (the scripts' <c>ON CONFLICT</c>
    /// needs the unique indexes, and the constraints check what they write), then the scripts, then the verification, which
    /// so sees what the scripts wrote: a script cannot bring an original value in unnoticed.
    /// </summary>
    private async Task<VerifyResult?> PostDataThenScriptsAsync(Build build, SchemaArchive archive, IReadOnlyList<AfterScript> scripts,
        CancellationToken cancellationToken)
    {
        _report.OnEvent(new PostDataStarted(Verifying: false));
        await _report.StepAsync(RunStep.PostData, () => archive.RestorePostDataAsync(build.Shadow.Settings, options.Restore, options.Jobs, cancellationToken));
        await _report.StepAsync(RunStep.AfterScripts, () => AfterScriptRunner.RunAsync(scripts, build.Shadow.Settings, _report, cancellationToken));
        return options.Verify.Enabled ? Judged(await VerifyAsync(build, cancellationToken)) : null;
    }

    /// <summary>The leak verification of the new database, as its step.</summary>
    private Task<VerifyResult> VerifyAsync(Build build, CancellationToken cancellationToken) =>
        _report.StepAsync(RunStep.Verify, () => new Verifier(build.Plan, build.Masking, options.Verify)
            .VerifyAsync(build.Snapshot.OpenReaderAsync, build.Shadow.Settings, VerifyScope.NewDatabase, options.Jobs, cancellationToken, build.Originals,
                build.Search));

    /// <summary>Reports a verification; one that found originals fails the run (exit 3) before the swap.</summary>
    private VerifyResult Judged(VerifyResult verified)
    {
        _report.OnEvent(new Verified(verified));
        verified.ThrowIfLeaking("the new database was dropped; the target keeps its previous content");
        return verified;
    }

    private async Task SwapAsync(TargetServer server, ShadowDatabase shadow, CancellationToken cancellationToken)
    {
        _report.OnEvent(new Swapping(server.TargetName, server.PreviousName, await server.ExistsAsync(server.TargetName, cancellationToken)));
        await _report.StepAsync(RunStep.Swap, () => DatabaseSwap.SwapAsync(server, shadow, options.TerminateConnections, cancellationToken));
    }

    /// <summary>
    /// With <c>snapshot:</c> in the pipeline, packages the database just swapped in (its mark is already set) as a
    /// snapshot file; a failure fails the run (exit 1) saying that the target was replaced all the same.
    /// </summary>
    private Task WriteSnapshotAsync(ConnectionSettings target, CancellationToken cancellationToken) =>
        options.SnapshotFile is not { } file ? Task.CompletedTask : _report.StepAsync(RunStep.Snapshot, async () =>
        {
            try
            {
                var manifest = await SnapshotCreator.CreateAsync(target, file, options.PgBin, options.SnapshotSignKey, SilentObserver.Instance, cancellationToken);
                _report.OnEvent(new SnapshotWritten(file, new FileInfo(file).Length, manifest.RowCounts.Values.Sum()));
            }
            catch (Exception e) when (e is DevDbSeedException or NpgsqlException or IOException or UnauthorizedAccessException)
            {
                throw new RunFailedException($"{target.Database} was replaced, but its snapshot could not be written to {file}: {Sessions.Describe(e)}", e);
            }
        });

    private DataCopier Copier(Build build, MaskingSetup masking, CopiedFingerprints? fingerprints = null) =>
        new(build.Snapshot, build.Shadow.Settings, masking, _report, build.Plan.Catalog.ServerVersionNumber, build.Plan.Subset, fingerprints, build.Search);

    /// <summary>
    /// The verification's search of the new database, made on the copy as it writes the rows (the loaded tables are not read
    /// again); null when the run does not verify, or its <c>after:</c> scripts may write to the tables after the copy (the
    /// verification then reads them).
    /// </summary>
    private CopySearch? SearchInCopy(PipelinePlan plan, Task<Dictionary<string, List<Origin>>>? originals) =>
        originals is not null && options.AfterScripts is not { Count: > 0 }
            ? new CopySearch(VerificationPlan.For(plan, VerifyScope.NewDatabase), originals)
            : null;

    /// <summary>The database read must not be the target (a backup's scratch database never is: its name is its own).</summary>
    private static async Task RefuseSameDatabaseAsync(SourceDatabase source, SourceSnapshot snapshot, TargetServer server, CancellationToken cancellationToken)
    {
        var targetIdentity = await ServerIdentity.OfServerAsync(server.Admin, cancellationToken);
        if (targetIdentity == snapshot.ServerIdentity && server.TargetName == source.Settings.Database)
        {
            throw new ConfigurationException($"the target {server.Target} is the source database itself: refusing to overwrite it");
        }
    }

    /// <summary>
    /// Drops the half-built database after a failure, trying again while the server restarts; a server that stays
    /// away leaves it to the next run (which drops it) with a warning.
    /// </summary>
    private async Task DropQuietlyAsync(TargetServer server, string database)
    {
        if (await DatabaseDropper.DropAsync(server, database) is { } error)
        {
            _report.OnEvent(new HalfBuiltDatabaseLeft(database, error));
        }
    }

    /// <summary>What every step of building the new database works with.</summary>
    /// <param name="Originals">The originals the verification looks for, being read; null: the run does not verify.</param>
    /// <param name="Search">The verification's search made on the copy; null: the verification reads the new database.</param>
    private sealed record Build(SourceSnapshot Snapshot, ShadowDatabase Shadow, PipelinePlan Plan, MaskingSetup Masking,
        Task<Dictionary<string, List<Origin>>>? Originals, CopySearch? Search);
}
