using DevDbSeed.IntegrationTests.Infrastructure;
using Xunit.Abstractions;

namespace DevDbSeed.IntegrationTests.Discovery;

/// <summary>
/// <c>rules init</c> on pagila, a real-world schema nobody in this project wrote: the output, unedited, passes
/// check and runs with verify finding nothing; no column holding personal data is missed; it is deterministic,
/// commented everywhere, and valid against the rules schema editors use.
/// </summary>
public sealed class RulesInitPagilaTests(RulesInitPagilaTests.PagilaInit init, ITestOutputHelper log) : IClassFixture<RulesInitPagilaTests.PagilaInit>
{
    /// <summary>The pagila columns that hold personal data: customers' and staff's names and contacts, staff credentials and pictures, addresses.</summary>
    private static readonly string[] Personal =
    [
        "public.customer.first_name", "public.customer.last_name", "public.customer.email",
        "public.staff.first_name", "public.staff.last_name", "public.staff.email", "public.staff.username", "public.staff.password", "public.staff.picture",
        "public.address.address", "public.address.address2", "public.address.postal_code", "public.address.phone",
    ];

    /// <summary>
    /// The pagila columns rules init masks though they hold no personal data: actors are film credits (public
    /// people), cities are reference data; their names alone suggest names and addresses.
    /// </summary>
    private static readonly string[] FalsePositives = ["public.actor.first_name", "public.actor.last_name", "public.city.city"];

    [Fact]
    public void Rules_init_exits_0_and_writes_a_rules_file()
    {
        Outputs.ExitCode(0, init.First);
        Outputs.NoStackTrace(init.First);
        Assert.StartsWith("#", init.First.Output, StringComparison.Ordinal);
        Assert.Contains("\nversion: 1\ntables:\n", init.First.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void The_unedited_output_passes_check()
    {
        Outputs.ExitCode(0, init.Check);
    }

    [Fact]
    public void The_unedited_output_runs_with_verify_finding_no_original_value()
    {
        Outputs.ExitCode(0, init.Run);
        Assert.True(RulesInitRun.VerifiedClean().IsMatch(init.Run.Output), $"no 'verify: ... none found' line\n{init.Run}");
    }

    [Fact]
    public async Task No_original_email_phone_address_or_postcode_is_left_in_the_target()
    {
        Outputs.ExitCode(0, init.Run);
        await LeakScanner.AssertNoneReachedAsync(init.Databases, init.Source, init.Target, 1_500,
            "SELECT email FROM customer UNION ALL SELECT email FROM staff",
            "SELECT phone FROM address UNION ALL SELECT address FROM address UNION ALL SELECT postal_code FROM address");
    }

    [Fact]
    public void No_column_holding_personal_data_is_missed_and_at_most_the_three_known_false_positives_of_87_columns_are_masked()
    {
        Outputs.ExitCode(0, init.First);
        Assert.Equal(87, init.Tables.Sum(t => t.Columns.Count));
        RulesInitChecks.NoneMissedAndFalsePositivesBounded(init, Personal, [], FalsePositives, log);
    }

    [Fact]
    public void Two_runs_write_identical_text()
    {
        Outputs.ExitCode(0, init.Second);
        Assert.Equal("", init.Second.Output);
        Assert.Equal(init.First.Output, init.SecondText);
    }

    [Fact]
    public void Every_table_and_column_appears_with_a_comment_saying_why()
    {
        Outputs.ExitCode(0, init.First);
        RulesInitChecks.EveryTableAndColumnHasAComment(init);
    }

    [Fact]
    public void Columns_that_reference_a_kept_key_are_kept_and_say_so()
    {
        var line = init.Rules.Block("public.customer").Single(l => l.TrimStart().StartsWith("address_id:", StringComparison.Ordinal));
        Assert.Contains("references public.address.address_id", line, StringComparison.Ordinal);
        Assert.Equal(ColumnFate.Kept, init.Rules.Fate("public.customer", new SourceColumn("address_id", false)));
    }

    [Fact]
    public void The_output_is_valid_against_the_rules_schema()
    {
        Outputs.ExitCode(0, init.First);
        var errors = JsonSchemas.RulesErrors(init.First.Output);
        Assert.True(errors.Count == 0, $"rules init output is not valid against rules/rules.schema.json: {string.Join("; ", errors.Take(10))}\n{init.First.Output}");
    }

    /// <summary>pagila, classified and run once.</summary>
    public sealed class PagilaInit : RulesInitRun
    {
        protected override async Task<string> CreateSourceAsync(TestDatabases databases)
        {
            var source = await Pagila.CreateAsync(databases);
            return source;
        }
    }
}
