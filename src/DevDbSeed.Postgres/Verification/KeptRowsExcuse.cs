using System.Collections.Concurrent;
using DevDbSeed.Catalog;
using DevDbSeed.Masking;
using DevDbSeed.Planning;
using DevDbSeed.Postgres.Connections;
using Npgsql;

namespace DevDbSeed.Postgres.Verification;

/// <summary>
/// The rows <c>keep_rows</c> keeps unmasked hold their originals in the verified database, and one of them may hold a value that
/// a masked row of the source held too (a shared phone number, a support address in free text): the search then finds that
/// original in the column without any masked row holding it. Such a hit is excused exactly when the verified database holds
/// the value in no more rows than the source's kept rows do (each kept row is there as it was); one more row holding it is a
/// masked row that kept an original, and the hit stands. Only masked columns of tables with <c>keep_rows</c> are looked at.
/// </summary>
internal sealed class KeptRowsExcuse(PipelinePlan plan)
{
    /// <summary>Removes from <paramref name="found"/> the originals that only kept rows hold.</summary>
    public async Task ExcuseAsync(ConcurrentDictionary<(QualifiedName Table, string Column), ConcurrentDictionary<string, bool>> found,
        Func<CancellationToken, Task<NpgsqlConnection>> openSource, ConnectionSettings target, CancellationToken cancellationToken)
    {
        var candidates = found
            .Select(f => (f.Key, Values: f.Value, Table: plan.RuleTable(f.Key.Table)))
            .Where(f => f.Table.KeepRows is not null && !f.Values.IsEmpty && f.Table.Column(f.Key.Column).Action == ColumnAction.Mask)
            .ToList();
        if (candidates.Count == 0)
        {
            return;
        }

        await using var source = await openSource(cancellationToken);
        await using var verified = await Sessions.OpenAsync(target, "target", cancellationToken);
        foreach (var (key, values, table) in candidates)
        {
            var column = table.Column(key.Column);
            var needles = values.Keys.ToArray();
            var whole = column.Rule!.SearchInTarget(column.Unique) == TargetSearch.WholeValue;
            var inTarget = await HoldersAsync(verified, table, column, needles, whole, null, cancellationToken);
            var inKeptRows = await HoldersAsync(source, table, column, needles, whole, table.KeepRows!.Kept, cancellationToken);
            foreach (var needle in needles.Where(n => inTarget.GetValueOrDefault(n) <= inKeptRows.GetValueOrDefault(n)))
            {
                values.TryRemove(needle, out _);
            }
        }
    }

    /// <summary>Per needle, the rows of the table (those <paramref name="where"/> matches) whose column holds it: as its whole value, or inside it.</summary>
    private static async Task<Dictionary<string, long>> HoldersAsync(NpgsqlConnection connection, RuleTablePlan table, ColumnPlan column, string[] needles, bool whole,
        string? where, CancellationToken cancellationToken)
    {
        var value = $"{column.Column.Sql}::text";
        var holds = whole ? $"{value} = devdbseed_needles.needle" : $"strpos({value}, devdbseed_needles.needle) > 0";
        var sql = $"SELECT devdbseed_needles.needle, count(*) FROM {table.Name.Sql}, unnest(@needles) AS devdbseed_needles(needle) "
            + $"WHERE {holds}{(where is null ? string.Empty : $" AND {where}")} GROUP BY 1";
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddWithValue("needles", needles);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var counts = new Dictionary<string, long>(StringComparer.Ordinal);
        while (await reader.ReadAsync(cancellationToken))
        {
            counts[reader.GetString(0)] = reader.GetInt64(1);
        }

        return counts;
    }
}
