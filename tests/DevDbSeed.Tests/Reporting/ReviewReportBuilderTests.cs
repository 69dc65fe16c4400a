using DevDbSeed.Catalog;
using DevDbSeed.Discovery;
using DevDbSeed.Planning;
using DevDbSeed.Reporting;
using DevDbSeed.Tests.Support;
using DevDbSeed.Verification;
using static DevDbSeed.Tests.Support.Catalogs;

namespace DevDbSeed.Tests.Reporting;

/// <summary>The reviewer's report, built from a plan and hand-made samples: what it says is what the plan decided.</summary>
public sealed class ReviewReportBuilderTests
{
    [Fact]
    public void A_kept_column_whose_sampled_values_hold_emails_is_warned_about()
    {
        var report = Build();

        var notes = Column(report, "public.users", "notes");
        Assert.Equal("kept", notes.Action);
        var warning = Assert.Single(notes.Warnings);
        Assert.StartsWith("kept, but ", warning, StringComparison.Ordinal);
        Assert.Contains("e-mail", warning, StringComparison.Ordinal);
        Assert.Contains($"public.users.notes: {warning}", report.Warnings);
    }

    [Fact]
    public void A_kept_column_whose_name_suggests_personal_data_is_warned_about_and_a_plain_one_is_not()
    {
        var report = Build();

        Assert.Contains(Column(report, "public.users", "first_name").Warnings, w => w.StartsWith("kept, but its name suggests", StringComparison.Ordinal));
        Assert.Empty(Column(report, "public.users", "status").Warnings);
        Assert.DoesNotContain(report.Warnings, w => w.StartsWith("public.users.status", StringComparison.Ordinal));
    }

    [Fact]
    public void Json_members_the_rule_masks_are_listed_with_their_rules_and_the_members_seen_and_left_as_they_are()
    {
        var profile = Column(Build(), "public.users", "profile");

        Assert.Equal(["contact.email → fake internet.email"], profile.JsonMasked);
        Assert.Equal(["contact.phone", "theme"], profile.JsonUnmasked.Order(StringComparer.Ordinal));
        Assert.Contains(profile.Warnings, w => w.StartsWith("JSON member contact.phone is left as it is, but", StringComparison.Ordinal));
        Assert.DoesNotContain(profile.Warnings, w => w.Contains("theme", StringComparison.Ordinal));
    }

    [Fact]
    public void A_json_column_whose_rule_replaces_the_whole_value_leaves_no_member_as_it_is()
    {
        var settings = Column(Build(), "public.users", "settings");

        Assert.Equal("masked", settings.Action);
        Assert.Empty(settings.JsonMasked);
        Assert.Empty(settings.JsonUnmasked);
        Assert.Empty(settings.Warnings);
    }

    [Fact]
    public void What_the_report_says_of_each_masked_column_is_the_plans_rule_and_uniqueness_text()
    {
        var plan = Plan();
        var report = ReviewReportBuilder.Build("shop@prod", plan, Samples(plan));

        foreach (var table in plan.RuleTables.Where(t => t.Mode != CopyMode.Emptied))
        {
            foreach (var column in table.MaskedColumns)
            {
                var review = Column(report, table.Name.ToString(), column.Column.Name);
                Assert.Equal(column.Rule!.Describe(column.Unique), review.Rule);
                Assert.Equal(column.Unique, review.Unique);
                Assert.Equal(column.Uniqueness?.Describe(column.Follows), review.UniqueHow);
                Assert.Equal(column.Follows, review.Follows);
            }
        }

        Assert.StartsWith("keyed 2-digit suffix (", Column(report, "public.users", "email").UniqueHow, StringComparison.Ordinal);
        Assert.Contains("checked after the load", Column(report, "public.users", "code").UniqueHow, StringComparison.Ordinal);
    }

    [Fact]
    public void A_column_following_a_foreign_key_says_what_it_follows_and_how_it_stays_unique()
    {
        var email = Column(Build(), "public.orders", "customer_email");

        Assert.Equal("follows", email.Action);
        Assert.Equal("public.users.email", email.Follows);
        Assert.True(email.Unique);
        Assert.False(string.IsNullOrEmpty(email.UniqueHow));
    }

    [Fact]
    public void A_partitioned_table_counts_its_partitions_and_their_rows_and_a_plain_table_has_none()
    {
        var report = Build();

        var events = Table(report, "public.events");
        Assert.Equal(2, events.Partitions);
        Assert.Equal(700, events.EstimatedRows);
        Assert.Equal("mask", events.Action);
        Assert.Equal(0, Table(report, "public.users").Partitions);
        Assert.Equal(500, Table(report, "public.users").EstimatedRows);
    }

    [Fact]
    public void An_emptied_table_is_not_sampled_and_its_columns_are_emptied()
    {
        var plan = Plan();
        var samples = new Dictionary<QualifiedName, TableSample>(Samples(plan))
        {
            [Name("public.audit")] = TableSamples.Of(plan.Catalog, "public.audit", 3, ("actor", ["jane@example.com", "john@example.org", "ann@example.net"])),
        };

        var report = ReviewReportBuilder.Build("shop@prod", plan, samples);

        var audit = Table(report, "public.audit");
        Assert.Equal("empty", audit.Action);
        Assert.Equal(0, audit.SampledRows);
        Assert.All(audit.Columns, c => Assert.Equal("emptied", c.Action));
        Assert.DoesNotContain(report.Warnings, w => w.StartsWith("public.audit", StringComparison.Ordinal));
    }

    [Fact]
    public void Generated_columns_are_said_to_be_recomputed_and_not_warned_about()
    {
        var fullName = Column(Build(), "public.users", "full_name");

        Assert.Equal("generated", fullName.Action);
        Assert.Empty(fullName.Warnings);
    }

    [Fact]
    public void Each_column_says_what_the_runs_verification_does_with_it_as_the_verification_plan_says()
    {
        var plan = Plan();
        var report = ReviewReportBuilder.Build("shop@prod", plan, Samples(plan));
        var verification = VerificationPlan.For(plan, VerifyScope.NewDatabase);

        foreach (var table in plan.RuleTables)
        {
            foreach (var column in table.Columns)
            {
                var said = Column(report, table.Name.ToString(), column.Column.Name).Verification;
                var planned = verification.Of(table, column);
                Assert.Equal(planned.Originals, said.Originals);
                Assert.Equal(planned.Parts, said.Parts);
                Assert.Equal(planned.ComparedByKey, said.ComparedByKey);
            }
        }

        Assert.Equal(new VerificationReview(true, [], true, "wholeValue"), Column(report, "public.users", "email").Verification with { Parts = [] });
        Assert.Equal(["contact.email"], Column(report, "public.users", "profile").Verification.Parts);
        Assert.Equal("none", Column(report, "public.users", "profile").Verification.Search); // kept members of a new database are the source's
        Assert.Equal("none", Column(report, "public.users", "full_name").Verification.Search); // generated from checked columns
        Assert.Equal("not checked", Column(report, "public.users", "notes").Verification.Describe());
        Assert.False(Column(report, "public.events", "email").Verification.ComparedByKey); // no kept unique key
    }

    [Fact]
    public void The_counts_add_up_the_tables_columns_warnings_and_sampled_rows()
    {
        var report = Build();

        Assert.Equal(new ReviewCounts(Tables: 5, MaskedTables: 3, KeptTables: 1, EmptiedTables: 1, Columns: 16, MaskedColumns: 6,
            Warnings: 4, SampledRows: 4 + 2 + 3), report.Counts);
        Assert.Equal(["public.audit", "public.events", "public.orders", "public.tags", "public.users"], report.Tables.Select(t => t.Name));
        Assert.Equal("en", report.Locale);
        Assert.Equal("rules.yaml", Assert.Single(report.RulesFiles).Path);
    }

    [Fact]
    public void A_key_column_is_never_warned_about_on_its_name_alone()
    {
        var plan = Planner.Plan(Plans.Rules("""
            public.members:
              columns:
                organization_id: keep
                employer_id: keep
                company: keep
            public.organizations: keep

            """), Catalogs.Catalog(
            Tbl("public.organizations", [Col("id", Text)], unique: [Key("id")]),
            Tbl("public.members", [Col("organization_id", new ColumnType("uuid", TypeCategory.Uuid)), Col("employer_id", Text), Col("company", Text)],
                fks: [Fk(["employer_id"], "public.organizations", ["id"])])));

        var report = ReviewReportBuilder.Build("shop@prod", plan, new Dictionary<QualifiedName, TableSample>());

        Assert.Equal(["public.members.company: kept, but its name suggests an employer or company"], report.Warnings);
    }

    [Fact]
    public void Warnings_backed_by_sampled_content_come_before_those_from_names_alone()
    {
        var report = Build();

        var byName = report.Warnings.Select((w, i) => (w, i)).Where(x => x.w.Contains("name suggests", StringComparison.Ordinal)).Select(x => x.i).ToList();
        var byContent = report.Warnings.Select((w, i) => (w, i)).Where(x => x.w.Contains("sampled", StringComparison.Ordinal)).Select(x => x.i).ToList();
        Assert.NotEmpty(byName);
        Assert.NotEmpty(byContent);
        Assert.True(byContent.Max() < byName.Min(), string.Join("\n", report.Warnings));
    }

    private static ReviewReport Build()
    {
        var plan = Plan();
        return ReviewReportBuilder.Build("shop@prod", plan, Samples(plan));
    }

    private static PipelinePlan Plan() => Planner.Plan(Plans.Rules("""
        public.users:
          columns:
            id: keep
            email: { fake: internet.email }
            code: { hash: { length: 6, alphabet: digits } }
            first_name: keep
            notes: keep
            status: keep
            profile: { json: { contact.email: internet.email } }
            settings: null
        public.orders:
          columns:
            id: keep
        public.tags: keep
        public.audit: empty
        public.events:
          columns:
            id: keep
            email: internet.email

        """), Catalogs.Catalog(
        Tbl("public.users", [
            Col("id", Int4, notNull: true), Col("email", Varchar(100), notNull: true), Col("code", Text), Col("first_name", Text), Col("full_name", Text, generated: true),
            Col("notes", Text), Col("status", Text), Col("profile", Jsonb), Col("settings", Jsonb),
        ], unique: [Key("id"), Key("email"), Key("code")], rows: 500),
        Tbl("public.orders", [Col("id", Int4, notNull: true), Col("customer_email", Varchar(100))],
            unique: [Key("id")], fks: [Fk(["customer_email"], "public.users", ["email"])], rows: 900),
        Tbl("public.tags", [Col("label", Text)], rows: 5),
        Tbl("public.audit", [Col("id", Int4), Col("actor", Text)], rows: 50),
        Tbl("public.events", [Col("id", Int4), Col("email", Text)], kind: TableKind.Partitioned, rows: 0),
        Tbl("public.events_2024", [Col("id", Int4), Col("email", Text)], kind: TableKind.Partition, root: "public.events", rows: 300),
        Tbl("public.events_2025", [Col("id", Int4), Col("email", Text)], kind: TableKind.Partition, root: "public.events", rows: 400)));

    private static Dictionary<QualifiedName, TableSample> Samples(PipelinePlan plan)
    {
        var users = TableSamples.Of(plan.Catalog, "public.users", 4,
            ("first_name", ["Jane", "John", "Ann", "Bob"]),
            ("notes", ["call me", "write to jane.work@example.com", "vip", "late payer"]),
            ("status", ["active", "active", "inactive", "active"]));
        users.Json["profile"].Add("""{"contact": {"email": "jane@example.com", "phone": "+44 20 7946 0958"}, "theme": "dark"}""");
        users.Json["profile"].Add("""{"contact": {"email": "john@example.org", "phone": "+44 20 7946 0959"}, "theme": "light"}""");
        users.Json["settings"].Add("""{"backup_email": "jane@example.com"}""");
        return new Dictionary<QualifiedName, TableSample>
        {
            [Name("public.users")] = users,
            [Name("public.tags")] = TableSamples.Of(plan.Catalog, "public.tags", 2, ("label", ["red", "blue"])),
            [Name("public.events")] = TableSamples.Of(plan.Catalog, "public.events", 3),
        };
    }

    private static TableReview Table(ReviewReport report, string name) => report.Tables.Single(t => t.Name == name);

    private static ColumnReview Column(ReviewReport report, string table, string column) => Table(report, table).Columns.Single(c => c.Name == column);
}
