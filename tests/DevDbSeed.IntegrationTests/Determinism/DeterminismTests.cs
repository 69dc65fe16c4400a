using DevDbSeed.IntegrationTests.Infrastructure;
using DevDbSeed.Postgres.Sample;
using DevDbSeed.Running;

namespace DevDbSeed.IntegrationTests.Determinism;

/// <summary>
/// A fake is a function of (secret, rule, original value) only: not of row order, parallelism or run. The same
/// sample is masked four times: twice with one secret (the second time from a copy whose rows sit in another
/// physical order), once with one job instead of four, once with another secret.
/// </summary>
public sealed class DeterminismTests(DeterminismTests.Runs runs) : IClassFixture<DeterminismTests.Runs>
{
    private static readonly string[] MaskedTables =
    [
        "public.newsletter_subscriptions", "public.payments_2022", "public.payments_2023", "public.payments_2024", "public.payments_2025",
        "public.payments_2026", "public.payments_other", "public.support_tickets", "public.users",
    ];

    /// <summary>The one table the shipped rules empty (<c>public.audit_log: empty</c>): the only unmasked table that differs from the source.</summary>
    private const string EmptiedTable = "public.audit_log";

    [Fact]
    public void Every_run_succeeds()
    {
        Assert.All(runs.Results, result => Outputs.ExitCode(0, result));
    }

    [Fact]
    public async Task The_reordered_source_really_stores_its_rows_in_another_order()
    {
        const string physical = "SELECT string_agg(id::text, ',' ORDER BY ctid) FROM users";
        Assert.NotEqual(
            await runs.Databases.ScalarAsync<string>(runs.Source, physical),
            await runs.Databases.ScalarAsync<string>(runs.Reordered, physical));
        Assert.Equal(await runs.Databases.TableHashesAsync(runs.Source), await runs.Databases.TableHashesAsync(runs.Reordered));
    }

    [Fact]
    public async Task The_same_secret_gives_identical_tables_whatever_the_physical_row_order()
    {
        var first = await runs.Databases.TableHashesAsync(runs.Target);
        Assert.Equal(first, await runs.Databases.TableHashesAsync(runs.FromReordered));
    }

    [Fact]
    public async Task One_job_gives_the_same_tables_as_four()
    {
        var first = await runs.Databases.TableHashesAsync(runs.Target);
        Assert.Equal(first, await runs.Databases.TableHashesAsync(runs.OneJob));
    }

    [Fact]
    public async Task Another_secret_changes_every_masked_table_and_no_kept_one()
    {
        var source = await runs.Databases.TableHashesAsync(runs.Source);
        var first = await runs.Databases.TableHashesAsync(runs.Target);
        var other = await runs.Databases.TableHashesAsync(runs.OtherSecret);
        Assert.Equal(first.Keys, other.Keys);
        Assert.All(MaskedTables, table =>
        {
            Assert.True(first[table] != other[table], $"{table} is the same under another secret");
            Assert.True(first[table] != source[table], $"{table} is not masked");
        });
        Assert.All(first.Keys.Except(MaskedTables), table => Assert.True(first[table] == other[table], $"{table} (not masked) changed with the secret"));
        Assert.All(first.Keys.Except(MaskedTables).Except([EmptiedTable]), table => Assert.True(first[table] == source[table], $"{table} (kept) differs from the source"));
        Assert.True(first[EmptiedTable] != source[EmptiedTable], $"{EmptiedTable} (emptied) is the same as in the source");
    }

    [Fact]
    public async Task Another_secret_gives_every_user_other_fakes()
    {
        const string sql = "SELECT id::text, email || '|' || first_name || '|' || last_name || '|' || coalesce(street_address, '') FROM users";
        var first = await runs.Databases.MapAsync(runs.Target, sql);
        var other = await runs.Databases.MapAsync(runs.OtherSecret, sql);
        var same = first.Count(pair => other[pair.Key] == pair.Value);
        Assert.True(same == 0, $"{same} users got the same fakes under another secret");
    }

    /// <summary>One 1,000-user sample, a physically reordered copy, and four masked targets.</summary>
    public sealed class Runs : IAsyncLifetime
    {
        private readonly Pipelines _pipelines = new();

        public TestDatabases Databases { get; private set; } = null!;

        public string Source { get; private set; } = null!;

        public string Reordered { get; private set; } = null!;

        public string Target { get; private set; } = null!;

        public string FromReordered { get; private set; } = null!;

        public string OneJob { get; private set; } = null!;

        public string OtherSecret { get; private set; } = null!;

        public List<Devdbseed.Result> Results { get; } = [];

        public async Task InitializeAsync()
        {
            Databases = await TestDatabases.CreateAsync();
            await this.OrDisposeAsync(async () =>
            {
                Source = Databases.Name("vca");
                await SampleDatabase.CreateAsync(Databases.Server.ForDatabase(Source), 1_000, replace: false, SilentObserver.Instance, CancellationToken.None);

                Reordered = Databases.Name("vca_reordered");
                await Databases.AdminAsync($"CREATE DATABASE \"{Reordered}\" TEMPLATE \"{Source}\"");
                await Databases.ExecuteAsync(Reordered, """
                    SET session_replication_role = replica;
                    UPDATE users SET id = id WHERE id % 2 = 0;
                    UPDATE payments SET id = id WHERE id % 2 = 0;
                    UPDATE newsletter_subscriptions SET email = email WHERE length(email) % 2 = 0;
                    UPDATE support_tickets SET id = id WHERE id % 2 = 0;
                    UPDATE enrolments SET id = id WHERE id % 2 = 0;
                    UPDATE lesson_progress SET lesson_id = lesson_id WHERE lesson_id % 2 = 0;
                    """);
                await Databases.ExecuteAsync(Reordered, "VACUUM");

                Target = await RunAsync(Source, "dev", Pipelines.Secret, jobs: 4);
                FromReordered = await RunAsync(Reordered, "dev_reordered", Pipelines.Secret, jobs: 4);
                OneJob = await RunAsync(Source, "dev_one_job", Pipelines.Secret, jobs: 1);
                OtherSecret = await RunAsync(Source, "dev_other_secret", "another-secret-91c3", jobs: 4);
            });
        }

        public async Task DisposeAsync()
        {
            await Databases.DisposeAsync();
            _pipelines.Dispose();
        }

        private async Task<string> RunAsync(string source, string role, string secret, int jobs)
        {
            var target = Databases.Name(role);
            var pipeline = _pipelines.Pipeline(Databases.Uri(source), Databases.Uri(target), Shipped.VcaRules,
                jobs, secret, name: role + ".yaml");
            Results.Add(await Devdbseed.RunAsync("run", pipeline));
            return target;
        }
    }
}
