using DevDbSeed.Catalog;
using DevDbSeed.Errors;
using DevDbSeed.Planning;
using Npgsql;

namespace DevDbSeed.Postgres.Pipeline;

/// <summary>
/// Counts, in the command's snapshot, the rows each <c>keep_rows</c> predicate keeps unmasked, reading every part of the
/// table the way the copy does (<c>FROM ONLY</c> each table holding rows). A predicate the source cannot evaluate (a syntax
/// error, an unknown column, not a boolean, a failing cast) stops the command before any row moves (exit 2), naming the
/// rules file's line, the table and the server's words. Each count runs in a savepoint, so one failure leaves the
/// snapshot usable for the next.
/// </summary>
internal static class KeptRowsCounter
{
    public static async Task<IReadOnlyDictionary<QualifiedName, long>> CountAsync(NpgsqlConnection source, PipelinePlan plan, CancellationToken cancellationToken)
    {
        var counts = new Dictionary<QualifiedName, long>();
        var problems = new List<string>();
        foreach (var table in plan.KeepingRows)
        {
            var keep = table.KeepRows!;
            var relations = table.Parts.Count > 0 ? table.Parts.Select(p => $"ONLY {p.Table.Name.Sql}") : [table.Name.Sql];
            try
            {
                var rows = 0L;
                foreach (var relation in relations)
                {
                    rows += await CountAsync(source, $"SELECT count(*) FROM {relation} WHERE {keep.Kept}", cancellationToken);
                }

                counts[table.Name] = rows;
            }
            catch (PostgresException e)
            {
                problems.Add($"{keep.Location}: keep_rows of {table.Name} fails on the source: {e.MessageText}");
            }
        }

        return problems.Count switch
        {
            0 => counts,
            1 => throw new ConfigurationException(problems[0]),
            _ => throw new DevDbSeedException(ExitCode.InvalidConfiguration, $"{problems.Count} keep_rows predicates fail on the source", problems),
        };
    }

    private static async Task<long> CountAsync(NpgsqlConnection source, string sql, CancellationToken cancellationToken)
    {
        await using (var savepoint = new NpgsqlCommand("SAVEPOINT devdbseed_keep_rows", source))
        {
            await savepoint.ExecuteNonQueryAsync(cancellationToken);
        }

        try
        {
            await using var count = new NpgsqlCommand(sql, source);
            return (long)(await count.ExecuteScalarAsync(cancellationToken))!;
        }
        finally
        {
            await using var rollback = new NpgsqlCommand("ROLLBACK TO SAVEPOINT devdbseed_keep_rows", source);
            await rollback.ExecuteNonQueryAsync(cancellationToken);
        }
    }
}
