using System.Globalization;
using System.Text.RegularExpressions;
using DevDbSeed.IntegrationTests.Infrastructure;

namespace DevDbSeed.IntegrationTests.Fidelity;

/// <summary>
/// Every kind of rule of the rules reference, applied through a real run to columns of the types they are meant
/// for (text, varchar, date, timestamptz, numeric, integer, jsonb, text[]): each does what the reference says.
/// </summary>
public sealed partial class RuleKindsTests(RuleKindsTests.Copy copy) : IClassFixture<RuleKindsTests.Copy>
{
    [Fact]
    public void The_run_succeeds()
    {
        Outputs.ExitCode(0, copy.Result);
    }

    [Fact]
    public async Task A_masked_phone_keeps_its_punctuation_and_last_two_digits()
    {
        var (source, target) = await ColumnAsync("phone");
        Assert.All(source, pair =>
        {
            var masked = target[pair.Key]!;
            var original = pair.Value!;
            Assert.Equal(original.Length, masked.Length);
            Assert.Equal(original[^2..], masked[^2..]);
            for (var i = 0; i < original.Length - 2; i++)
            {
                Assert.Equal(char.IsAsciiDigit(original[i]) ? '#' : original[i], masked[i]);
            }
        });
    }

    [Fact]
    public async Task A_hash_of_digits_stays_digits_of_the_asked_length()
    {
        var (source, target) = await ColumnAsync("national_id");
        Assert.All(target, pair =>
        {
            Assert.Matches("^[0-9]{12}$", pair.Value);
            Assert.NotEqual(source[pair.Key], pair.Value);
        });
        Assert.Equal(500, target.Values.Distinct().Count());
    }

    [Fact]
    public async Task Shifted_dates_and_timestamps_move_within_their_range_and_nulls_stay_null()
    {
        var days = await copy.Databases.RowsAsync(copy.Target, "SELECT id, birth_date, hired_at FROM employees ORDER BY id");
        var original = await copy.Databases.RowsAsync(copy.Source, "SELECT id, birth_date, hired_at FROM employees ORDER BY id");
        var moved = 0;
        for (var i = 0; i < original.Count; i++)
        {
            if (original[i][1] is null)
            {
                Assert.Null(days[i][1]);
                continue;
            }

            var birth = (DateTime.Parse(days[i][1]!, CultureInfo.InvariantCulture) - DateTime.Parse(original[i][1]!, CultureInfo.InvariantCulture)).TotalDays;
            var hired = (DateTime.Parse(days[i][2]!, CultureInfo.InvariantCulture) - DateTime.Parse(original[i][2]!, CultureInfo.InvariantCulture)).TotalDays;
            Assert.InRange(birth, -30, 30);
            Assert.InRange(hired, -10, 10);
            moved += birth != 0 ? 1 : 0;
        }

        Assert.Equal(50, days.Count(r => r[1] is null));
        Assert.True(moved > 400, $"only {moved} dates moved");
    }

    [Fact]
    public async Task Noise_stays_within_its_ratio_and_keeps_the_type()
    {
        var (sourceSalary, targetSalary) = await ColumnAsync("salary");
        var (sourceBonus, targetBonus) = await ColumnAsync("bonus");
        Assert.All(sourceSalary, pair =>
        {
            var original = decimal.Parse(pair.Value!, CultureInfo.InvariantCulture);
            var noisy = decimal.Parse(targetSalary[pair.Key]!, CultureInfo.InvariantCulture);
            Assert.InRange(noisy, original * 0.9m - 0.01m, original * 1.1m + 0.01m);
            Assert.Equal(noisy, decimal.Round(noisy, 2));
        });
        Assert.All(sourceBonus, pair =>
        {
            var original = int.Parse(pair.Value!, CultureInfo.InvariantCulture);
            var noisy = int.Parse(targetBonus[pair.Key]!, CultureInfo.InvariantCulture);
            Assert.InRange(noisy, Math.Floor(original * 0.5) - 1, Math.Ceiling(original * 1.5) + 1);
        });
        Assert.True(sourceSalary.Count(pair => targetSalary[pair.Key] != pair.Value) > 450);
    }

    [Fact]
    public async Task Null_and_set_rules_write_null_and_the_constant()
    {
        Assert.Equal(0L, await copy.Databases.ScalarAsync<long>(copy.Target, "SELECT count(*) FROM employees WHERE notes IS NOT NULL"));
        Assert.Equal(500L, await copy.Databases.ScalarAsync<long>(copy.Target, "SELECT count(*) FROM employees WHERE status = 'active'"));
    }

    [Fact]
    public async Task Json_rules_mask_only_the_named_paths()
    {
        const string sql = """
            SELECT id::text, concat_ws('|', profile #>> '{contact,email}', profile #>> '{contact,phone}', profile #>> '{addresses,0,line1}',
                profile #>> '{addresses,1,line1}', profile #>> '{addresses,0,city}', profile ->> 'keep', jsonb_array_length(profile -> 'addresses'))
            FROM employees
            """;
        var source = await copy.Databases.MapAsync(copy.Source, sql);
        var target = await copy.Databases.MapAsync(copy.Target, sql);
        Assert.All(source, pair =>
        {
            var before = pair.Value!.Split('|');
            var after = target[pair.Key]!.Split('|');
            Assert.Equal(7, after.Length);
            for (var i = 0; i < 4; i++)
            {
                Assert.NotEqual(before[i], after[i]);
                Assert.NotEmpty(after[i]);
            }

            Assert.Matches(Email(), after[0]);
            Assert.Equal(before[4..], after[4..]);
        });
    }

    [Fact]
    public async Task Each_masks_every_array_element_and_keeps_null_elements()
    {
        const string sql = "SELECT id::text, array_to_string(alt_emails, '|', '<null>') FROM employees";
        var source = await copy.Databases.MapAsync(copy.Source, sql);
        var target = await copy.Databases.MapAsync(copy.Target, sql);
        Assert.All(source, pair =>
        {
            var before = pair.Value!.Split('|');
            var after = target[pair.Key]!.Split('|');
            Assert.Equal(3, after.Length);
            Assert.Equal("<null>", after[1]);
            Assert.Matches(Email(), after[0]);
            Assert.Matches(Email(), after[2]);
            Assert.NotEqual(before[0], after[0]);
            Assert.NotEqual(before[2], after[2]);
        });
    }

    [Fact]
    public async Task Templates_and_unique_fakes_replace_every_value()
    {
        var (display, maskedDisplay) = await ColumnAsync("display");
        var (email, maskedEmail) = await ColumnAsync("email");
        Assert.All(display, pair => Assert.Matches(@"^\S+( \S+)+$", maskedDisplay[pair.Key]));
        Assert.All(display, pair => Assert.NotEqual(pair.Value, maskedDisplay[pair.Key]));
        Assert.All(email, pair => Assert.Matches(Email(), maskedEmail[pair.Key]));
        Assert.Equal(500, maskedEmail.Values.Distinct().Count());
    }

    private async Task<(Dictionary<string, string?> Source, Dictionary<string, string?> Target)> ColumnAsync(string column)
    {
        var sql = $"SELECT id::text, {column}::text FROM employees";
        return (await copy.Databases.MapAsync(copy.Source, sql), await copy.Databases.MapAsync(copy.Target, sql));
    }

    [GeneratedRegex(@"^[A-Za-z0-9._%+'-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+$")]
    private static partial Regex Email();

    /// <summary>One table with a column for each rule kind, masked once.</summary>
    public sealed class Copy : MaskedOnce
    {
        protected override string TargetName => "dev";

        protected override async Task<string> CreateSourceAsync()
        {
            var source = await Databases.CreateAsync("src", """
                CREATE TABLE employees (
                    id int PRIMARY KEY, email text, display text, phone varchar(20), national_id varchar(12), birth_date date, hired_at timestamptz,
                    salary numeric(10,2), bonus int, notes text, status text, profile jsonb, alt_emails text[]);
                INSERT INTO employees
                SELECT i, 'worker' || i || '@firm.example', 'Worker Number' || i, '+1 (555) 123-' || lpad(i::text, 4, '0'),
                       lpad(((i * 7919) % 1000000000000)::text, 12, '0'), CASE WHEN i % 10 = 0 THEN NULL ELSE date '1980-01-01' + i END,
                       timestamptz '2020-01-01 12:00+00' + i * interval '1 day', 50000 + i, i * 10,
                       CASE WHEN i % 3 = 0 THEN NULL ELSE 'secret note ' || i END, 'probation',
                       jsonb_build_object(
                           'contact', jsonb_build_object('email', 'home' || i || '@mail.example', 'phone', '555-01' || lpad(i::text, 4, '0')),
                           'addresses', jsonb_build_array(jsonb_build_object('line1', i || ' Secret Lane', 'city', 'Springfield'),
                                                          jsonb_build_object('line1', i || ' Hidden Road')),
                           'keep', 'me'),
                       ARRAY['alt' || i || '@x.example', NULL, 'other' || i || '@y.example']
                FROM generate_series(1, 500) i;
                ANALYZE employees;
                """);
            Pipelines.Write("rules.yaml", """
                version: 1
                tables:
                  public.employees:
                    columns:
                      id: keep
                      email: { fake: internet.email, unique: true }
                      display: { template: "{{name.firstName}} {{name.lastName}}" }
                      phone: { mask: { keep_last: 2, with: "#" } }
                      national_id: { hash: { length: 12 } }
                      birth_date: { shift: { days: 30 } }
                      hired_at: { shift: { days: 10 } }
                      salary: { noise: { ratio: 0.1 } }
                      bonus: { noise: { ratio: 0.5 } }
                      notes: null
                      status: { set: active }
                      profile: { json: { contact.email: internet.email, contact.phone: phone.phoneNumber, "addresses[*].line1": address.streetAddress } }
                      alt_emails: { each: internet.email }
                """);
            return source;
        }
    }
}
