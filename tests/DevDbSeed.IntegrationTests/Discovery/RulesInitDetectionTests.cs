using DevDbSeed.IntegrationTests.Infrastructure;
using Xunit.Abstractions;

namespace DevDbSeed.IntegrationTests.Discovery;

/// <summary>
/// <c>rules init</c>'s detectors one by one, on a hand-made source: by name (the usual names of personal data,
/// variants and abbreviations included), by type (inet, macaddr, bytea), by content behind names that say nothing
/// (e-mails, international and local phones, IBANs, Luhn-valid cards, IPv4 and IPv6, e-mails inside free text,
/// inside arrays and inside JSON members); and names that need quoting in YAML.
/// </summary>
public sealed class RulesInitDetectionTests(RulesInitDetectionTests.Detection init, ITestOutputHelper log) : IClassFixture<RulesInitDetectionTests.Detection>
{
    /// <summary>Columns of public.named whose names say they hold personal data (no content to go by: only ids and NULLs).</summary>
    private static readonly string[] PersonalByName =
    [
        "e_mail", "mail", "emailAddress", "tel", "mobile", "fax", "PhoneNumber", "fname", "firstName", "lname", "LastName", "full_name", "surname",
        "billing_name", "contact_name", "card_holder", "company", "organisation", "employer", "dob", "birth_date", "street", "home_address", "city",
        "zip", "postcode", "ssn", "national_id", "passport_no", "iban", "account_number", "card_number", "pan", "ip_address", "password_hash",
        "api_token", "secret", "notes", "comment", "bio",
    ];

    /// <summary>Columns of public.by_content with neutral names, and what they hold.</summary>
    private static readonly (string Column, string Holds)[] PersonalByContent =
    [
        ("col_a", "e-mail addresses"), ("col_b", "international phone numbers"), ("col_c", "local phone numbers"), ("col_d", "IBANs"),
        ("col_e", "Luhn-valid card numbers"), ("col_f", "IPv4 addresses"), ("col_g", "IPv6 addresses"), ("col_h", "arrays of e-mail addresses"),
        ("col_i", "free text with an e-mail address in it"), ("col_m", "JSON with e-mail and phone members"),
    ];

    [Fact]
    public void The_unedited_output_passes_check_and_runs_with_verify_finding_nothing()
    {
        Outputs.ExitCode(0, init.First);
        Outputs.ExitCode(0, init.Check);
        Outputs.ExitCode(0, init.Run);
        Assert.True(RulesInitRun.VerifiedClean().IsMatch(init.Run.Output), $"no 'verify: ... none found' line\n{init.Run}");
    }

    [Fact]
    public void Columns_are_detected_by_name_in_common_variants_and_abbreviations()
    {
        var rules = init.Rules;
        var missed = PersonalByName.Where(c => rules.Fate("public.named", new SourceColumn(c, false)) != ColumnFate.Masked).ToList();
        foreach (var column in PersonalByName)
        {
            log.WriteLine(rules.Line("public.named", column));
        }

        Assert.True(missed.Count == 0, $"not detected by name: {string.Join(", ", missed)}");
        Assert.All(new[] { "id", "status", "created_at", "quantity" }, c => Assert.Equal(ColumnFate.Kept, rules.Fate("public.named", new SourceColumn(c, false))));
    }

    [Fact]
    public void No_column_holding_personal_data_is_missed_and_none_holding_none_is_masked()
    {
        Outputs.ExitCode(0, init.First);
        string[] personal =
        [
            .. PersonalByName.Concat(["origin", "device", "blob"]).Select(c => "public.named." + c),
            .. PersonalByContent.Select(c => "public.by_content." + c.Column),
            "crm.Customer Accounts.E-mail", "crm.Customer Accounts.Phone #", "crm.Customer Accounts.contact",
        ];
        RulesInitChecks.NoneMissedAndFalsePositivesBounded(init, personal, [], allowedFalsePositives: [], log);
    }

    [Fact]
    public void A_full_name_column_gets_a_full_name_fake_not_a_last_name()
    {
        Assert.Equal("name.fullName", init.Rules.Scalar("public.named", "full_name"));
    }

    [Fact]
    public void Columns_are_detected_by_type_whatever_their_names()
    {
        var rules = init.Rules;
        Assert.Equal("internet.ip", rules.Scalar("public.named", "origin"));
        Assert.Equal("internet.mac", rules.Scalar("public.named", "device"));
        Assert.Equal(ColumnFate.Masked, rules.Fate("public.named", new SourceColumn("blob", false)));
    }

    [Fact]
    public void Columns_are_detected_by_content_whatever_their_names()
    {
        var rules = init.Rules;
        foreach (var column in init.Tables.Single(t => t.Name == "public.by_content").Columns)
        {
            log.WriteLine(rules.Line("public.by_content", column.Name));
        }

        var missed = PersonalByContent.Where(c => rules.Fate("public.by_content", new SourceColumn(c.Column, false)) != ColumnFate.Masked)
            .Select(c => $"{c.Column} ({c.Holds})").ToList();
        Assert.True(missed.Count == 0, $"not detected by content: {string.Join(", ", missed)}");
        Assert.Equal(["k1", "k2"], rules.JsonPaths("public.by_content", "col_m").Order(StringComparer.Ordinal));
        Assert.All(new[] { "col_k", "col_l" }, c => Assert.Equal(ColumnFate.Kept, rules.Fate("public.by_content", new SourceColumn(c, false))));
    }

    [Fact]
    public void Names_that_need_quoting_are_written_so_that_the_rules_apply_to_them()
    {
        var rules = init.Rules;
        Assert.Contains("crm.Customer Accounts", rules.Tables);
        Assert.Equal(ColumnFate.Masked, rules.Fate("crm.Customer Accounts", new SourceColumn("E-mail", false)));
        Assert.Equal(ColumnFate.Masked, rules.Fate("crm.Customer Accounts", new SourceColumn("Phone #", false)));
        Assert.Equal(ColumnFate.Kept, rules.Fate("crm.Customer Accounts", new SourceColumn("yes", false)));
        Assert.Equal(ColumnFate.Kept, rules.Fate("crm.Customer Accounts", new SourceColumn("null", false)));
        Assert.Equal(["Work Phone", "mail"], rules.JsonPaths("crm.Customer Accounts", "contact").Order(StringComparer.Ordinal));
        Assert.Equal(ColumnFate.Masked, rules.Fate("crm.Customer Accounts", new SourceColumn("contact", false)));
    }

    [Fact]
    public void Every_table_and_column_appears_with_a_comment_and_the_output_is_valid_against_the_rules_schema()
    {
        Outputs.ExitCode(0, init.First);
        RulesInitChecks.EveryTableAndColumnHasAComment(init);
        var errors = JsonSchemas.RulesErrors(init.First.Output);
        Assert.True(errors.Count == 0, $"rules init output is not valid against rules/rules.schema.json: {string.Join("; ", errors.Take(10))}");
    }

    /// <summary>Three hand-made tables, classified and run once.</summary>
    public sealed class Detection : RulesInitRun
    {
        protected override Task<string> CreateSourceAsync(TestDatabases databases) => databases.CreateAsync("detect", """
            CREATE TABLE named (
                id int PRIMARY KEY, e_mail text, mail text, "emailAddress" text, tel text, mobile text, fax text, "PhoneNumber" text,
                fname text, "firstName" text, lname text, "LastName" text, full_name text, surname text, billing_name text, contact_name text,
                card_holder text, company text, organisation text, employer text, dob date, birth_date date, street text, home_address text,
                city text, zip text, postcode text, ssn text, national_id text, passport_no text, iban text, account_number text,
                card_number text, pan text, ip_address text, password_hash text, api_token text, secret text, notes text, comment text, bio text,
                origin inet, device macaddr, blob bytea, status text, created_at timestamptz, quantity int);
            INSERT INTO named (id, status, created_at, quantity) SELECT i, 'active', timestamptz '2024-01-01' + i * interval '1 day', i FROM generate_series(1, 20) i;

            CREATE TABLE by_content (id int PRIMARY KEY, col_a text, col_b text, col_c text, col_d text, col_e text, col_f text, col_g text,
                col_h text[], col_i text, col_k text, col_l varchar(40), col_m jsonb);
            INSERT INTO by_content SELECT i,
                'person' || i || '@example.com',
                '+44 20 7946 ' || lpad(i::text, 4, '0'),
                '030 ' || lpad((1234567 + i)::text, 7, '0'),
                (ARRAY['DE89 3704 0044 0532 0130 00', 'GB82WEST12345698765432', 'FR1420041010050500013M02606', 'NL91ABNA0417164300'])[1 + i % 4],
                (ARRAY['4111 1111 1111 1111', '5555555555554444', '378282246310005', '6011111111111117'])[1 + i % 4],
                '192.168.' || (i % 250) || '.' || (i % 200 + 1),
                '2001:db8::' || to_hex(i) || ':1',
                ARRAY['a' || i || '@x.example', 'b' || i || '@y.example'],
                'Ticket ' || i || ': the customer wrote from person' || i || '@example.com and asked for a refund',
                '2024-05-' || lpad((i % 28 + 1)::text, 2, '0') || ' order ' || i,
                'INV-' || lpad(i::text, 8, '0'),
                jsonb_build_object('k1', 'person' || i || '@example.com', 'k2', '+1 (555) 010-' || lpad(i::text, 4, '0'), 'k3', 'plain ' || i)
            FROM generate_series(1, 300) i;

            CREATE SCHEMA crm;
            CREATE TABLE crm."Customer Accounts" (id int PRIMARY KEY, "E-mail" text UNIQUE, "Phone #" varchar(20), "yes" text, "null" text, contact jsonb);
            INSERT INTO crm."Customer Accounts" SELECT i, 'acc' || i || '@corp.example', '+1 555 010 ' || lpad(i::text, 4, '0'), 'y', 'n',
                jsonb_build_object('mail', 'm' || i || '@mail.example', 'Work Phone', '+49 30 1234' || lpad(i::text, 4, '0'))
            FROM generate_series(1, 200) i;
            """);
    }
}
