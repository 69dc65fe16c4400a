using DevDbSeed.IntegrationTests.Infrastructure;

namespace DevDbSeed.IntegrationTests.Subsetting;

/// <summary>
/// Subsets of pagila (a real-world schema) with the original Sakila's <c>store.manager_staff_id</c> foreign key added, which
/// makes a cycle (a store's manager is a staff member, who works at a store), and one payment of customer 1 made to pay for
/// a rental of customer 400: from customers 1 to 50, and from store 1. Every foreign key validates, no original of a
/// masked column survives, completeness pulls in rows beyond the predicate, and masked values are a full run's.
/// </summary>
public sealed class PagilaSubsetTests(PagilaSubsetTests.Runs runs) : IClassFixture<PagilaSubsetTests.Runs>
{
    /// <summary>The masked columns whose original values must not survive anywhere.</summary>
    private static readonly string[] SensitiveColumns =
    [
        "SELECT email FROM public.customer", "SELECT email FROM public.staff", "SELECT password FROM public.staff",
        "SELECT address FROM public.address", "SELECT phone FROM public.address", "SELECT postal_code FROM public.address",
    ];

    [Theory]
    [InlineData("customers")]
    [InlineData("stores")]
    public void The_subset_run_succeeds(string subset)
    {
        Outputs.ExitCode(0, runs.Of(subset).Result);
        Outputs.NoStackTrace(runs.Of(subset).Result);
    }

    [Theory]
    [InlineData("customers")]
    [InlineData("stores")]
    public async Task Every_foreign_key_of_the_source_and_the_store_staff_cycle_is_validated(string subset)
    {
        Assert.Contains("store.store_manager_staff_id_fkey", (await ForeignKeys.OfAsync(runs.Databases, runs.Source)).Keys);
        await ForeignKeys.AssertAllValidatedAsync(runs.Databases, runs.Source, runs.Of(subset).Target, atLeast: 37);
    }

    [Theory]
    [InlineData("customers")]
    [InlineData("stores")]
    public async Task No_original_value_of_a_masked_column_is_left_in_the_subset(string subset)
    {
        await LeakScanner.AssertNoneReachedAsync(runs.Databases, runs.Source, runs.Of(subset).Target, 1_500, SensitiveColumns);
    }

    [Fact]
    public async Task Customers_of_the_predicate_are_all_there_and_fewer_than_in_the_source()
    {
        var customers = await runs.Databases.IdsAsync(runs.Customers.Target, "SELECT customer_id FROM customer ORDER BY 1");

        Assert.Equal(Enumerable.Range(1, 50), customers.Where(id => id <= 50));
        Assert.True(customers.Count < await runs.Databases.ScalarAsync<long>(runs.Source, "SELECT count(*) FROM customer"), $"{customers.Count} customers");
    }

    [Fact]
    public async Task A_payment_for_another_customer_s_rental_pulls_that_customer_in()
    {
        Assert.Equal(1L, await runs.Databases.ScalarAsync<long>(runs.Customers.Target, $"SELECT count(*) FROM payment WHERE payment_id = {runs.CrossPayment}"));
        Assert.Equal(1L, await runs.Databases.ScalarAsync<long>(runs.Customers.Target, "SELECT count(*) FROM customer WHERE customer_id = 400"));
    }

    [Fact]
    public async Task A_subset_from_a_store_holds_it_and_closes_the_store_staff_cycle_with_fewer_rows_than_the_source()
    {
        var target = runs.Stores.Target;
        Assert.Equal(1L, await runs.Databases.ScalarAsync<long>(target, "SELECT count(*) FROM store WHERE store_id = 1"));
        foreach (var table in new[] { "store", "staff", "rental" })
        {
            var rows = await runs.Databases.ScalarAsync<long>(target, $"SELECT count(*) FROM {table}");
            Assert.InRange(rows, 1, await runs.Databases.ScalarAsync<long>(runs.Source, $"SELECT count(*) FROM {table}") - 1);
        }

        Assert.Equal(0L, await runs.Databases.ScalarAsync<long>(target,
            "SELECT count(*) FROM store s WHERE NOT EXISTS (SELECT 1 FROM staff m WHERE m.staff_id = s.manager_staff_id)"));
    }

    [Theory]
    [InlineData("customers", "customer", "customer_id")]
    [InlineData("stores", "staff", "staff_id")]
    public async Task A_masked_value_in_a_subset_is_the_one_a_full_run_with_the_same_secret_gives(string subset, string table, string key)
    {
        var sql = $"SELECT {key}::text, email FROM {table}";
        var full = await runs.Databases.MapAsync(runs.Full, sql);
        var copied = await runs.Databases.MapAsync(runs.Of(subset).Target, sql);

        Assert.True(copied.Count >= 10, $"only {copied.Count} rows in the subset");
        Assert.All(copied, row => Assert.Equal(full[row.Key], row.Value));
        Assert.NotEqual(await runs.Databases.ScalarAsync<string>(runs.Source, $"SELECT email FROM {table} WHERE {key} = 1"), copied["1"]);
    }

    /// <summary>pagila with the Sakila cycle and a cross-customer payment, subset two ways and copied whole with the same secret.</summary>
    public sealed class Runs : SubsetSource
    {
        public SubsetRun Customers { get; private set; } = null!;

        public SubsetRun Stores { get; private set; } = null!;

        /// <summary>The target of a full run.</summary>
        public string Full { get; private set; } = null!;

        /// <summary>The payment of customer 1 for a rental of customer 400.</summary>
        public int CrossPayment { get; private set; }

        public SubsetRun Of(string subset) => subset == "customers" ? Customers : Stores;

        protected override async Task<string> CreateSourceAsync()
        {
            var source = await Pagila.CreateAsync(Databases);
            await Databases.ExecuteAsync(source, """
                ALTER TABLE store ADD CONSTRAINT store_manager_staff_id_fkey FOREIGN KEY (manager_staff_id) REFERENCES staff (staff_id);
                UPDATE payment SET rental_id = (SELECT min(rental_id) FROM rental WHERE customer_id = 400)
                WHERE payment_id = (SELECT min(payment_id) FROM payment WHERE customer_id = 1);
                ANALYZE;
                """);
            CrossPayment = await Databases.ScalarAsync<int>(source, "SELECT min(payment_id) FROM payment WHERE customer_id = 1");
            Assert.Equal(400, await Databases.ScalarAsync<int>(source,
                $"SELECT r.customer_id FROM payment p JOIN rental r USING (rental_id) WHERE p.payment_id = {CrossPayment}"));
            return source;
        }

        protected override async Task RunAsync()
        {
            Customers = await SubsetAsync("customers", """  public.customer: { where: "customer_id <= 50" }""", rulesFile: Pagila.RulesFile);
            Stores = await SubsetAsync("stores", """  public.store: { where: "store_id = 1" }""", rulesFile: Pagila.RulesFile);
            Full = Databases.Name("full");
            Outputs.ExitCode(0, await Devdbseed.RunAsync("run", Pipelines.Pipeline(Databases.Uri(Source), Databases.Uri(Full), Pagila.RulesFile, name: "full.yaml")));
        }
    }
}
