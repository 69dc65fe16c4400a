using DevDbSeed.IntegrationTests.Infrastructure;
using Npgsql;
using Xunit.Abstractions;

namespace DevDbSeed.IntegrationTests.Fidelity;

/// <summary>
/// Row-level security must raise rather than silently hide rows: a source user whose policies hide rows of a table
/// makes the run fail (exit 1), never produce a target with fewer rows than the source.
/// </summary>
public sealed class RowLevelSecurityTests(ITestOutputHelper log) : IAsyncLifetime
{
    private readonly Pipelines _pipelines = new();
    private TestDatabases _databases = null!;
    private string _role = null!;
    private string _source = null!;

    public async Task InitializeAsync()
    {
        _databases = await TestDatabases.CreateAsync();
        await this.OrDisposeAsync(async () =>
        {
            _role = _databases.Prefix + "reader";
            await _databases.AdminAsync($"CREATE ROLE \"{_role}\" LOGIN NOSUPERUSER NOBYPASSRLS");
            _source = await _databases.CreateAsync("src", $"""
                CREATE TABLE secrets (id int PRIMARY KEY, owner text NOT NULL, note text);
                INSERT INTO secrets SELECT i, CASE WHEN i % 2 = 0 THEN 'alice' ELSE 'bob' END, 'note ' || i FROM generate_series(1, 100) i;
                CREATE TABLE plain (id int PRIMARY KEY);
                INSERT INTO plain SELECT generate_series(1, 10);
                ALTER TABLE secrets ENABLE ROW LEVEL SECURITY;
                ALTER TABLE secrets FORCE ROW LEVEL SECURITY;
                CREATE POLICY everyone ON secrets AS PERMISSIVE FOR SELECT USING (true);
                CREATE POLICY only_alice ON secrets AS RESTRICTIVE FOR SELECT USING (owner = 'alice');
                GRANT SELECT ON ALL TABLES IN SCHEMA public TO "{_role}";
                """);
            _pipelines.Write("rules.yaml", """
                version: 1
                tables:
                  public.secrets:
                    columns:
                      id: keep
                      owner: keep
                      note: lorem.sentence
                  public.plain: keep
                """);
        });
    }

    public async Task DisposeAsync()
    {
        await _databases.DisposeAsync();
        await _databases.AdminAsync($"DROP ROLE IF EXISTS \"{_role}\"");
        _pipelines.Dispose();
    }

    [Fact]
    public async Task The_reader_role_sees_only_some_rows_of_the_protected_table()
    {
        await using var connection = new NpgsqlConnection(ReaderConnection().ConnectionString);
        await connection.OpenAsync();
        await using var count = new NpgsqlCommand("SELECT count(*) FROM secrets", connection);
        Assert.Equal(50L, (long)(await count.ExecuteScalarAsync())!);
        Assert.Equal(100L, await _databases.ScalarAsync<long>(_source, "SELECT count(*) FROM secrets"));
    }

    [Fact]
    public async Task A_source_user_whose_policies_hide_rows_fails_the_run_instead_of_copying_fewer_rows()
    {
        var target = _databases.Name("dev");
        var databases = await _databases.OursAsync();
        var source = await _databases.StateAsync(_source);
        var reader = ReaderConnection();
        var uri = $"postgresql://{Uri.EscapeDataString(_role)}@{reader.Host}:{reader.Port}/{_source}";

        var result = await Devdbseed.RunAsync("run", _pipelines.Pipeline(uri, _databases.Uri(target)));
        log.WriteLine(result.ToString());

        Outputs.ExitCode(1, result);
        Outputs.NoStackTrace(result);
        Outputs.Mentions(result, "row-level security");
        Outputs.Mentions(result, "secrets");
        Assert.False(await _databases.ExistsAsync(target));
        Assert.Equal(databases, await _databases.OursAsync());
        Assert.Equal(source, await _databases.StateAsync(_source));
    }

    private NpgsqlConnectionStringBuilder ReaderConnection() => new()
    {
        Host = _databases.Server.Host,
        Port = _databases.Server.Port,
        Username = _role,
        Database = _source,
        Pooling = false,
    };
}
