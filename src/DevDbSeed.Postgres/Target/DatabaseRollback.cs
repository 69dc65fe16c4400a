using DevDbSeed.Errors;
using DevDbSeed.Postgres.Connections;
using DevDbSeed.Running;

namespace DevDbSeed.Postgres.Target;

/// <summary>
/// <c>devdbseed rollback</c>: puts <c>target_previous</c> back in place, in one transaction (the target to a temporary
/// name, the previous copy to the target, the temporary name to <c>target_previous</c>), so that a second rollback
/// undoes the first. It takes the lock a run takes and follows the run's rule for connected clients. Without a previous
/// copy it fails and changes nothing.
/// </summary>
internal static class DatabaseRollback
{
    public static async Task<RolledBack> RollbackAsync(ConnectionSettings target, bool terminate, IRunObserver observer, CancellationToken cancellationToken)
    {
        await using var server = await TargetServer.OpenAsync(target, cancellationToken);
        await server.LockAsync(cancellationToken);
        if (!await server.ExistsAsync(server.PreviousName, cancellationToken))
        {
            throw new RunFailedException($"nothing to roll back to: {server.PreviousName} does not exist (a run keeps the database it replaces under that name); nothing was changed");
        }

        var targetExisted = await DatabaseSwap.RenameWhenFreeAsync(server, terminate, () => ExchangeAsync(server, cancellationToken), cancellationToken);
        var rolledBack = new RolledBack(server.TargetName, server.PreviousName, targetExisted);
        observer.OnEvent(rolledBack);
        return rolledBack;
    }

    /// <summary>The renames, in one transaction; whether there was a target to keep as the previous copy.</summary>
    private static async Task<bool> ExchangeAsync(TargetServer server, CancellationToken cancellationToken)
    {
        var hasTarget = await server.ExistsAsync(server.TargetName, cancellationToken);
        var parked = DatabaseNames.NameFor(server.TargetName, "rollback");
        await using var transaction = await server.Admin.BeginTransactionAsync(cancellationToken);
        if (hasTarget)
        {
            await DatabaseSwap.RenameAsync(server, server.TargetName, parked, cancellationToken);
        }

        await DatabaseSwap.RenameAsync(server, server.PreviousName, server.TargetName, cancellationToken);
        if (hasTarget)
        {
            await DatabaseSwap.RenameAsync(server, parked, server.PreviousName, cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return hasTarget;
    }
}
