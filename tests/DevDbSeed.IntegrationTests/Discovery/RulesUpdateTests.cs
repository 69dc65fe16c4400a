using DevDbSeed.IntegrationTests.Infrastructure;

namespace DevDbSeed.IntegrationTests.Discovery;

/// <summary>
/// <c>rules init --update FILE</c> after a schema change (columns added to a table, a new table): exactly what is new
/// is added, every line already in the file stays as it was, and the result passes check.
/// </summary>
public sealed class RulesUpdateTests(RulesUpdateTests.SchemaChange change) : IClassFixture<RulesUpdateTests.SchemaChange>
{
    private const string NewTable = "public.loyalty_card";

    private static readonly string[] NewTableColumns = ["card_id", "customer_id", "holder_name", "iban", "points"];

    [Fact]
    public void The_update_exits_0_and_names_what_it_added()
    {
        Outputs.ExitCode(0, change.Original);
        Outputs.ExitCode(0, change.Update);
        Outputs.NoStackTrace(change.Update);
        Outputs.Mentions(change.Update, "public.customer.mobile_phone");
        Outputs.Mentions(change.Update, "public.customer.loyalty_notes");
        Outputs.Mentions(change.Update, NewTable);
    }

    [Fact]
    public void Every_original_line_is_unchanged_and_only_the_new_columns_and_table_are_added()
    {
        var original = change.Original.Output.Split('\n');
        var updated = change.Updated.Split('\n');
        var added = new List<string>();
        var next = 0;
        foreach (var line in updated)
        {
            if (next < original.Length && line == original[next])
            {
                next++;
            }
            else
            {
                added.Add(line);
            }
        }

        Assert.True(next == original.Length, $"original line {next + 1} is changed or gone: '{original[Math.Min(next, original.Length - 1)]}'\n--- updated\n{change.Updated}");

        var expected = 2 + 2 + NewTableColumns.Length; // two columns; the table's key and columns: lines, one line per column
        Assert.True(added.Count == expected, $"expected {expected} added lines, got {added.Count}:\n{string.Join('\n', added)}");
        Assert.StartsWith("      mobile_phone: ", added.Single(l => l.Contains("mobile_phone", StringComparison.Ordinal)), StringComparison.Ordinal);
        Assert.StartsWith("      loyalty_notes: ", added.Single(l => l.Contains("loyalty_notes", StringComparison.Ordinal)), StringComparison.Ordinal);
        Assert.Contains($"  {NewTable}:", added);
        Assert.Contains("    columns:", added);
        Assert.All(NewTableColumns, column => Assert.Single(added, l => l.StartsWith($"      {column}: ", StringComparison.Ordinal)));
        Assert.All(added, line => Assert.False(string.IsNullOrWhiteSpace(line)));
    }

    [Fact]
    public void The_added_columns_are_placed_in_their_table_and_personal_ones_are_masked()
    {
        var rules = RulesText.Parse(change.Updated);
        Assert.Contains(rules.Block("public.customer"), l => l.StartsWith("      mobile_phone: ", StringComparison.Ordinal));
        Assert.Equal(ColumnFate.Masked, rules.Fate("public.customer", new SourceColumn("mobile_phone", false)));
        Assert.Equal(ColumnFate.Masked, rules.Fate(NewTable, new SourceColumn("holder_name", false)));
        Assert.Equal(ColumnFate.Masked, rules.Fate(NewTable, new SourceColumn("iban", false)));
        Assert.Equal(ColumnFate.Kept, rules.Fate(NewTable, new SourceColumn("points", false)));
    }

    [Fact]
    public void The_updated_file_passes_check_and_is_valid_against_the_rules_schema()
    {
        Outputs.ExitCode(0, change.Check);
        var errors = JsonSchemas.RulesErrors(change.Updated);
        Assert.True(errors.Count == 0, $"the updated file is not valid against rules/rules.schema.json: {string.Join("; ", errors.Take(10))}");
    }

    [Fact]
    public void The_original_file_no_longer_covers_the_changed_schema()
    {
        Outputs.ExitCode(3, change.CheckBefore);
        Outputs.Mentions(change.CheckBefore, "public.customer.mobile_phone");
    }

    [Fact]
    public void A_second_update_with_nothing_new_leaves_the_file_byte_for_byte_as_it_was()
    {
        Outputs.ExitCode(0, change.Again);
        Assert.Equal(change.Updated, change.UpdatedAgain);
    }

    /// <summary>pagila classified, then changed (two columns, one table), then the rules file updated in place, twice.</summary>
    public sealed class SchemaChange : IAsyncLifetime
    {
        private readonly Pipelines _pipelines = new();

        public TestDatabases Databases { get; private set; } = null!;

        public Devdbseed.Result Original { get; private set; } = null!;

        public Devdbseed.Result CheckBefore { get; private set; } = null!;

        public Devdbseed.Result Update { get; private set; } = null!;

        public string Updated { get; private set; } = null!;

        public Devdbseed.Result Check { get; private set; } = null!;

        public Devdbseed.Result Again { get; private set; } = null!;

        public string UpdatedAgain { get; private set; } = null!;

        public async Task InitializeAsync()
        {
            Databases = await TestDatabases.CreateAsync();
            await this.OrDisposeAsync(async () =>
            {
                var source = await Pagila.CreateAsync(Databases);
                Original = await Devdbseed.RunAsync("rules", "init", "--source", Databases.Uri(source));
                var file = _pipelines.Write("rules.yaml", Original.Output);

                await Databases.ExecuteAsync(source, """
                    ALTER TABLE public.customer ADD COLUMN mobile_phone varchar(32), ADD COLUMN loyalty_notes text;
                    UPDATE public.customer SET mobile_phone = '+1 (555) ' || lpad((customer_id * 7919 % 10000000)::text, 7, '0') WHERE customer_id % 3 = 0;
                    CREATE TABLE public.loyalty_card (
                        card_id int PRIMARY KEY,
                        customer_id int NOT NULL REFERENCES public.customer,
                        holder_name text NOT NULL,
                        iban text,
                        points int NOT NULL DEFAULT 0
                    );
                    INSERT INTO public.loyalty_card SELECT customer_id, customer_id, first_name || ' ' || last_name, NULL, customer_id * 3 FROM public.customer WHERE customer_id <= 50;
                    """);
                var pipeline = _pipelines.Pipeline(Databases.Uri(source), Databases.Uri(Databases.Name("dev")));
                CheckBefore = await Devdbseed.RunAsync("check", pipeline);

                Update = await Devdbseed.RunAsync("rules", "init", "--source", Databases.Uri(source), "--update", file);
                Updated = await File.ReadAllTextAsync(file);
                Check = await Devdbseed.RunAsync("check", pipeline);
                Again = await Devdbseed.RunAsync("rules", "init", "--source", Databases.Uri(source), "--update", file);
                UpdatedAgain = await File.ReadAllTextAsync(file);
            });
        }

        public async Task DisposeAsync()
        {
            await Databases.DisposeAsync();
            _pipelines.Dispose();
        }
    }
}
