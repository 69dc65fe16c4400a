using DevDbSeed.IntegrationTests.Infrastructure;
using DevDbSeed.Postgres.Sample;
using DevDbSeed.Running;

namespace DevDbSeed.IntegrationTests.EndToEnd;

/// <summary>
/// The Vibe Code Academy sample masked with the shipped rules (rules/vca.yaml): nothing personal survives,
/// and what ties rows together (e-mail foreign keys, natural-key joins, generated columns) still holds.
/// </summary>
public sealed class SampleMaskingTests(SampleMaskingTests.SampleRun run) : IClassFixture<SampleMaskingTests.SampleRun>
{
    private const int Users = 2_000;

    [Fact]
    public void The_run_succeeds()
    {
        Outputs.ExitCode(0, run.Result);
        Outputs.NoStackTrace(run.Result);
    }

    [Fact]
    public async Task No_original_email_phone_street_card_number_or_billing_email_is_left_in_the_target()
    {
        await LeakScanner.AssertNoneReachedAsync(run.Databases, run.Source, run.Target, Users * 3,
            "SELECT email FROM users", "SELECT phone FROM users", "SELECT street_address FROM users", "SELECT card_number FROM payments",
            "SELECT billing_email FROM payments", "SELECT preferences #>> '{contact,email}' FROM users",
            "SELECT preferences #>> '{addresses,0,line1}' FROM users");
    }

    [Fact]
    public async Task Newsletter_subscriptions_follow_the_users_email_mapping()
    {
        const string subscribers = "SELECT u.id FROM newsletter_subscriptions n JOIN users u ON u.email = n.email ORDER BY 1";
        var source = await run.Databases.ColumnAsync(run.Source, subscribers);
        Assert.True(source.Count > Users / 10);
        Assert.Equal(source, await run.Databases.ColumnAsync(run.Target, subscribers));
        Assert.Equal(0L, await run.Databases.ScalarAsync<long>(run.Target,
            "SELECT count(*) FROM newsletter_subscriptions n WHERE NOT EXISTS (SELECT 1 FROM users u WHERE u.email = n.email)"));
        Assert.True(await run.Databases.ScalarAsync<bool>(run.Target,
            "SELECT convalidated FROM pg_constraint WHERE conname = 'newsletter_subscriptions_email_fkey'"));
    }

    [Fact]
    public async Task Billing_emails_that_were_the_users_email_are_the_users_masked_email()
    {
        var joined = await run.Databases.ColumnAsync(run.Source,
            "SELECT p.id || '@' || p.paid_at FROM payments p JOIN users u ON u.id = p.user_id WHERE p.billing_email = u.email ORDER BY 1");
        Assert.True(joined.Count > Users / 2, $"only {joined.Count} payments carry their user's e-mail");
        var target = await run.Databases.MapAsync(run.Target,
            "SELECT p.id || '@' || p.paid_at, (p.billing_email = u.email)::text FROM payments p JOIN users u ON u.id = p.user_id");
        var broken = joined.Where(key => target.GetValueOrDefault(key!) != "true").ToList();
        Assert.True(broken.Count == 0, $"{broken.Count} of {joined.Count} payments lost the join on e-mail, e.g. {string.Join(", ", broken.Take(5))}");

        const string nulls = "SELECT p.id || '@' || p.paid_at FROM payments p WHERE billing_email IS NULL ORDER BY 1";
        Assert.Equal(await run.Databases.ColumnAsync(run.Source, nulls), await run.Databases.ColumnAsync(run.Target, nulls));
    }

    [Fact]
    public async Task Display_names_are_recomputed_from_the_masked_names()
    {
        Assert.Equal(0L, await run.Databases.ScalarAsync<long>(run.Target,
            "SELECT count(*) FROM users WHERE display_name IS DISTINCT FROM first_name || ' ' || last_name"));
        const string names = "SELECT id::text, display_name FROM users";
        var source = await run.Databases.MapAsync(run.Source, names);
        var target = await run.Databases.MapAsync(run.Target, names);
        Assert.Equal(Users, target.Count);
        var unchanged = target.Count(pair => source[pair.Key] == pair.Value);
        Assert.True(unchanged < Users / 100, $"{unchanged} display names are the originals");
    }

    [Fact]
    public async Task The_materialized_view_is_populated_from_the_copied_rows()
    {
        Assert.True(await run.Databases.ScalarAsync<bool>(run.Target, "SELECT ispopulated FROM pg_matviews WHERE matviewname = 'course_popularity'"));
        Assert.Equal(
            await run.Databases.TableHashAsync(run.Source, "public.course_popularity"),
            await run.Databases.TableHashAsync(run.Target, "public.course_popularity"));
    }

    [Fact]
    public async Task Every_partition_of_payments_has_the_source_row_count()
    {
        var source = (await run.Databases.RowCountsAsync(run.Source)).Where(t => t.Key.StartsWith("public.payments_", StringComparison.Ordinal)).ToList();
        var target = (await run.Databases.RowCountsAsync(run.Target)).Where(t => t.Key.StartsWith("public.payments_", StringComparison.Ordinal)).ToList();
        Assert.Equal(6, source.Count);
        Assert.Equal(source, target);
    }

    [Fact]
    public async Task Masked_emails_stay_distinct_also_ignoring_case()
    {
        var counts = await run.Databases.RowsAsync(run.Target, "SELECT count(*), count(DISTINCT email), count(DISTINCT lower(email)) FROM users");
        Assert.Equal(new string?[] { DatabaseContent.Text(Users), DatabaseContent.Text(Users), DatabaseContent.Text(Users) }.AsEnumerable(), counts[0]);
        Assert.Equal(2L, await run.Databases.ScalarAsync<long>(run.Target,
            "SELECT count(*) FROM pg_indexes WHERE indexname IN ('users_email_key', 'users_email_lower_idx')"));
    }

    [Fact]
    public async Task An_emptied_table_arrives_with_its_structure_and_no_rows()
    {
        Assert.Equal(200L, await run.Databases.ScalarAsync<long>(run.Source, "SELECT count(*) FROM audit_log"));
        Assert.Equal(0L, await run.Databases.ScalarAsync<long>(run.Target, "SELECT count(*) FROM audit_log"));
        Assert.True(await run.Databases.ScalarAsync<bool>(run.Target, "SELECT EXISTS (SELECT 1 FROM pg_constraint WHERE conrelid = 'audit_log'::regclass AND contype = 'p')"));
    }

    /// <summary>A sample of <see cref="Users"/> users masked once with the shipped rules.</summary>
    public sealed class SampleRun : MaskedOnce
    {
        protected override string TargetName => "vca_dev";

        protected override string RunPipeline() => Pipelines.Pipeline(Databases.Uri(Source), Databases.Uri(Target), Shipped.VcaRules);

        protected override async Task<string> CreateSourceAsync()
        {
            var source = Databases.Name("vca");
            await SampleDatabase.CreateAsync(Databases.Server.ForDatabase(source), Users, replace: false, SilentObserver.Instance, CancellationToken.None);
            return source;
        }
    }
}
