using System.Diagnostics;
using DevDbSeed.AfterScripts;
using DevDbSeed.Errors;
using DevDbSeed.Postgres.Connections;
using DevDbSeed.Running;
using Npgsql;

namespace DevDbSeed.Postgres.Pipeline;

/// <summary>
/// Runs a pipeline's <c>after:</c> scripts in the new database (never in the source), in order, each in one transaction
/// of its own: reset password hashes, insert test accounts, point webhooks at nothing. Each statement is sent as it is
/// written, one at a time (an <see cref="NpgsqlBatch"/> command without parameters is neither parsed nor split by Npgsql),
/// so that PostgreSQL's error position is within that statement and maps to the line of the file.
/// </summary>
internal static class AfterScriptRunner
{
    public static async Task RunAsync(IReadOnlyList<AfterScript> scripts, ConnectionSettings newDatabase, IRunObserver observer, CancellationToken cancellationToken)
    {
        await using var connection = await Sessions.OpenAsync(newDatabase, "new database", cancellationToken);
        foreach (var script in scripts)
        {
            var clock = Stopwatch.StartNew();
            await RunAsync(connection, script, cancellationToken);
            observer.OnEvent(new AfterScriptRan(script.DisplayPath, script.Statements.Count, clock.Elapsed));
        }
    }

    /// <summary>One script in one transaction; a statement the server refuses is exit 1 naming the file and the line.</summary>
    private static async Task RunAsync(NpgsqlConnection connection, AfterScript script, CancellationToken cancellationToken)
    {
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        foreach (var statement in script.Statements)
        {
            await using var batch = new NpgsqlBatch(connection, transaction) { BatchCommands = { new NpgsqlBatchCommand(statement.Text) } };
            try
            {
                await batch.ExecuteNonQueryAsync(cancellationToken);
            }
            catch (PostgresException e) when (!cancellationToken.IsCancellationRequested)
            {
                throw new RunFailedException($"after script {script.DisplayPath}:{script.LineOf(statement, e.Position)}: {Sessions.Describe(e)}", e);
            }
        }

        try
        {
            await transaction.CommitAsync(cancellationToken);
        }
        catch (PostgresException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw new RunFailedException($"after script {script.DisplayPath}, at its commit: {Sessions.Describe(e)}", e); // a deferred constraint
        }
    }
}
