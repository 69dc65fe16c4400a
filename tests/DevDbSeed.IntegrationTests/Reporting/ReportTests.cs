using System.Net;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.RegularExpressions;
using DevDbSeed.IntegrationTests.Infrastructure;
using DevDbSeed.Postgres.Sample;
using DevDbSeed.Running;

namespace DevDbSeed.IntegrationTests.Reporting;

/// <summary>
/// <c>devdbseed report</c> on the sample (rules from two files: the shipped rules and a file for one more table):
/// HTML is one self-contained file listing every table and column, also as a browser renders it; JSON is stable,
/// names the rules files with their SHA-256, shows JSON members masked and left, and warns about kept text holding
/// e-mail addresses; Markdown has the same tables.
/// </summary>
public sealed partial class ReportTests(ReportTests.Reports reports) : IClassFixture<ReportTests.Reports>
{
    [Fact]
    public void Every_format_exits_0()
    {
        Outputs.ExitCode(0, reports.Json);
        Outputs.ExitCode(0, reports.JsonAgain);
        Outputs.ExitCode(0, reports.Markdown);
        Outputs.ExitCode(0, reports.Html);
        Outputs.NoStackTrace(reports.Html);
    }

    [Fact]
    public void The_html_report_is_one_self_contained_file()
    {
        Outputs.ExitCode(0, reports.Html);
        Assert.Equal([reports.HtmlFile], Directory.GetFiles(Path.GetDirectoryName(reports.HtmlFile)!));
        var html = File.ReadAllText(reports.HtmlFile);
        Assert.StartsWith("<!DOCTYPE html>", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotMatch(WebAddress(), html);
        Assert.DoesNotMatch(External(), html);
        Assert.Equal("", reports.Html.Output);
    }

    [Fact]
    public void The_html_report_lists_every_table_and_every_column_of_the_source()
    {
        AssertListsEveryColumn(File.ReadAllText(reports.HtmlFile), "the HTML report");
    }

    [Fact]
    public async Task The_html_report_opened_in_a_browser_lists_every_table_and_every_column()
    {
        var dom = await Chromium.DumpDomAsync(reports.HtmlFile);
        Assert.Contains("<h1>", dom, StringComparison.Ordinal);
        AssertListsEveryColumn(dom, "the DOM Chromium built from the HTML report");
    }

    [Fact]
    public void The_json_report_parses_and_is_identical_across_two_runs()
    {
        Outputs.ExitCode(0, reports.Json);
        using var document = JsonDocument.Parse(reports.Json.Output);
        Assert.Equal(JsonValueKind.Array, document.RootElement.GetProperty("tables").ValueKind);
        Assert.Equal(reports.Json.Output, reports.JsonAgain.Output);
    }

    [Fact]
    public void The_json_report_lists_every_table_and_every_column_of_the_source()
    {
        using var document = JsonDocument.Parse(reports.Json.Output);
        var tables = document.RootElement.GetProperty("tables").EnumerateArray()
            .ToDictionary(t => t.GetProperty("name").GetString()!, t => t.GetProperty("columns").EnumerateArray().Select(c => c.GetProperty("name").GetString()!).ToList());
        Assert.Equal(reports.Tables.Select(t => t.Name).Order(StringComparer.Ordinal), tables.Keys.Order(StringComparer.Ordinal));
        Assert.All(reports.Tables, table => Assert.Equal(table.Columns.Select(c => c.Name), tables[table.Name]));
    }

    [Fact]
    public void The_json_report_names_the_rules_files_with_their_sha256()
    {
        using var document = JsonDocument.Parse(reports.Json.Output);
        var files = document.RootElement.GetProperty("rulesFiles").EnumerateArray().Select(f => (Path: f.GetProperty("path").GetString()!, Sha256: f.GetProperty("sha256").GetString()!)).ToList();
        Assert.Equal(2, files.Count);
        Assert.EndsWith("vca.yaml", files[0].Path, StringComparison.Ordinal);
        Assert.EndsWith("crm.yaml", files[1].Path, StringComparison.Ordinal);
        Assert.Equal(Sha256(reports.VcaRules), files[0].Sha256);
        Assert.Equal(Sha256(reports.CrmRules), files[1].Sha256);
        Assert.Contains(Sha256(reports.CrmRules), reports.Markdown.Output, StringComparison.Ordinal);
        Assert.Contains(Sha256(reports.CrmRules), File.ReadAllText(reports.HtmlFile), StringComparison.Ordinal);
    }

    [Fact]
    public void The_json_report_shows_the_json_members_masked_and_the_ones_left_as_they_are()
    {
        using var document = JsonDocument.Parse(reports.Json.Output);
        var profile = Column(document, "public.crm", "profile");
        Assert.Contains(Strings(profile, "jsonMasked"), m => m.StartsWith("contact.email", StringComparison.Ordinal));
        Assert.Contains("contact.nickname", Strings(profile, "jsonUnmasked"));
        Assert.Contains("theme", Strings(profile, "jsonUnmasked"));
        Assert.DoesNotContain("contact.email", Strings(profile, "jsonUnmasked"));

        var preferences = Column(document, "public.users", "preferences");
        var masked = Strings(preferences, "jsonMasked");
        Assert.All(new[] { "contact.email", "contact.phone", "addresses[*].line1" }, path => Assert.Contains(masked, m => m.StartsWith(path, StringComparison.Ordinal)));
        Assert.Contains("theme", Strings(preferences, "jsonUnmasked"));
        Assert.Contains("locale", Strings(preferences, "jsonUnmasked"));
    }

    [Fact]
    public void The_json_report_says_how_unique_columns_stay_unique_and_which_columns_follow_are_generated_or_emptied()
    {
        using var document = JsonDocument.Parse(reports.Json.Output);
        var email = Column(document, "public.users", "email");
        Assert.Equal("masked", email.GetProperty("action").GetString());
        Assert.True(email.GetProperty("unique").GetBoolean());
        Assert.False(string.IsNullOrWhiteSpace(email.GetProperty("uniqueHow").GetString()));

        var newsletter = Column(document, "public.newsletter_subscriptions", "email");
        Assert.Equal("follows", newsletter.GetProperty("action").GetString());
        Assert.Equal("public.users.email", newsletter.GetProperty("follows").GetString());
        Assert.Equal("generated", Column(document, "public.users", "display_name").GetProperty("action").GetString());
        Assert.Equal("emptied", Column(document, "public.audit_log", "actor").GetProperty("action").GetString());
        Assert.Equal("kept", Column(document, "public.crm", "notes").GetProperty("action").GetString());
    }

    [Fact]
    public void A_kept_column_whose_sampled_values_contain_emails_is_warned_about_with_a_percentage()
    {
        using var document = JsonDocument.Parse(reports.Json.Output);
        var warnings = document.RootElement.GetProperty("warnings").EnumerateArray().Select(w => w.GetString()!).ToList();
        var notes = warnings.Where(w => w.Contains("public.crm.notes", StringComparison.Ordinal)).ToList();
        Assert.True(notes.Count == 1, $"expected one warning about public.crm.notes, got: {string.Join(" | ", warnings)}");
        Assert.Equal("public.crm.notes: kept, but of 500 sampled values, 20 % contain e-mail addresses", notes[0]); // every fifth row, read whole
        Assert.Contains(Strings(Column(document, "public.crm", "notes"), "warnings"), w => w.Contains("e-mail", StringComparison.Ordinal));
        Assert.Empty(Strings(Column(document, "public.crm", "status"), "warnings"));
        Assert.DoesNotContain(warnings, w => w.Contains("public.crm.status", StringComparison.Ordinal));
        Assert.Contains(notes[0], reports.Markdown.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void The_markdown_report_has_the_same_tables_and_columns()
    {
        var markdown = reports.Markdown.Output;
        var sections = Regex.Split(markdown, "^### ", RegexOptions.Multiline).Skip(1).ToList();
        Assert.Equal(reports.Tables.Select(t => t.Name).Order(StringComparer.Ordinal), sections.Select(s => s[1..s.IndexOf('`', 1)]).Order(StringComparer.Ordinal));
        foreach (var table in reports.Tables)
        {
            var section = sections.Single(s => s.StartsWith($"`{table.Name}`", StringComparison.Ordinal));
            Assert.All(table.Columns, column => Assert.Contains($"| `{column.Name}` |", section, StringComparison.Ordinal));
        }
    }

    /// <summary>Every table of the source has a section (<c>h3</c>), and each of its columns a row naming it.</summary>
    private void AssertListsEveryColumn(string html, string what)
    {
        var sections = html.Split("<h3 ", StringSplitOptions.None).Skip(1).ToList();
        var missing = new List<string>();
        foreach (var table in reports.Tables)
        {
            var section = sections.FirstOrDefault(s => s.Contains($"<code>{WebUtility.HtmlEncode(table.Name)}</code>", StringComparison.Ordinal));
            if (section is null)
            {
                missing.Add(table.Name);
                continue;
            }

            missing.AddRange(table.Columns.Where(c => !section.Contains($"<td><code>{WebUtility.HtmlEncode(c.Name)}</code></td>", StringComparison.Ordinal))
                .Select(c => $"{table.Name}.{c.Name}"));
        }

        Assert.True(reports.Tables.Sum(t => t.Columns.Count) > 60, "the source has fewer columns than the sample");
        Assert.True(missing.Count == 0, $"{what} does not list {string.Join(", ", missing)}");
    }

    private static JsonElement Column(JsonDocument document, string table, string column) =>
        document.RootElement.GetProperty("tables").EnumerateArray().Single(t => t.GetProperty("name").GetString() == table)
            .GetProperty("columns").EnumerateArray().Single(c => c.GetProperty("name").GetString() == column);

    private static List<string> Strings(JsonElement element, string property) => [.. element.GetProperty(property).EnumerateArray().Select(e => e.GetString()!)];

    private static string Sha256(string file) => Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(file)));

    [GeneratedRegex(@"(?i)\b(https?|ftp):|//[a-z0-9.-]+\.[a-z]{2,}/")]
    private static partial Regex WebAddress();

    [GeneratedRegex(@"(?i)<script[^>]*\bsrc\s*=|<link\b|@import|url\(|<iframe|<img[^>]*\bsrc\s*=|<object|<embed")]
    private static partial Regex External();

    /// <summary>The sample plus a CRM table (kept notes, one e-mail in five), reported in every format.</summary>
    public sealed class Reports : IAsyncLifetime
    {
        private const int Users = 1_000;
        private readonly Pipelines _pipelines = new();
        private readonly string _output = Directory.CreateTempSubdirectory("devdbseed-report-").FullName;

        public TestDatabases Databases { get; private set; } = null!;

        public IReadOnlyList<SourceTable> Tables { get; private set; } = null!;

        public string VcaRules { get; private set; } = null!;

        public string CrmRules { get; private set; } = null!;

        public Devdbseed.Result Json { get; private set; } = null!;

        public Devdbseed.Result JsonAgain { get; private set; } = null!;

        public Devdbseed.Result Markdown { get; private set; } = null!;

        public Devdbseed.Result Html { get; private set; } = null!;

        public string HtmlFile => Path.Combine(_output, "review.html");

        public async Task InitializeAsync()
        {
            Databases = await TestDatabases.CreateAsync();
            await this.OrDisposeAsync(async () =>
            {
                var source = Databases.Name("vca");
                await SampleDatabase.CreateAsync(Databases.Server.ForDatabase(source), Users, replace: false, SilentObserver.Instance, CancellationToken.None);
                await Databases.ExecuteAsync(source, """
                    CREATE TABLE public.crm (id int PRIMARY KEY, status text NOT NULL, email text NOT NULL, notes text, profile jsonb);
                    INSERT INTO public.crm
                    SELECT i, (ARRAY['lead', 'customer', 'churned'])[1 + i % 3], 'lead' || i || '@corp.example',
                           CASE WHEN i % 5 = 0 THEN 'Asked us to write to l' || i || '.private@home.example about the renewal'
                                ELSE 'Renewal call ' || i || ' went fine, follow up next quarter' END,
                           jsonb_build_object('contact', jsonb_build_object('email', 'c' || i || '@mail.example', 'nickname', 'nick' || i), 'theme', 'dark')
                    FROM generate_series(1, 500) i;
                    ANALYZE public.crm;
                    """);
                Tables = await Databases.RuleTablesAsync(source);
                VcaRules = _pipelines.Write("vca.yaml", await File.ReadAllTextAsync(Shipped.VcaRules));
                CrmRules = _pipelines.Write("crm.yaml", """
                    # The CRM table the shipped rules do not know
                    version: 1
                    tables:
                      public.crm:
                        columns:
                          id: keep
                          status: keep
                          email: internet.email
                          notes: keep        # deliberately kept: the report must warn about the e-mails in it
                          profile: { json: { contact.email: internet.email } }
                    """);
                var pipeline = _pipelines.Pipeline(Databases.Uri(source), Databases.Uri(Databases.Name("vca_dev")), "[vca.yaml, crm.yaml]");
                Json = await Devdbseed.RunAsync("report", pipeline, "--format", "json");
                JsonAgain = await Devdbseed.RunAsync("report", pipeline, "--format", "json", "--sample", "1000");
                Markdown = await Devdbseed.RunAsync("report", pipeline, "--format", "md");
                Html = await Devdbseed.RunAsync("report", pipeline, "--format", "html", "--output", HtmlFile);
            });
        }

        public async Task DisposeAsync()
        {
            await Databases.DisposeAsync();
            _pipelines.Dispose();
            Directory.Delete(_output, recursive: true);
        }
    }
}
