using System.Text.RegularExpressions;
using DevDbSeed.IntegrationTests.Infrastructure;

namespace DevDbSeed.IntegrationTests.Verification;

/// <summary>
/// The leak verification, inside every run (before the swap) and standalone (<c>verify PIPELINE</c>), on pagila:
/// a weak rule fails the run with exit 3, names the column and a count but never a value, and the old target
/// survives; a correct target verifies clean; a target holding originals does not; values a kept column's source
/// already held are not leaks; <c>verify: false</c> turns it off.
/// </summary>
public sealed partial class LeakVerificationTests(LeakVerificationTests.PagilaCopy copy) : IClassFixture<LeakVerificationTests.PagilaCopy>
{
    private const string MaskedPhone = "      phone: phone.phoneNumber";

    [Fact]
    public async Task A_deliberately_weak_rule_fails_the_run_with_exit_3_naming_the_column_and_a_count_but_no_value()
    {
        Outputs.ExitCode(0, copy.Result);
        var before = await copy.Databases.StateAsync(copy.Target);
        var databases = await copy.Databases.OursAsync();

        var result = await Devdbseed.RunAsync("run", copy.Pipeline(WeakRules(), copy.Target, "weak"));

        Outputs.ExitCode(3, result);
        Outputs.NoStackTrace(result);
        var hit = PhoneHit().Match(result.All);
        Assert.True(hit.Success, $"the output does not name public.address.phone with a count\n{result}");
        Assert.Equal("601", hit.Groups[1].Value); // every phone number of pagila's 603 addresses but the two empty ones
        Assert.Matches(VerifyFound(), result.Output);
        await AssertNoPhoneIn(result);

        Assert.Equal(before, await copy.Databases.StateAsync(copy.Target));
        Assert.Equal(databases, await copy.Databases.OursAsync());
    }

    [Fact]
    public async Task Verify_against_a_correct_target_exits_0_with_a_summary_line()
    {
        var result = await Devdbseed.RunAsync("verify", copy.Pipeline(Pagila.RulesFile, copy.Target, "verify"));

        Outputs.ExitCode(0, result);
        var summary = Summary().Match(result.Output);
        Assert.True(summary.Success, $"no summary line\n{result}");
        Assert.True(Number(summary.Groups["values"].Value) > 1_500, $"only {summary.Groups["values"].Value} values checked\n{result}");
        Assert.Equal("none found", summary.Groups["hits"].Value);
        Assert.Matches(Compared(), result.Output);
    }

    [Fact]
    public async Task Verify_finds_first_names_copied_unchanged_though_a_name_list_could_have_picked_any_of_them()
    {
        var kept = copy.Databases.Name("kept_first_names");
        var rules = File.ReadAllText(Pagila.RulesFile);
        var keepRules = copy.Write("keep-first-names.yaml", FirstNameRule().Replace(rules, "$1keep", 1));
        Assert.NotEqual(rules, File.ReadAllText(keepRules));
        Outputs.ExitCode(0, await Devdbseed.RunAsync("run", copy.Pipeline(keepRules, kept, "keep-first-names")));

        var result = await Devdbseed.RunAsync("verify", copy.Pipeline(Pagila.RulesFile, kept, "verify-first-names"));

        Outputs.ExitCode(3, result);
        Assert.Matches(@"public\.customer\.first_name: \d{3} original values of public\.customer\.first_name", result.All);
        Assert.DoesNotContain("public.address.phone", result.All, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_finds_originals_in_a_hashed_column_of_a_table_without_a_key()
    {
        var source = await copy.Databases.CreateAsync("visits", """
            CREATE TABLE visits (visitor text NOT NULL, page text NOT NULL);
            INSERT INTO visits SELECT 'visitor' || i || '@mail.example.org', '/page/' || (i % 7) FROM generate_series(1, 200) i;
            """);
        string Rules(string visitor) => copy.Write($"visits-{visitor.Split(':')[0]}.yaml", $"""
            version: 1
            tables:
              public.visits:
                columns:
                  visitor: {visitor}
                  page: keep
            """);
        var target = copy.Databases.Name("visits_dev");
        Outputs.ExitCode(0, await Devdbseed.RunAsync("run", copy.Pipeline(Rules("keep"), target, "visits-keep", source)));

        var result = await Devdbseed.RunAsync("verify", copy.Pipeline(Rules("{ hash: { length: 16 } }"), target, "visits-verify", source));

        Outputs.ExitCode(3, result);
        Assert.Matches(@"public\.visits\.visitor: 200 original values of public\.visits\.visitor", result.All);
        Assert.DoesNotContain("@mail.example.org", result.All, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_against_a_target_holding_the_original_phones_exits_3_naming_the_column_but_no_value()
    {
        var kept = copy.Databases.Name("kept_phones");
        var keepRules = copy.Write("keep-phone.yaml", File.ReadAllText(Pagila.RulesFile).Replace(MaskedPhone, "      phone: keep", StringComparison.Ordinal));
        Outputs.ExitCode(0, await Devdbseed.RunAsync("run", copy.Pipeline(keepRules, kept, "keep-phone")));
        Assert.Equal(
            await copy.Databases.TableHashAsync(copy.Source, "(SELECT address_id, phone FROM public.address)"),
            await copy.Databases.TableHashAsync(kept, "(SELECT address_id, phone FROM public.address)"));

        var result = await Devdbseed.RunAsync("verify", copy.Pipeline(Pagila.RulesFile, kept, "verify-kept"));

        Outputs.ExitCode(3, result);
        Outputs.NoStackTrace(result);
        Assert.True(PhoneHit().IsMatch(result.All), $"the output does not name public.address.phone with a count\n{result}");
        await AssertNoPhoneIn(result);
    }

    [Fact]
    public async Task Surnames_a_kept_column_already_held_in_the_source_are_not_reported()
    {
        // pagila's actors (kept) share surnames with customers (masked): the verification finds them and must not count them
        var shared = await copy.Databases.ScalarAsync<long>(copy.Source, """
            SELECT count(DISTINCT a.last_name) FROM public.actor a JOIN public.customer c ON c.last_name = a.last_name WHERE length(a.last_name) >= 6
            """);
        Assert.True(shared >= 5, $"only {shared} surnames shared by actors and customers");
        Outputs.ExitCode(0, copy.Result);
        Assert.Matches(VerifyClean(), copy.Result.Output);

        var result = await Devdbseed.RunAsync("verify", copy.Pipeline(Pagila.RulesFile, copy.Target, "verify-surnames"));
        Outputs.ExitCode(0, result);
        Assert.Matches(VerifyClean(), result.Output);
    }

    [Fact]
    public async Task A_masked_city_inside_a_kept_time_zone_name_is_not_reported()
    {
        var source = await copy.Databases.CreateAsync("offices", """
            CREATE TABLE people (id int PRIMARY KEY, surname text NOT NULL, city text NOT NULL);
            INSERT INTO people SELECT i, (ARRAY['Morrison', 'Hawkins', 'Fletcher'])[1 + i % 3], (ARRAY['London', 'Berlin', 'Chicago'])[1 + i % 3]
            FROM generate_series(1, 60) i;
            CREATE TABLE offices (id int PRIMARY KEY, time_zone text NOT NULL, founder text NOT NULL, motto text);
            INSERT INTO offices VALUES (1, 'Europe/London', 'Morrison', 'From London with love'), (2, 'Europe/Berlin', 'Hawkins', NULL),
                                       (3, 'America/Chicago', 'Fletcher', 'Chicago, Chicago');
            """);
        var rules = copy.Write("offices.yaml", """
            version: 1
            tables:
              public.people:
                columns:
                  id: keep
                  surname: name.lastName
                  city: address.city
              public.offices: keep
            """);

        var result = await Devdbseed.RunAsync("run", copy.Pipeline(rules, copy.Databases.Name("offices_dev"), "offices", source));

        Outputs.ExitCode(0, result);
        var summary = Summary().Match(result.Output);
        Assert.True(summary.Success, $"no verify line\n{result}");
        Assert.True(Number(summary.Groups["values"].Value) >= 6, $"only {summary.Groups["values"].Value} values checked\n{result}");
        Assert.Equal("none found", summary.Groups["hits"].Value);
    }

    [Fact]
    public async Task Verify_false_skips_the_check_and_lets_even_a_weak_rule_through()
    {
        var unverified = copy.Databases.Name("unverified");
        var result = await Devdbseed.RunAsync("run", copy.Pipeline(WeakRules(), unverified, "unverified", extra: "verify: false"));

        Outputs.ExitCode(0, result);
        Assert.DoesNotContain("verify:", result.All, StringComparison.Ordinal);
        Assert.DoesNotContain("verifying", result.All, StringComparison.Ordinal);
        Assert.Equal(
            await copy.Databases.TableHashAsync(copy.Source, "(SELECT address_id, phone FROM public.address)"),
            await copy.Databases.TableHashAsync(unverified, "(SELECT address_id, phone FROM public.address)"));
    }

    [Fact]
    public async Task A_run_searching_its_copy_as_it_writes_it_finds_what_verify_finds_reading_the_loaded_tables()
    {
        var searchedInCopy = await Devdbseed.RunAsync("run", copy.Pipeline(WeakRules(), copy.Databases.Name("weak_searched"), "weak-searched"));
        var loaded = copy.Databases.Name("weak_loaded");
        Outputs.ExitCode(0, await Devdbseed.RunAsync("run", copy.Pipeline(WeakRules(), loaded, "weak-loaded", extra: "verify: false")));

        var readAgain = await Devdbseed.RunAsync("verify", copy.Pipeline(WeakRules(), loaded, "weak-loaded-verify"));

        Outputs.ExitCode(3, searchedInCopy);
        Outputs.ExitCode(3, readAgain);
        var hits = ColumnHit().Matches(readAgain.All).Select(m => m.Value).ToList();
        Assert.NotEmpty(hits);
        Assert.Equal(hits, ColumnHit().Matches(searchedInCopy.All).Select(m => m.Value).ToList());
    }

    [Fact]
    public async Task A_minimum_length_above_every_value_leaves_nothing_to_look_for()
    {
        var result = await Devdbseed.RunAsync("run", copy.Pipeline(WeakRules(), copy.Databases.Name("long_only"), "long-only", extra: "verify: { sample: 100, min_length: 200 }"));

        Outputs.ExitCode(0, result);
        var summary = Summary().Match(result.Output);
        Assert.True(summary.Success, $"no verify line\n{result}");
        Assert.Equal("0", summary.Groups["values"].Value);
    }

    private string WeakRules()
    {
        var rules = File.ReadAllText(Pagila.RulesFile);
        Assert.Contains(MaskedPhone, rules, StringComparison.Ordinal);
        return copy.Write("weak.yaml", rules.Replace(MaskedPhone, "      phone: { mask: { keep_last: 50 } }", StringComparison.Ordinal));
    }

    /// <summary>No original phone number (nor any other original of a masked column) is in what devdbseed printed.</summary>
    private async Task AssertNoPhoneIn(Devdbseed.Result result)
    {
        var phones = (await copy.Databases.ColumnAsync(copy.Source, "SELECT phone FROM public.address")).OfType<string>().Where(p => p.Length >= 6).ToList();
        Assert.True(phones.Count > 500);
        var printed = LeakScanner.Find(result.All, phones);
        Assert.True(printed.Count == 0, $"{printed.Count} original phone numbers printed, e.g. {string.Join(", ", printed.Take(3))}");
        var digits = DigitRun().Matches(result.All).Select(m => m.Value).ToHashSet(StringComparer.Ordinal);
        Assert.DoesNotContain(digits, phones.Contains);
    }

    private static long Number(string text) => long.Parse(text.Replace(",", string.Empty, StringComparison.Ordinal), System.Globalization.CultureInfo.InvariantCulture);

    [GeneratedRegex(@"public\.address\.phone: (\d+) original values? of public\.address\.phone")]
    private static partial Regex PhoneHit();

    [GeneratedRegex(@"public\.\w+\.\w+: [\d,]+ original values? of public\.\w+\.\w+.*")]
    private static partial Regex ColumnHit();

    [GeneratedRegex(@"verify: (?<values>[\d,]+) original values of \d+ masked columns searched in \d+ columns \([\d,]+ rows\): (?<hits>none found|[\d,]+ found)")]
    private static partial Regex Summary();

    [GeneratedRegex(@"verify: [\d,]+ original values .*: none found")]
    private static partial Regex VerifyClean();

    [GeneratedRegex(@"verify: [\d,]+ original values .*: [\d,]+ found")]
    private static partial Regex VerifyFound();

    [GeneratedRegex(@"verify: [\d,]+ rows of \d+ tables compared by key with the same source rows")]
    private static partial Regex Compared();

    [GeneratedRegex(@"(public\.customer:\n(?:.*\n)*?\s+first_name: ).*")]
    private static partial Regex FirstNameRule();

    [GeneratedRegex(@"\d{6,}")]
    private static partial Regex DigitRun();

    /// <summary>pagila loaded once and masked once with its rules into a target the tests verify and try to replace.</summary>
    public sealed class PagilaCopy : MaskedOnce
    {
        protected override string TargetName => "pagila_dev";

        public string Write(string name, string content) => Pipelines.Write(name, content);

        /// <summary>A pipeline file <paramref name="name"/>.pipeline.yaml from <paramref name="source"/> (default: pagila) to <paramref name="target"/>.</summary>
        public string Pipeline(string rules, string target, string name, string? source = null, string extra = "") =>
            Pipelines.Pipeline(Databases.Uri(source ?? Source), Databases.Uri(target), rules, extra: extra, name: name + ".pipeline.yaml");

        protected override Task<string> CreateSourceAsync() => Pagila.CreateAsync(Databases);

        protected override string RunPipeline() => Pipeline(Pagila.RulesFile, Target, "good");
    }
}
