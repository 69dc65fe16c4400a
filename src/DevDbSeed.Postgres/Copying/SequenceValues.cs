using System.Text;
using DevDbSeed.Catalog;
using Npgsql;

namespace DevDbSeed.Postgres.Copying;

/// <summary>Carries every sequence's position (last_value, is_called) from the source to the new database.</summary>
internal static class SequenceValues
{
    private const int Batch = 200;

    public static async Task<int> CopyAsync(NpgsqlConnection source, NpgsqlConnection target, IReadOnlyList<SequenceInfo> sequences, CancellationToken cancellationToken)
    {
        foreach (var chunk in sequences.Chunk(Batch))
        {
            var read = new StringBuilder();
            for (var i = 0; i < chunk.Length; i++)
            {
                read.Append(i == 0 ? string.Empty : " UNION ALL ")
                    .Append($"SELECT {i}, last_value, is_called FROM {chunk[i].Name.Sql}");
            }

            var values = new List<(int Index, long Value, bool Called)>();
            await using (var command = new NpgsqlCommand(read.ToString(), source))
            await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
            {
                while (await reader.ReadAsync(cancellationToken))
                {
                    values.Add((reader.GetInt32(0), reader.GetInt64(1), reader.GetBoolean(2)));
                }
            }

            await using var write = new NpgsqlCommand(
                "SELECT " + string.Join(", ", values.Select((_, i) => $"setval(@n{i}::regclass, @v{i}, @c{i})")), target);
            for (var i = 0; i < values.Count; i++)
            {
                write.Parameters.AddWithValue($"n{i}", chunk[values[i].Index].Name.Sql);
                write.Parameters.AddWithValue($"v{i}", values[i].Value);
                write.Parameters.AddWithValue($"c{i}", values[i].Called);
            }

            if (values.Count > 0)
            {
                await write.ExecuteNonQueryAsync(cancellationToken);
            }
        }

        return sequences.Count;
    }
}
