using System.Security.Cryptography;
using DevDbSeed.Postgres.Connections;
using Npgsql;

namespace DevDbSeed.IntegrationTests.Infrastructure;

/// <summary>
/// Databases a test owns: created with unique names, dropped (with their _previous copies and anything a
/// failed run left) when the test ends.
/// </summary>
public sealed class TestDatabases : IAsyncDisposable
{
    private readonly List<string> _names = [];

    private TestDatabases(ConnectionSettings server, string prefix)
    {
        Server = server;
        Prefix = prefix;
    }

    internal ConnectionSettings Server { get; }

    /// <summary>Every database of this instance starts with it.</summary>
    public string Prefix { get; }

    public static async Task<TestDatabases> CreateAsync() => On(await TestServer.ConnectionAsync());

    /// <summary>Databases on another server than the shared test server (one a test started for itself).</summary>
    public static TestDatabases On(string server) =>
        new(ConnectionSettings.Parse(server, "test server"), "t" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4)) + "_");

    /// <summary>A name for a database this instance will drop at the end (not created).</summary>
    public string Name(string role)
    {
        var name = Prefix + role;
        _names.Add(name);
        return name;
    }

    /// <summary>Creates an empty database and returns its name.</summary>
    public async Task<string> CreateAsync(string role, string? sql = null)
    {
        var name = Name(role);
        await AdminAsync($"CREATE DATABASE \"{name}\" TEMPLATE template0 ENCODING 'UTF8'");
        if (sql is not null)
        {
            await ExecuteAsync(name, sql);
        }

        return name;
    }

    /// <summary>A connection string (postgresql:// URI or keywords, as the server was given) for <paramref name="database"/>.</summary>
    public string Uri(string database) =>
        $"postgresql://{Uri_(Server.Username)}@{Server.Host}:{Server.Port}/{System.Uri.EscapeDataString(database)}";

    public string Keywords(string database) => new NpgsqlConnectionStringBuilder(Server.ForDatabase(database).ConnectionString("tests")).ConnectionString;

    public async Task<NpgsqlConnection> OpenAsync(string database)
    {
        var connection = new NpgsqlConnection(Server.ForDatabase(database).ConnectionString("devdbseed-tests"));
        await connection.OpenAsync();
        return connection;
    }

    public async Task ExecuteAsync(string database, string sql)
    {
        await using var connection = await OpenAsync(database);
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    public async Task<T> ScalarAsync<T>(string database, string sql)
    {
        await using var connection = await OpenAsync(database);
        await using var command = new NpgsqlCommand(sql, connection);
        return (T)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>Every row of a query, each column as text (null for NULL).</summary>
    public async Task<List<string?[]>> RowsAsync(string database, string sql)
    {
        await using var connection = await OpenAsync(database);
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<string?[]>();
        while (await reader.ReadAsync())
        {
            var row = new string?[reader.FieldCount];
            for (var i = 0; i < row.Length; i++)
            {
                row[i] = reader.IsDBNull(i) ? null : Convert.ToString(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture);
            }

            rows.Add(row);
        }

        return rows;
    }

    public async Task<bool> ExistsAsync(string database) =>
        await ScalarAsync<bool>("postgres", $"SELECT EXISTS (SELECT 1 FROM pg_database WHERE datname = '{database}')");

    public async Task<uint?> OidAsync(string database) =>
        (await RowsAsync("postgres", $"SELECT oid FROM pg_database WHERE datname = '{database}'")).Select(r => (uint?)uint.Parse(r[0]!, System.Globalization.CultureInfo.InvariantCulture)).FirstOrDefault();

    /// <summary>Databases on the server whose names start with this instance's prefix.</summary>
    public async Task<List<string>> OursAsync() =>
        [.. (await RowsAsync("postgres", $"SELECT datname FROM pg_database WHERE datname LIKE '{Prefix}%' ORDER BY 1")).Select(r => r[0]!)];

    public async Task AdminAsync(string sql) => await ExecuteAsync("postgres", sql);

    public async ValueTask DisposeAsync()
    {
        foreach (var name in await OursAsync())
        {
            await AdminAsync($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)");
        }
    }

    private static string Uri_(string? user) => System.Uri.EscapeDataString(user ?? "postgres");
}
