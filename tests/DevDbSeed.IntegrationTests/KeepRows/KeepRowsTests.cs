using DevDbSeed.IntegrationTests.Infrastructure;

namespace DevDbSeed.IntegrationTests.KeepRows;

/// <summary>
/// <c>keep_rows</c> on real servers: partitions follow their root's predicate, a subset keeps the kept rows it takes, a fake
/// equal to a kept original is repaired, and verification excuses exactly the kept rows: a masked row holding an original
/// is still a leak, even where a kept row holds the same value.
/// </summary>
public sealed class KeepRowsTests : IAsyncLifetime
{
    private const string PeopleRules = """
        version: 1
        tables:
          public.people:
            keep_rows: "id <= 2 OR email LIKE '%@our-team.example'"
            columns:
              id: keep
              email: { fake: internet.email, unique: true }
              phone: { mask: { keep_last: 2 } }
              note: { scrub: [email] }
        """;

    private readonly Pipelines _pipelines = new();
    private TestDatabases _databases = null!;

    public async Task InitializeAsync() => _databases = await TestDatabases.CreateAsync();

    public async Task DisposeAsync()
    {
        await _databases.DisposeAsync();
        _pipelines.Dispose();
    }

    [Fact]
    public async Task The_kept_rows_are_copied_as_they_are_and_the_others_masked_and_verification_passes_though_kept_rows_share_values_with_masked_ones()
    {
        var source = await PeopleAsync();
        var target = _databases.Name("dev");
        _pipelines.Write("rules.yaml", PeopleRules);

        var result = await Devdbseed.RunAsync("run", _pipelines.Pipeline(_databases.Uri(source), _databases.Uri(target)));

        Outputs.ExitCode(0, result);
        Assert.Contains("none found", result.Output, StringComparison.Ordinal);
        Assert.Contains("kept unmasked (keep_rows): public.people 3 rows", result.Output, StringComparison.Ordinal);
        const string kept = "(SELECT * FROM people WHERE id <= 2 OR email LIKE '%@our-team.example')";
        Assert.Equal(await _databases.TableHashAsync(source, kept), await _databases.TableHashAsync(target, kept));
        Assert.StartsWith("3:", await _databases.TableHashAsync(target, kept), StringComparison.Ordinal);
        var masked = await _databases.RowsAsync(target, "SELECT email, phone, note FROM people WHERE id = 7");
        Assert.DoesNotContain("person7@mail.example", masked[0][0], StringComparison.Ordinal);
        Assert.NotEqual("555-0100", masked[0][1]);
        Assert.DoesNotContain("support@our-team.example", masked[0][2], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_still_finds_the_originals_a_weak_rule_left_in_the_rows_that_are_not_kept_and_counts_none_of_the_kept()
    {
        var source = await PeopleAsync();
        var target = _databases.Name("weak");
        _pipelines.Write("weak.yaml", PeopleRules.Replace("email: { fake: internet.email, unique: true }", "email: keep", StringComparison.Ordinal));
        Outputs.ExitCode(0, await Devdbseed.RunAsync("run", _pipelines.Pipeline(_databases.Uri(source), _databases.Uri(target), "weak.yaml", name: "weak-run.yaml")));
        _pipelines.Write("rules.yaml", PeopleRules);

        var result = await Devdbseed.RunAsync("verify", _pipelines.Pipeline(_databases.Uri(source), _databases.Uri(target), name: "verify.yaml"));

        Outputs.ExitCode(3, result);
        Outputs.NoStackTrace(result);
        Assert.Matches(@"public\.people\.email: 37 original values of public\.people\.email", result.All); // 40 rows, 3 kept
        Assert.DoesNotContain("person1@mail.example", result.All, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_masked_row_holding_the_same_value_as_a_kept_row_is_a_leak_while_the_kept_row_alone_is_not()
    {
        var source = await PeopleAsync();
        var target = _databases.Name("shared");
        _pipelines.Write("rules.yaml", PeopleRules);
        var pipeline = _pipelines.Pipeline(_databases.Uri(source), _databases.Uri(target));
        Outputs.ExitCode(0, await Devdbseed.RunAsync("run", pipeline));
        var verify = _pipelines.Pipeline(_databases.Uri(source), _databases.Uri(target), name: "verify.yaml");
        Outputs.ExitCode(0, await Devdbseed.RunAsync("verify", verify));

        await _databases.ExecuteAsync(target, "UPDATE people SET phone = '555-0100' WHERE id = 7"); // its original, also a kept row's
        var phone = await Devdbseed.RunAsync("verify", verify);
        await _databases.ExecuteAsync(target, "UPDATE people SET phone = '555-0199', note = 'call support@our-team.example' WHERE id = 7");
        var note = await Devdbseed.RunAsync("verify", verify);

        Outputs.ExitCode(3, phone);
        Assert.Matches(@"public\.people\.phone: 1 original value", phone.All);
        Outputs.ExitCode(3, note);
        Assert.Matches(@"public\.people\.note: 1 original value", note.All);
    }

    [Fact]
    public async Task A_fake_equal_to_a_kept_original_is_repaired_and_the_kept_row_keeps_its_value()
    {
        var source = await _databases.CreateAsync("src", """
            CREATE TABLE accounts (id int PRIMARY KEY, email text NOT NULL UNIQUE);
            INSERT INTO accounts SELECT i, 'user' || i || '@mail.example' FROM generate_series(2, 50) i;
            """);
        _pipelines.Write("rules.yaml", """
            version: 1
            tables:
              public.accounts:
                columns:
                  id: keep
                  email: { fake: internet.email, unique: true }
            """);
        var first = _databases.Name("first");
        Outputs.ExitCode(0, await Devdbseed.RunAsync("run", _pipelines.Pipeline(_databases.Uri(source), _databases.Uri(first), name: "first.yaml")));
        var fake = await _databases.ScalarAsync<string>(first, "SELECT email FROM accounts WHERE id = 2");
        await _databases.ExecuteAsync(source, $"INSERT INTO accounts VALUES (1, '{fake}')"); // a test account whose address is user2's fake
        _pipelines.Write("keep.yaml", """
            version: 1
            tables:
              public.accounts:
                keep_rows: "id = 1"
                columns:
                  id: keep
                  email: { fake: internet.email, unique: true }
            """);
        var target = _databases.Name("dev");

        var result = await Devdbseed.RunAsync("run", _pipelines.Pipeline(_databases.Uri(source), _databases.Uri(target), "keep.yaml", name: "keep-run.yaml"));

        Outputs.ExitCode(0, result);
        Outputs.Mentions(result, "public.accounts.email: 1 masked value(s) shared by distinct originals; repairing");
        var emails = await _databases.MapAsync(target, "SELECT id::text, email FROM accounts");
        Assert.Equal(50, emails.Count);
        Assert.Equal(fake, emails["1"]);
        Assert.NotEqual(fake, emails["2"]);
        Assert.NotEqual("user2@mail.example", emails["2"]);
        Assert.Equal(50, emails.Values.Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(await _databases.ScalarAsync<string>(first, "SELECT email FROM accounts WHERE id = 3"), emails["3"]); // the other fakes are unchanged
    }

    [Fact]
    public async Task A_predicate_on_a_partitioned_table_keeps_the_matching_rows_of_every_partition()
    {
        var source = await _databases.CreateAsync("src", """
            CREATE TABLE events (id int NOT NULL, day date NOT NULL, email text) PARTITION BY RANGE (day);
            CREATE TABLE events_2024 PARTITION OF events FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
            CREATE TABLE events_2025 PARTITION OF events FOR VALUES FROM ('2025-01-01') TO ('2026-01-01');
            INSERT INTO events SELECT i, date '2024-06-01' + i, 'visitor' || i || '@mail.example' FROM generate_series(1, 400) i;
            """);
        _pipelines.Write("rules.yaml", """
            version: 1
            tables:
              public.events:
                keep_rows: "id % 100 = 0"
                columns:
                  id: keep
                  day: keep
                  email: internet.email
            """);
        var target = _databases.Name("dev");

        var result = await Devdbseed.RunAsync("run", _pipelines.Pipeline(_databases.Uri(source), _databases.Uri(target)));

        Outputs.ExitCode(0, result);
        const string kept = "(SELECT * FROM events WHERE id % 100 = 0)";
        Assert.StartsWith("4:", await _databases.TableHashAsync(source, kept), StringComparison.Ordinal);
        Assert.Equal(await _databases.TableHashAsync(source, kept), await _databases.TableHashAsync(target, kept));
        Assert.Equal(2L, await _databases.ScalarAsync<long>(target, "SELECT count(*) FROM events_2024 WHERE email LIKE 'visitor%'"));
        Assert.Equal(2L, await _databases.ScalarAsync<long>(target, "SELECT count(*) FROM events_2025 WHERE email LIKE 'visitor%'"));
        Assert.Equal(400L, await _databases.ScalarAsync<long>(target, "SELECT count(*) FROM events"));
        Assert.Contains("kept unmasked (keep_rows): public.events_2024 2 rows, public.events_2025 2 rows", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_subset_keeps_unmasked_the_kept_rows_among_those_it_takes_and_no_others()
    {
        var source = await PeopleAsync();
        _pipelines.Write("rules.yaml", PeopleRules);
        var target = _databases.Name("subset");

        var result = await Devdbseed.RunAsync("run", _pipelines.Pipeline(_databases.Uri(source), _databases.Uri(target),
            extra: "subset:\n  public.people: { where: \"id % 2 = 0\" }"));

        Outputs.ExitCode(0, result);
        Assert.Equal(20L, await _databases.ScalarAsync<long>(target, "SELECT count(*) FROM people"));
        const string kept = "(SELECT * FROM people WHERE id % 2 = 0 AND (id <= 2 OR email LIKE '%@our-team.example'))";
        Assert.StartsWith("1:", await _databases.TableHashAsync(source, kept), StringComparison.Ordinal);
        Assert.Equal(await _databases.TableHashAsync(source, kept), await _databases.TableHashAsync(target, kept));
        Assert.Equal(1L, await _databases.ScalarAsync<long>(target, "SELECT count(*) FROM people WHERE email LIKE '%mail.example' OR email LIKE '%our-team.example'"));
        Assert.Contains("kept unmasked (keep_rows): public.people 1 rows", result.Output, StringComparison.Ordinal);
    }

    /// <summary>
    /// 40 people: 1 and 2 and 5 are the team's (5 by its address); 7 shares its phone with 1, and its note mentions the
    /// support address that 2's note mentions too.
    /// </summary>
    private Task<string> PeopleAsync() => _databases.CreateAsync("people", """
        CREATE TABLE people (id int PRIMARY KEY, email text NOT NULL UNIQUE, phone text, note text);
        INSERT INTO people SELECT i, 'person' || i || '@mail.example', '555-' || lpad((1000 + i)::text, 4, '0'), 'likes films' FROM generate_series(1, 40) i;
        UPDATE people SET phone = '555-0100' WHERE id IN (1, 7);
        UPDATE people SET email = 'qa@our-team.example' WHERE id = 5;
        UPDATE people SET note = 'call support@our-team.example' WHERE id IN (2, 7);
        ANALYZE people;
        """);
}
