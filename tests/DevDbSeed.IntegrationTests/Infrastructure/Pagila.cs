using System.Text;
using Npgsql;

namespace DevDbSeed.IntegrationTests.Infrastructure;

/// <summary>Loads pagila (Data/pagila, a real-world schema and data set) into a database, without psql.</summary>
public static class Pagila
{
    public static string DataDirectory => Path.Combine(AppContext.BaseDirectory, "Data", "pagila");

    public static string RulesFile => Path.Combine(DataDirectory, "rules.yaml");

    /// <summary>Creates a database and loads pagila into it; returns the database's name.</summary>
    public static async Task<string> CreateAsync(TestDatabases databases)
    {
        var database = await databases.CreateAsync("pagila");
        await using var connection = await databases.OpenAsync(database);
        var owner = (string)(await new NpgsqlCommand("SELECT current_user", connection).ExecuteScalarAsync())!;
        var schema = await File.ReadAllTextAsync(Path.Combine(DataDirectory, "pagila-schema.sql"));
        if (owner != "postgres")
        {
            schema = string.Join('\n', schema.Split('\n').Where(l => !l.TrimEnd().EndsWith("OWNER TO postgres;", StringComparison.Ordinal)));
        }

        await new NpgsqlCommand(schema, connection).ExecuteNonQueryAsync();
        await LoadDataAsync(connection, Path.Combine(DataDirectory, "pagila-data.sql"));
        await new NpgsqlCommand("REFRESH MATERIALIZED VIEW public.rental_by_category; ANALYZE", connection).ExecuteNonQueryAsync();
        return database;
    }

    /// <summary>Runs a pg_dump data file: SQL statements, and COPY ... FROM stdin blocks sent through COPY.</summary>
    private static async Task LoadDataAsync(NpgsqlConnection connection, string path)
    {
        var sql = new StringBuilder();
        using var reader = new StreamReader(path, Encoding.UTF8);
        while (await reader.ReadLineAsync() is { } line)
        {
            if (line.StartsWith("COPY ", StringComparison.Ordinal) && line.EndsWith("FROM stdin;", StringComparison.Ordinal))
            {
                if (sql.Length > 0)
                {
                    await new NpgsqlCommand(sql.ToString(), connection).ExecuteNonQueryAsync();
                    sql.Clear();
                }

                await using var import = await connection.BeginTextImportAsync(line[..^"FROM stdin;".Length] + "FROM STDIN");
                while (await reader.ReadLineAsync() is { } row && row != "\\.")
                {
                    await import.WriteAsync(row + "\n");
                }

                continue;
            }

            if (!line.StartsWith("--", StringComparison.Ordinal))
            {
                sql.AppendLine(line);
            }
        }

        if (sql.ToString().Trim().Length > 0)
        {
            await new NpgsqlCommand(sql.ToString(), connection).ExecuteNonQueryAsync();
        }
    }
}
