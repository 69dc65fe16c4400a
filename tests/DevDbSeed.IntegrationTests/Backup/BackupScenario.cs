using DevDbSeed.IntegrationTests.Infrastructure;

namespace DevDbSeed.IntegrationTests.Backup;

/// <summary>
/// What the backup tests share: a small production database (people to mask, notes and an audit table without an index kept, a sequence), its pg_dump
/// archives as a nightly backup job writes them, and an existing dev database that every failure must leave exactly
/// as it was.
/// </summary>
public abstract class BackupScenario : IAsyncLifetime
{
    protected const string Schema = People.Schema + "\n" + """
        CREATE TABLE notes (id serial PRIMARY KEY, person_id int REFERENCES people, body text NOT NULL);
        INSERT INTO notes (person_id, body) SELECT 1 + i % 300, 'note ' || i FROM generate_series(1, 120) i;
        CREATE TABLE audit (at int NOT NULL, what text); -- no index: a restore leaves it without a row estimate
        INSERT INTO audit SELECT i, 'login' FROM generate_series(1, 30) i;
        """;

    protected const string Rules = People.Rules + "\n  public.notes: keep\n  public.audit: keep\n";

    protected Pipelines Pipelines { get; } = new();

    protected TestDatabases Databases { get; private set; } = null!;

    protected string Source { get; private set; } = null!;

    protected string Target { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Databases = await TestDatabases.CreateAsync();
        await this.OrDisposeAsync(async () =>
        {
            Source = await Databases.CreateAsync("prod", Schema);
            Target = await Databases.CreateAsync("dev", """
                CREATE TABLE marker (note text);
                INSERT INTO marker VALUES ('the dev database before the run');
                """);
            Pipelines.Write("rules.yaml", Rules);
        });
    }

    public async Task DisposeAsync()
    {
        await Databases.DisposeAsync();
        Pipelines.Dispose();
    }

    /// <summary>A <c>pg_dump</c> archive of <paramref name="database"/> (default the source) in the pipelines' folder.</summary>
    protected async Task<string> DumpAsync(string name, string format = "custom", string? database = null)
    {
        var path = Path.Combine(Pipelines.Directory, name);
        await PgDump.ArchiveAsync(Databases, database ?? Source, format, path);
        return path;
    }

    /// <summary>Scratch restores of the target's backups on the server: none once a command has ended.</summary>
    protected Task<List<string?>> ScratchDatabasesAsync() =>
        Databases.ColumnAsync("postgres", $"SELECT datname FROM pg_database WHERE datname LIKE '{Target}\\_devdbseed\\_%' ORDER BY 1");

    /// <summary>Runs devdbseed expecting a failure that changes nothing: the target as it was, no database added or left behind.</summary>
    protected async Task<Devdbseed.Result> AssertFailsCleanlyAsync(params string[] args)
    {
        var before = await Databases.StateAsync(Target);
        var source = await Databases.StateAsync(Source);
        var databases = await Databases.OursAsync();

        var result = await Devdbseed.RunAsync(args);

        Outputs.NoStackTrace(result);
        Assert.Equal(before, await Databases.StateAsync(Target));
        Assert.Equal(source, await Databases.StateAsync(Source));
        Assert.Equal(databases, await Databases.OursAsync());
        Assert.Empty(await ScratchDatabasesAsync());
        return result;
    }
}
