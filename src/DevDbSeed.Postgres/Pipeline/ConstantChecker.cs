using DevDbSeed.Errors;
using DevDbSeed.Planning;
using Npgsql;

namespace DevDbSeed.Postgres.Pipeline;

/// <summary>
/// Casts every <c>set</c> constant to its column's type on the source (read-only, inside a savepoint), so a
/// constant the column cannot hold stops the run before any row moves (exit 3).
/// </summary>
internal static class ConstantChecker
{
    public static async Task CheckAsync(NpgsqlConnection source, PipelinePlan plan, CancellationToken cancellationToken)
    {
        var problems = new List<string>();
        foreach (var (table, column, value) in plan.Constants)
        {
            await using (var savepoint = new NpgsqlCommand("SAVEPOINT devdbseed_constant", source))
            {
                await savepoint.ExecuteNonQueryAsync(cancellationToken);
            }

            try
            {
                await using var cast = new NpgsqlCommand($"SELECT CAST(@value AS {column.Column.Type.SqlName})", source);
                cast.Parameters.AddWithValue("value", value);
                await cast.ExecuteNonQueryAsync(cancellationToken);
            }
            catch (PostgresException e)
            {
                problems.Add($"{table.Name}.{column.Column.Name} ({column.Rule!.Location}): '{value}' is not a valid {column.Column.Type}: {e.MessageText}");
            }
            finally
            {
                await using var rollback = new NpgsqlCommand("ROLLBACK TO SAVEPOINT devdbseed_constant", source);
                await rollback.ExecuteNonQueryAsync(cancellationToken);
            }
        }

        if (problems.Count > 0)
        {
            throw new RulesMismatchException($"the rules do not fit the source schema ({problems.Count} problem{(problems.Count == 1 ? string.Empty : "s")})", problems);
        }
    }
}
