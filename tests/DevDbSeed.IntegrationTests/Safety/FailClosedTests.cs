using DevDbSeed.IntegrationTests.Infrastructure;

namespace DevDbSeed.IntegrationTests.Safety;

/// <summary>
/// The security promise: anything the rules do not classify stops both run and check before a single row is
/// written (exit 3), naming every unclassified schema.table.column; the existing target stays exactly as it was and
/// nothing is left behind.
/// </summary>
public sealed class FailClosedTests : IAsyncLifetime
{
    private const string Schema = """
        CREATE SCHEMA crm;
        CREATE TABLE public.orders (id int PRIMARY KEY, customer_email text, notes text, total numeric(8,2));
        CREATE TABLE crm."Customer Accounts" (id int PRIMARY KEY, "E-mail" text, name text);
        CREATE TABLE public.audit (id int PRIMARY KEY, actor text, what text);
        INSERT INTO public.orders SELECT i, 'buyer' || i || '@shop.example', 'leave at the door ' || i, i * 1.5 FROM generate_series(1, 300) i;
        INSERT INTO crm."Customer Accounts" SELECT i, 'account' || i || '@crm.example', 'Account Holder ' || i FROM generate_series(1, 100) i;
        INSERT INTO public.audit SELECT i, 'admin', 'export ' || i FROM generate_series(1, 50) i;
        """;

    private const string Orders = """
          public.orders:
            columns:
              id: keep
              customer_email: internet.email
              notes: lorem.sentence
              total: keep
        """;

    private const string Accounts = """
          "crm.Customer Accounts":
            columns:
              id: keep
              E-mail: internet.email
              name: name.fullName
        """;

    private const string Audit = """
          public.audit: keep
        """;

    private readonly Pipelines _pipelines = new();
    private TestDatabases _databases = null!;
    private string _source = null!;
    private string _target = null!;

    public async Task InitializeAsync()
    {
        _databases = await TestDatabases.CreateAsync();
        await this.OrDisposeAsync(async () =>
        {
            _source = await _databases.CreateAsync("src", Schema);
            _target = _databases.Name("dev");
            Rules(Orders, Accounts, Audit);
            var first = await Devdbseed.RunAsync("run", Pipeline());
            Outputs.ExitCode(0, first);
        });
    }

    public async Task DisposeAsync()
    {
        await _databases.DisposeAsync();
        _pipelines.Dispose();
    }

    [Fact]
    public async Task Rules_missing_columns_stop_run_and_check_naming_every_unclassified_column()
    {
        Rules(Orders.Replace("      notes: lorem.sentence\n", string.Empty, StringComparison.Ordinal),
            Accounts.Replace("      E-mail: internet.email\n", string.Empty, StringComparison.Ordinal), Audit);

        await AssertRefusedAsync("public.orders.notes", "crm.Customer Accounts.E-mail");
    }

    [Fact]
    public async Task Rules_missing_a_whole_table_stop_run_and_check_naming_each_of_its_columns()
    {
        Rules(Orders, Accounts);

        await AssertRefusedAsync("public.audit.id", "public.audit.actor", "public.audit.what");
    }

    [Fact]
    public async Task Columns_added_to_the_source_after_the_rules_were_written_stop_run_and_check()
    {
        await _databases.ExecuteAsync(_source, """
            ALTER TABLE public.orders ADD COLUMN phone text DEFAULT '+1 555 0100';
            ALTER TABLE crm."Customer Accounts" ADD COLUMN "Date of Birth" date;
            """);

        await AssertRefusedAsync("public.orders.phone", "crm.Customer Accounts.Date of Birth");
    }

    [Fact]
    public async Task Rules_naming_a_table_or_column_the_source_does_not_have_stop_run_and_check_naming_them()
    {
        Rules(Orders.Replace("      total: keep", "      total: keep\n      note: lorem.word", StringComparison.Ordinal), Accounts, Audit,
            "  public.ordres: keep");

        await AssertRefusedAsync("public.ordres", "public.orders.note");
    }

    private async Task AssertRefusedAsync(params string[] named)
    {
        var target = await _databases.StateAsync(_target);
        var source = await _databases.StateAsync(_source);
        var databases = await _databases.OursAsync();

        foreach (var command in new[] { "run", "check" })
        {
            var result = await Devdbseed.RunAsync(command, Pipeline());

            Outputs.ExitCode(3, result);
            Outputs.NoStackTrace(result);
            Assert.All(named, name => Outputs.Mentions(result, name));
            Assert.Equal(target, await _databases.StateAsync(_target));
            Assert.Equal(source, await _databases.StateAsync(_source));
            Assert.Equal(databases, await _databases.OursAsync());
        }
    }

    private void Rules(params string[] tables) => _pipelines.Write("rules.yaml", "version: 1\ntables:\n" + string.Join('\n', tables) + "\n");

    private string Pipeline() => _pipelines.Pipeline(_databases.Uri(_source), _databases.Uri(_target));
}
