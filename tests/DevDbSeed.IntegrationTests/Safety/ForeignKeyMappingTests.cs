using DevDbSeed.IntegrationTests.Infrastructure;

namespace DevDbSeed.IntegrationTests.Safety;

/// <summary>
/// A column referencing a masked column (a natural-key foreign key) follows that column's mapping without a rule of
/// its own; a rule that would map it differently is refused (exit 3) before anything is written.
/// </summary>
public sealed class ForeignKeyMappingTests : IAsyncLifetime
{
    private readonly Pipelines _pipelines = new();
    private TestDatabases _databases = null!;
    private string _source = null!;

    public async Task InitializeAsync()
    {
        _databases = await TestDatabases.CreateAsync();
        await this.OrDisposeAsync(async () =>
        {
            _source = await _databases.CreateAsync("src", """
                CREATE TABLE accounts (email varchar(80) PRIMARY KEY, name text NOT NULL);
                CREATE TABLE logins (id int PRIMARY KEY, email varchar(60) NOT NULL REFERENCES accounts (email) ON UPDATE CASCADE, at timestamptz NOT NULL);
                INSERT INTO accounts SELECT 'holder' || i || '@bank.example', 'Holder ' || i FROM generate_series(1, 400) i;
                INSERT INTO logins SELECT i, 'holder' || (1 + i % 400) || '@bank.example', timestamptz '2025-01-01' + i * interval '1 minute' FROM generate_series(1, 2000) i;
                ANALYZE;
                """);
        });
    }

    public async Task DisposeAsync()
    {
        await _databases.DisposeAsync();
        _pipelines.Dispose();
    }

    [Fact]
    public async Task A_referencing_column_without_a_rule_follows_the_referenced_columns_mapping()
    {
        Rules(logins: "      id: keep\n      at: keep");
        var target = _databases.Name("dev");

        var result = await Devdbseed.RunAsync("run", _pipelines.Pipeline(_databases.Uri(_source), _databases.Uri(target)));

        Outputs.ExitCode(0, result);
        const string owners = "SELECT l.id::text, a.name FROM logins l JOIN accounts a ON a.email = l.email";
        Assert.Equal(await _databases.MapAsync(_source, owners), await _databases.MapAsync(target, owners));
        Assert.Equal(0L, await _databases.ScalarAsync<long>(target, "SELECT count(*) FROM logins WHERE email LIKE 'holder%'"));
        Assert.True(await _databases.ScalarAsync<bool>(target, "SELECT bool_and(convalidated) FROM pg_constraint WHERE conrelid = 'logins'::regclass AND contype = 'f'"));
        Assert.True(await _databases.ScalarAsync<int>(target, "SELECT max(char_length(email)) FROM logins") <= 60);
    }

    [Theory]
    [InlineData("name.firstName")]
    [InlineData("keep")]
    [InlineData("{ hash: { length: 20 } }")]
    public async Task A_referencing_column_with_a_rule_that_maps_differently_is_refused(string rule)
    {
        Rules(logins: $"      id: keep\n      email: {rule}\n      at: keep");
        var target = _databases.Name("dev");
        var databases = await _databases.OursAsync();

        foreach (var command in new[] { "run", "check" })
        {
            var result = await Devdbseed.RunAsync(command, _pipelines.Pipeline(_databases.Uri(_source), _databases.Uri(target)));

            Outputs.ExitCode(3, result);
            Outputs.NoStackTrace(result);
            Outputs.Mentions(result, "public.logins.email");
            Assert.Equal(databases, await _databases.OursAsync());
        }
    }

    private void Rules(string logins) => _pipelines.Write("rules.yaml", $"""
        version: 1
        tables:
          public.accounts:
            columns:
              email: internet.email
              name: keep
          public.logins:
            columns:
        {logins}
        """);
}
