using Npgsql;
using Testcontainers.PostgreSql;

namespace DevDbSeed.IntegrationTests.Infrastructure;

/// <summary>
/// The real PostgreSQL server every integration test runs against: the one in DEVDBSEED_TEST_PG when set,
/// else a Testcontainers container when a Docker engine answers, else a failure saying how to get one.
/// Never a mock, never a silent skip. One per test process.
/// </summary>
public static class TestServer
{
    public const string Variable = "DEVDBSEED_TEST_PG";

    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static string? _connection;
    private static PostgreSqlContainer? _container;

    /// <summary>A postgresql:// URI (or Npgsql keyword string) of a role that can create databases.</summary>
    public static async Task<string> ConnectionAsync()
    {
        if (_connection is not null)
        {
            return _connection;
        }

        await Gate.WaitAsync();
        try
        {
            _connection ??= Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } configured ? configured : await StartContainerAsync();
            return _connection;
        }
        finally
        {
            Gate.Release();
        }
    }

    private static async Task<string> StartContainerAsync()
    {
        try
        {
            _container = new PostgreSqlBuilder("postgres:15").WithUsername("postgres").WithPassword("postgres").Build();
            await _container.StartAsync();
            AppDomain.CurrentDomain.ProcessExit += (_, _) => _container.DisposeAsync().AsTask().GetAwaiter().GetResult();
            return new NpgsqlConnectionStringBuilder(_container.GetConnectionString()) { Database = "postgres" }.ConnectionString;
        }
        catch (Exception e)
        {
            throw new InvalidOperationException(
                $"No PostgreSQL server for the integration tests: {Variable} is not set and no Docker engine answered ({e.GetType().Name}: {e.Message}). "
                + $"Run scripts/test.sh (it starts a disposable server from this machine's PostgreSQL binaries), set {Variable}="
                + "postgresql://user:password@host:port/postgres (a role that can create databases), or start Docker.", e);
        }
    }
}
