using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using DevDbSeed.Reporting;

namespace DevDbSeed.Tests.Reporting;

public sealed class ReportRendererTests
{
    private static readonly JsonSerializerOptions Camel = new() { PropertyNamingPolicy = JsonNamingPolicy.CamelCase, WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    [Fact]
    public void Markdown_names_every_table_and_column()
    {
        var report = Report();

        var md = ReportRenderer.Render(report, "md");

        foreach (var table in report.Tables)
        {
            Assert.Contains($"`{table.Name}`", md, StringComparison.Ordinal);
            foreach (var column in table.Columns)
            {
                Assert.Contains($"`{column.Name.Replace("|", "\\|", StringComparison.Ordinal)}`", md, StringComparison.Ordinal);
            }
        }
    }

    [Fact]
    public void Markdown_shows_actions_rules_uniqueness_json_members_warnings_and_the_rules_files()
    {
        var md = ReportRenderer.Render(Report(), "md");

        Assert.StartsWith("# Masking review: shop@prod\n", md.ReplaceLineEndings("\n"), StringComparison.Ordinal);
        Assert.Contains("3 tables (1 masked, 1 kept as they are, 1 emptied), 8 columns, 3 of them masked; 1 warnings from a content scan of 250 sampled rows. Fakes from Bogus locale en.", md, StringComparison.Ordinal);
        Assert.Contains("- `rules/shop.yaml` (sha256 `" + new string('a', 64) + "`)", md, StringComparison.Ordinal);
        Assert.Contains("## Warnings (1)", md, StringComparison.Ordinal);
        Assert.Contains("- public.users.bio is kept, but 12 % of sampled values contain e-mail addresses", md, StringComparison.Ordinal);
        Assert.Contains("### `public.users`: masked, ~1,234,567 rows in 4 partitions", md, StringComparison.Ordinal);
        Assert.Contains("| `email` | character varying(100) | fake internet.email | unique index, distinct fakes |", md, StringComparison.Ordinal);
        Assert.Contains("(follows public.users.email)", md, StringComparison.Ordinal);
        Assert.Contains("generated: recomputed from the masked columns", md, StringComparison.Ordinal);
        Assert.Contains("JSON masked: contact.email → internet.email; JSON left as is: plan", md, StringComparison.Ordinal);
        Assert.Contains("emptied (structure only)", md, StringComparison.Ordinal);
        Assert.Contains("Views (need no rule): `public.active_users`.", md, StringComparison.Ordinal);
        Assert.Contains("pipe\\|col", md, StringComparison.Ordinal);
    }

    [Fact]
    public void Html_names_every_table_and_column_escaped()
    {
        var report = Report();

        var html = ReportRenderer.Render(report, "html");

        foreach (var table in report.Tables)
        {
            Assert.Contains($"<code>{WebUtility.HtmlEncode(table.Name)}</code>", html, StringComparison.Ordinal);
            foreach (var column in table.Columns)
            {
                Assert.Contains($"<td><code>{WebUtility.HtmlEncode(column.Name)}</code></td>", html, StringComparison.Ordinal);
            }
        }
    }

    [Fact]
    public void Html_escapes_names_with_angle_brackets_ampersands_and_quotes()
    {
        var html = ReportRenderer.Render(Report(), "html");

        Assert.Contains("crm.&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;quoted&quot;", html, StringComparison.Ordinal);
        Assert.Contains("a&lt;b&gt;c", html, StringComparison.Ordinal);
        Assert.Contains("x &amp; y", html, StringComparison.Ordinal);
        Assert.Contains("say &quot;hi&quot;", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("a<b>c", html, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"crm.<", html, StringComparison.Ordinal);
        Assert.Matches("<h3 id=\"[^\"<>]*\">", html);
    }

    [Fact]
    public void Html_is_one_self_contained_file()
    {
        var html = ReportRenderer.Render(Report(), "html");

        Assert.StartsWith("<!DOCTYPE html>", html, StringComparison.Ordinal);
        Assert.EndsWith("</body></html>\n", html.ReplaceLineEndings("\n"), StringComparison.Ordinal);
        Assert.Contains("<meta charset=\"utf-8\">", html, StringComparison.Ordinal);
        Assert.DoesNotMatch(new Regex(@"\b(src|href|action)\s*=", RegexOptions.IgnoreCase), html);
        Assert.DoesNotMatch(new Regex(@"https?://|//[a-z0-9.-]+\.[a-z]{2,}/", RegexOptions.IgnoreCase), html);
        Assert.DoesNotMatch(new Regex(@"<(script|link|iframe|img|object|embed)\b", RegexOptions.IgnoreCase), html);
        Assert.DoesNotMatch(new Regex(@"@import|url\(", RegexOptions.IgnoreCase), html);
        Assert.Contains("<style>", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Html_shows_warnings_and_rules_files()
    {
        var html = ReportRenderer.Render(Report(), "html");

        Assert.Contains("<li>public.users.bio is kept, but 12 % of sampled values contain e-mail addresses</li>", html, StringComparison.Ordinal);
        Assert.Contains("<code>rules/shop.yaml</code>", html, StringComparison.Ordinal);
        Assert.Contains("<tr class=\"warn\"><td><code>bio</code>", html, StringComparison.Ordinal);
        Assert.Contains("<tr class=\"masked\"><td><code>email</code>", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Json_round_trips()
    {
        var report = Report();

        var json = ReportRenderer.Render(report, "json");

        var back = JsonSerializer.Deserialize<ReviewReport>(json, Camel)!;
        Assert.Equal(json, JsonSerializer.Serialize(back, Camel) + "\n");
        Assert.Equal(report.Source, back.Source);
        Assert.Equal(report.Counts, back.Counts);
        Assert.Equal(report.Tables.SelectMany(t => t.Columns.Select(c => $"{t.Name}.{c.Name}")), back.Tables.SelectMany(t => t.Columns.Select(c => $"{t.Name}.{c.Name}")));
        Assert.Equal(report.Tables[0].Columns[1].JsonMasked, back.Tables[0].Columns[1].JsonMasked);
    }

    [Fact]
    public void Json_is_stable_with_a_fixed_property_order()
    {
        var json = ReportRenderer.Render(Report(), "json");

        Assert.Equal(json, ReportRenderer.Render(Report(), "json"));
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        Assert.Equal(["source", "locale", "rulesFiles", "counts", "warnings", "tables", "views", "materializedViews", "keptRows"], root.EnumerateObject().Select(p => p.Name));
        Assert.Equal(["tables", "maskedTables", "keptTables", "emptiedTables", "columns", "maskedColumns", "warnings", "sampledRows"], root.GetProperty("counts").EnumerateObject().Select(p => p.Name));
        Assert.Equal(["name", "action", "estimatedRows", "partitions", "sampledRows", "columns"], root.GetProperty("tables")[0].EnumerateObject().Select(p => p.Name));
        Assert.Equal(["name", "type", "action", "rule", "unique", "uniqueHow", "follows", "jsonMasked", "jsonUnmasked", "warnings", "verification"], root.GetProperty("tables")[0].GetProperty("columns")[0].EnumerateObject().Select(p => p.Name));
        Assert.Equal("crm.<script>alert(1)</script> & \"quoted\"", root.GetProperty("tables")[2].GetProperty("name").GetString());

        Assert.Equal(["table", "predicate", "location", "rows"], root.GetProperty("keptRows")[0].EnumerateObject().Select(p => p.Name));
        var email = root.GetProperty("tables")[0].GetProperty("columns")[2].GetProperty("verification");
        Assert.Equal(["originals", "parts", "comparedByKey", "search"], email.EnumerateObject().Select(p => p.Name));
        Assert.Equal("wholeValue", email.GetProperty("search").GetString());
    }

    [Fact]
    public void Markdown_and_html_say_what_verification_does_with_each_column()
    {
        var md = ReportRenderer.Render(Report(), "md");
        var html = ReportRenderer.Render(Report(), "html");

        Assert.Contains("| column | type | what happens | unique | verification | notes |", md, StringComparison.Ordinal);
        Assert.Contains("| unique index, distinct fakes | originals looked for; compared with the source row by row; searched: whole values |", md, StringComparison.Ordinal);
        Assert.Contains("| originals looked for (contact.email); compared with the source row by row |", md, StringComparison.Ordinal);
        Assert.Contains("| `id` | integer | kept |  | not checked |", md, StringComparison.Ordinal);
        Assert.Contains("<th>verification</th>", html, StringComparison.Ordinal);
        Assert.Contains("<td>originals looked for; compared with the source row by row; searched: whole values</td>", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_formats_are_refused()
    {
        Assert.Equal(["md", "html", "json"], ReportRenderer.Formats);
        Assert.Throws<ArgumentOutOfRangeException>(() => ReportRenderer.Render(Report(), "pdf"));
    }

    [Fact]
    public void Markdown_and_html_list_every_keep_rows_predicate_with_its_table_and_the_rows_it_keeps()
    {
        var md = ReportRenderer.Render(Report(), "md");
        var html = ReportRenderer.Render(Report(), "html");

        Assert.Contains("## Rows kept unmasked (keep_rows: 1)", md, StringComparison.Ordinal);
        Assert.Contains("| `public.users` | 3 | `email LIKE '%@our-team.example' AND id < 10` | rules/shop.yaml:12:16 |", md, StringComparison.Ordinal);
        Assert.Contains("### `public.users`: masked, ~1,234,567 rows in 4 partitions, 3 rows kept unmasked (keep_rows)", md, StringComparison.Ordinal);
        Assert.Contains("<h2>Rows kept unmasked (keep_rows: 1)</h2>", html, StringComparison.Ordinal);
        Assert.Contains("<td><code>email LIKE &#39;%@our-team.example&#39; AND id &lt; 10</code></td>", html, StringComparison.Ordinal);
    }

    [Fact]
    public void A_report_without_keep_rows_has_no_section_for_them()
    {
        var report = Report() with { KeptRows = [] };

        Assert.DoesNotContain("Rows kept unmasked", ReportRenderer.Render(report, "md"), StringComparison.Ordinal);
        Assert.DoesNotContain("Rows kept unmasked", ReportRenderer.Render(report, "html"), StringComparison.Ordinal);
    }

    [Fact]
    public void A_report_without_warnings_or_views_says_so()
    {
        var report = Report() with { Warnings = [], Views = [], MaterializedViews = [] };

        Assert.Contains("None: no kept column looks personal in the sample.", ReportRenderer.Render(report, "md"), StringComparison.Ordinal);
        Assert.Contains("<p>None: no kept column looks personal in the sample.</p>", ReportRenderer.Render(report, "html"), StringComparison.Ordinal);
        Assert.DoesNotContain("Views (need no rule)", ReportRenderer.Render(report, "md"), StringComparison.Ordinal);
    }

    private static ReviewReport Report() => new(
        "shop@prod",
        "en",
        [new RulesFileReview("rules/shop.yaml", new string('a', 64))],
        new ReviewCounts(3, 1, 1, 1, 8, 3, 1, 250),
        ["public.users.bio is kept, but 12 % of sampled values contain e-mail addresses"],
        [
            new TableReview("public.users", "mask", 1_234_567, 4, 200, [
                Column("id", "integer", "kept"),
                Column("profile", "jsonb", "masked", "json: contact.email → internet.email") with
                {
                    JsonMasked = ["contact.email → internet.email"],
                    JsonUnmasked = ["plan"],
                    Verification = new VerificationReview(true, ["contact.email"], true, "none"),
                },
                Column("email", "character varying(100)", "masked", "fake internet.email") with
                {
                    Unique = true,
                    UniqueHow = "unique index, distinct fakes",
                    Verification = new VerificationReview(true, [], true, "wholeValue"),
                },
                Column("referrer", "text", "follows", "fake internet.email") with { Follows = "public.users.email" },
                Column("full_name", "text", "generated"),
                Column("bio", "text", "kept") with { Warnings = ["12 % of sampled values contain e-mail addresses"] },
            ]),
            new TableReview("public.countries", "keep", 250, 0, 50, [Column("pipe|col", "text", "kept")]),
            new TableReview("crm.<script>alert(1)</script> & \"quoted\"", "empty", 0, 0, 0, [
                Column("a<b>c", "text", "emptied"),
                Column("x & y", "text", "emptied"),
                Column("say \"hi\"", "text", "emptied"),
                Column("Zoë 日本", "text", "emptied"),
            ]),
        ],
        ["public.active_users"],
        ["public.user_stats"],
        [new KeptRowsReview("public.users", "email LIKE '%@our-team.example' AND id < 10", "rules/shop.yaml:12:16", 3)]);

    private static ColumnReview Column(string name, string type, string action, string? rule = null) =>
        new(name, type, action, rule, false, null, null, [], [], [], VerificationReview.None);
}
