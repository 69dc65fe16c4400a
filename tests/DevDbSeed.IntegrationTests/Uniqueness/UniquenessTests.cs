using System.Text.RegularExpressions;
using DevDbSeed.IntegrationTests.Infrastructure;
using Xunit.Abstractions;

namespace DevDbSeed.IntegrationTests.Uniqueness;

/// <summary>
/// A masked column that is unique in the source (constraint, unique index, or <c>unique: true</c>) gets distinct
/// fakes for distinct values, and the load never fails on it: a column too short to hold distinct fakes is
/// refused up front (exit 3), never discovered at load time (exit 1).
/// </summary>
public sealed partial class UniquenessTests(ITestOutputHelper log) : IAsyncLifetime
{
    private readonly Pipelines _pipelines = new();
    private TestDatabases _databases = null!;

    public async Task InitializeAsync() => _databases = await TestDatabases.CreateAsync();

    public async Task DisposeAsync()
    {
        await _databases.DisposeAsync();
        _pipelines.Dispose();
    }

    [Fact]
    public async Task A_unique_varchar_40_column_of_20000_emails_gets_20000_distinct_emails()
    {
        var source = await _databases.CreateAsync("src", """
            CREATE TABLE people (id int PRIMARY KEY, email varchar(40) NOT NULL UNIQUE);
            INSERT INTO people SELECT i, 'learner.number' || i || '@vibe-mail.example' FROM generate_series(1, 20000) i;
            ANALYZE people;
            """);
        var target = _databases.Name("dev");
        _pipelines.Write("rules.yaml", """
            version: 1
            tables:
              public.people:
                columns:
                  id: keep
                  email: internet.email
            """);

        var result = await Devdbseed.RunAsync("run", _pipelines.Pipeline(_databases.Uri(source), _databases.Uri(target)));

        Outputs.ExitCode(0, result);
        var counts = await _databases.RowsAsync(target, "SELECT count(*), count(DISTINCT email), max(char_length(email)) FROM people");
        Assert.Equal("20000", counts[0][0]);
        Assert.Equal("20000", counts[0][1]);
        Assert.True(int.Parse(counts[0][2]!, System.Globalization.CultureInfo.InvariantCulture) <= 40);
        Assert.All(await _databases.ColumnAsync(target, "SELECT email FROM people"), email => Assert.Matches(Email(), email));
        Assert.Equal(0L, await _databases.ScalarAsync<long>(target, "SELECT count(*) FROM people WHERE email LIKE 'learner.number%'"));
        Assert.True(await _databases.ScalarAsync<bool>(target, "SELECT EXISTS (SELECT 1 FROM pg_constraint WHERE conname = 'people_email_key')"));
    }

    [Fact]
    public async Task A_column_marked_unique_in_the_rules_gets_one_distinct_fake_per_distinct_value()
    {
        var source = await _databases.CreateAsync("src", """
            CREATE TABLE contacts (id int PRIMARY KEY, email text);
            INSERT INTO contacts SELECT i, 'contact' || (i % 10000) || '@old-crm.example' FROM generate_series(1, 20000) i;
            ANALYZE contacts;
            """);
        var target = _databases.Name("dev");
        _pipelines.Write("rules.yaml", """
            version: 1
            tables:
              public.contacts:
                columns:
                  id: keep
                  email: { fake: internet.email, unique: true }
            """);

        var result = await Devdbseed.RunAsync("run", _pipelines.Pipeline(_databases.Uri(source), _databases.Uri(target)));

        Outputs.ExitCode(0, result);
        var originals = await _databases.MapAsync(source, "SELECT id::text, email FROM contacts");
        var fakes = await _databases.MapAsync(target, "SELECT id::text, email FROM contacts");
        var mapping = originals.GroupBy(pair => pair.Value, pair => fakes[pair.Key], StringComparer.Ordinal).ToList();
        Assert.Equal(10_000, mapping.Count);
        Assert.All(mapping, group => Assert.Single(group.Distinct(StringComparer.Ordinal)));
        Assert.Equal(10_000, fakes.Values.Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public async Task A_unique_index_on_lower_email_keeps_masked_emails_distinct_ignoring_case()
    {
        var source = await _databases.CreateAsync("src", """
            CREATE TABLE logins (id int PRIMARY KEY, email text NOT NULL);
            CREATE UNIQUE INDEX logins_email_lower_idx ON logins (lower(email));
            INSERT INTO logins SELECT i, CASE WHEN i % 2 = 0 THEN 'User' ELSE 'user' END || i || '@Example.com' FROM generate_series(1, 20000) i;
            ANALYZE logins;
            """);

        var target = await RunAsync(source, "public.logins", "email: internet.email");

        Assert.Equal(20_000L, await _databases.ScalarAsync<long>(target, "SELECT count(DISTINCT lower(email)) FROM logins"));
        Assert.True(await _databases.ScalarAsync<bool>(target, "SELECT EXISTS (SELECT 1 FROM pg_indexes WHERE indexname = 'logins_email_lower_idx')"));
    }

    [Fact]
    public async Task A_partial_unique_index_keeps_masked_values_distinct()
    {
        var source = await _databases.CreateAsync("src", """
            CREATE TABLE handles (id int PRIMARY KEY, handle varchar(30) NOT NULL, archived boolean NOT NULL);
            CREATE UNIQUE INDEX handles_live_idx ON handles (handle) WHERE NOT archived;
            INSERT INTO handles SELECT i, 'handle_' || i, i % 10 = 0 FROM generate_series(1, 20000) i;
            ANALYZE handles;
            """);

        var target = await RunAsync(source, "public.handles", "handle: internet.userName\n      archived: keep");

        Assert.Equal(18_000L, await _databases.ScalarAsync<long>(target, "SELECT count(DISTINCT handle) FROM handles WHERE NOT archived"));
    }

    [Fact]
    public async Task A_unique_key_over_two_columns_keeps_its_rows_distinct()
    {
        var source = await _databases.CreateAsync("src", """
            CREATE TABLE seats (tenant int NOT NULL, email varchar(60) NOT NULL, UNIQUE (tenant, email));
            INSERT INTO seats SELECT t, 'seat' || i || '@tenant.example' FROM generate_series(1, 4) t, generate_series(1, 5000) i;
            ANALYZE seats;
            """);

        var target = await RunAsync(source, "public.seats", "email: internet.email\n      tenant: keep", withId: false);

        Assert.Equal(20_000L, await _databases.ScalarAsync<long>(target, "SELECT count(*) FROM (SELECT DISTINCT tenant, email FROM seats) s"));
        Assert.Equal(5_000L, await _databases.ScalarAsync<long>(target, "SELECT count(DISTINCT email) FROM seats"));
    }

    [Fact]
    public async Task A_hash_too_short_for_a_unique_column_with_statistics_is_refused_naming_the_column()
    {
        // the statistics say 3,000 distinct values: 4 digits cannot hold them without collisions
        await AssertTinyUniqueColumnRefusedAsync("{ hash: { length: 4, alphabet: digits } }", analyze: true,
            "hash length 4 is too short to give about 3000 rows distinct values");
    }

    [Fact]
    public async Task A_hash_into_a_tiny_unique_column_without_statistics_is_repaired_to_distinct_values_that_fit()
    {
        // without statistics the check cannot know the column's size: the collisions are found after the copy and repaired
        foreach (var (secret, result, target) in await RunTinyUniqueColumnAsync("{ hash: { length: 4, alphabet: digits } }", analyze: false))
        {
            Outputs.ExitCode(0, result);
            Assert.Matches(@"warning: public\.vouchers\.code: [0-9]+ masked value\(s\) shared by distinct originals; repairing", result.Error);
            var counts = await _databases.RowsAsync(target, "SELECT count(*), count(DISTINCT code), max(char_length(code)) FROM vouchers");
            Assert.Equal("3000", counts[0][0]);
            Assert.True(counts[0][1] == "3000", $"secret {secret}: {counts[0][1]} distinct codes of 3000");
            Assert.True(int.Parse(counts[0][2]!, System.Globalization.CultureInfo.InvariantCulture) <= 6);
            Assert.Equal(0L, await _databases.ScalarAsync<long>(target, "SELECT count(*) FROM vouchers WHERE code LIKE 'V%'"));
        }
    }

    [Fact]
    public async Task A_fake_longer_than_a_tiny_unique_column_is_refused_naming_the_column()
    {
        await AssertTinyUniqueColumnRefusedAsync("internet.email", analyze: true,
            "fake internet.email (unique) needs at least 16 characters; the column holds 6");
    }

    [Fact]
    public async Task A_unique_email_column_of_a_few_thousand_rows_gets_addresses_with_a_short_digit_suffix_and_no_duplicates()
    {
        var source = await _databases.CreateAsync("src", """
            CREATE TABLE members (id int PRIMARY KEY, email text NOT NULL UNIQUE);
            INSERT INTO members SELECT i, 'member.' || i || '@club-mail.example' FROM generate_series(1, 4000) i;
            ANALYZE members;
            """);

        var target = await RunAsync(source, "public.members", "email: internet.email");

        var emails = await _databases.ColumnAsync(target, "SELECT email FROM members");
        Assert.Equal(4000, emails.Count);
        Assert.Equal(4000, emails.Distinct(StringComparer.Ordinal).Count());
        Assert.All(emails, email => Assert.Matches(@"^[a-z._-]+\d{1,7}@example\.(com|net|org)$", email));
        Assert.All(emails, email => Assert.Matches(@"\d{3}@", email)); // 4,000 rows: three keyed digits keep collisions under 0.01
    }

    [Fact]
    public async Task Collisions_of_a_tiny_digit_suffix_are_repaired_after_the_load()
    {
        // varchar(6) leaves a first name two letters and three digits (Jo-417): some of the 3,000 collide, whatever the secret
        foreach (var (secret, result, target) in await RunTinyUniqueColumnAsync("name.firstName", analyze: true))
        {
            Outputs.ExitCode(0, result);
            Assert.Matches(@"warning: public\.vouchers\.code: [0-9]+ masked value\(s\) shared by distinct originals; repairing", result.Error);
            var codes = await _databases.ColumnAsync(target, "SELECT code FROM vouchers");
            Assert.True(codes.Distinct(StringComparer.Ordinal).Count() == 3000, $"secret {secret}: {codes.Distinct(StringComparer.Ordinal).Count()} distinct codes of 3000");
            Assert.All(codes, code => Assert.Matches("^[A-Za-z']{1,2}-[0-9]{3}$", code));
            Assert.True(await _databases.ScalarAsync<bool>(target, "SELECT EXISTS (SELECT 1 FROM pg_constraint WHERE conname = 'vouchers_code_key')"));
        }
    }

    /// <summary>
    /// The run of <see cref="RunTinyUniqueColumnAsync"/> is refused up front with exit 3 naming the column and
    /// <paramref name="problem"/>, whatever the secret, and creates nothing.
    /// </summary>
    private async Task AssertTinyUniqueColumnRefusedAsync(string rule, bool analyze, string problem)
    {
        foreach (var (_, result, target) in await RunTinyUniqueColumnAsync(rule, analyze))
        {
            Outputs.ExitCode(3, result);
            Outputs.Mentions(result, "public.vouchers.code");
            Outputs.Mentions(result, problem);
            Assert.False(await _databases.ExistsAsync(target));
        }

        Assert.Single(await _databases.OursAsync()); // the source
    }

    /// <summary>
    /// 3,000 distinct codes in a varchar(6) UNIQUE column masked by <paramref name="rule"/>, with three secrets (a
    /// fake must not depend on luck); never a failed load or a stack trace.
    /// </summary>
    private async Task<List<(string Secret, Devdbseed.Result Result, string Target)>> RunTinyUniqueColumnAsync(string rule, bool analyze)
    {
        var source = await _databases.CreateAsync("src", $"""
            CREATE TABLE vouchers (id int PRIMARY KEY, code varchar(6) NOT NULL UNIQUE) WITH (autovacuum_enabled = {(analyze ? "true" : "false")});
            INSERT INTO vouchers SELECT i, 'V' || lpad(i::text, 5, '0') FROM generate_series(1, 3000) i;
            {(analyze ? "ANALYZE vouchers;" : string.Empty)}
            """);
        _pipelines.Write("rules.yaml", $"""
            version: 1
            tables:
              public.vouchers:
                columns:
                  id: keep
                  code: {rule}
            """);

        var runs = new List<(string, Devdbseed.Result, string)>();
        foreach (var secret in new[] { "tiny-secret-a", "tiny-secret-b", "tiny-secret-c" })
        {
            var target = _databases.Name("dev_" + secret[^1]);
            var result = await Devdbseed.RunAsync("run", _pipelines.Pipeline(_databases.Uri(source), _databases.Uri(target), secret: secret, name: secret + ".yaml"));
            log.WriteLine($"{rule}, statistics {(analyze ? "present" : "absent")}, secret {secret}: {result}");
            Outputs.NoStackTrace(result);
            runs.Add((secret, result, target));
        }

        return runs;
    }

    /// <summary>Masks <paramref name="table"/> with the given column rules (id kept) and returns the target, after a successful run.</summary>
    private async Task<string> RunAsync(string source, string table, string columns, bool withId = true)
    {
        var target = _databases.Name("dev");
        _pipelines.Write("rules.yaml", $"""
            version: 1
            tables:
              {table}:
                columns:
                  {(withId ? "id: keep\n      " : string.Empty)}{columns}
            """);
        var result = await Devdbseed.RunAsync("run", _pipelines.Pipeline(_databases.Uri(source), _databases.Uri(target)));
        Outputs.ExitCode(0, result);
        return target;
    }

    [GeneratedRegex(@"^[A-Za-z0-9._%+'-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+$")]
    private static partial Regex Email();
}
