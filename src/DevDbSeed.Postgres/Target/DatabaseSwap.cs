using DevDbSeed.Catalog;
using DevDbSeed.Errors;
using DevDbSeed.Running;
using Npgsql;

namespace DevDbSeed.Postgres.Target;

/// <summary>
/// Puts the new database in place in one transaction: the old <c>_previous</c> copy out of the way (renamed and
/// marked, dropped after the commit), the target renamed to <c>target_previous</c>, the new database renamed to the
/// target and given the source's comment. Renames and comments are transactional, so the target is either the old
/// database or the new one, never something between; a run killed before it drops the old copy leaves a database the
/// next run recognises and drops.
/// </summary>
internal static class DatabaseSwap
{
    private const int Attempts = 3;
    private const string TrashRole = "old";
    private const string TrashMarker = "devdbseed: replaced previous copy of ";

    /// <summary>Fails (exit 1) naming the clients connected to the target, unless they may be terminated.</summary>
    public static async Task EnsureTargetFreeAsync(TargetServer server, bool terminate, CancellationToken cancellationToken)
    {
        foreach (var database in new[] { server.TargetName, server.PreviousName })
        {
            if (terminate)
            {
                await server.TerminateSessionsAsync(database, cancellationToken);
                continue;
            }

            var sessions = await server.SessionsOnAsync(database, cancellationToken);
            if (sessions.Count > 0)
            {
                throw new RunFailedException(
                    $"{database} is in use by {sessions.Count} other session{(sessions.Count == 1 ? string.Empty : "s")} "
                    + $"({string.Join("; ", sessions.Take(5))}{(sessions.Count > 5 ? "; ..." : string.Empty)}): "
                    + "disconnect them, or set terminate_connections: true in the pipeline");
            }
        }
    }

    public static async Task SwapAsync(TargetServer server, ShadowDatabase shadow, bool terminate, CancellationToken cancellationToken)
    {
        var trash = DatabaseNames.NameFor(server.TargetName, TrashRole);
        var movedPrevious = await RenameWhenFreeAsync(server, terminate, () => RenameAsync(server, shadow, trash, cancellationToken), cancellationToken);
        if (movedPrevious)
        {
            await server.DropAsync(trash, CancellationToken.None);
        }
    }

    /// <summary>
    /// Runs <paramref name="renames"/> (one transaction of renames touching the target and its previous copy) once
    /// neither has other clients (or they were terminated); a client connecting between that check and the renames
    /// (ObjectInUse) gets the check again, a few times, before it fails the command (exit 1).
    /// </summary>
    public static async Task<T> RenameWhenFreeAsync<T>(TargetServer server, bool terminate, Func<Task<T>> renames, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            await EnsureTargetFreeAsync(server, terminate, cancellationToken);
            try
            {
                return await renames();
            }
            catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.ObjectInUse && attempt < Attempts)
            {
                // a client connected between the check and the rename: check again
            }
            catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.ObjectInUse)
            {
                throw new RunFailedException($"{server.TargetName} could not be replaced: {e.MessageText}; disconnect its clients or set terminate_connections: true");
            }
        }
    }

    private static async Task<bool> RenameAsync(TargetServer server, ShadowDatabase shadow, string trash, CancellationToken cancellationToken)
    {
        var hasTarget = await server.ExistsAsync(server.TargetName, cancellationToken);
        var hasPrevious = hasTarget && await server.ExistsAsync(server.PreviousName, cancellationToken);
        await using var transaction = await server.Admin.BeginTransactionAsync(cancellationToken);
        if (hasPrevious)
        {
            await RenameAsync(server, server.PreviousName, trash, cancellationToken);
            await server.Execute($"COMMENT ON DATABASE {QualifiedName.QuoteIdentifier(trash)} IS {DatabaseNames.Literal(TrashMarker + server.TargetName)}", cancellationToken);
        }

        if (hasTarget)
        {
            await RenameAsync(server, server.TargetName, server.PreviousName, cancellationToken);
        }

        await RenameAsync(server, shadow.Name, server.TargetName, cancellationToken);
        await shadow.TakeSourceCommentAsync(server.TargetName, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return hasPrevious;
    }

    /// <summary>Replaced previous copies a run of this target killed between its swap and their drop left behind.</summary>
    internal static Task DropAbandonedAsync(TargetServer server, Action<RunWarning> warn, CancellationToken cancellationToken) =>
        AbandonedDatabases.DropAsync(server, DatabaseNames.PrefixFor(server.TargetName, TrashRole), TrashMarker + server.TargetName,
            name => new AbandonedPreviousCopyDropped(name), warn, cancellationToken);

    internal static async Task RenameAsync(TargetServer server, string from, string to, CancellationToken cancellationToken) =>
        await server.Execute($"ALTER DATABASE {QualifiedName.QuoteIdentifier(from)} RENAME TO {QualifiedName.QuoteIdentifier(to)}", cancellationToken);
}
