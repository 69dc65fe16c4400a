using DevDbSeed.Errors;
using DevDbSeed.Planning;
using DevDbSeed.Tests.Support;
using static DevDbSeed.Tests.Support.Catalogs;

namespace DevDbSeed.Tests.Planning;

/// <summary>A refusal names, for tools, every column no rule classifies and every table or column the rules name that the source does not have.</summary>
public sealed class PlannerMismatchTests
{
    [Fact]
    public void Unclassified_and_stale_names_come_with_the_refusal_sorted_and_once_each()
    {
        var rules = Plans.Rules("""
            public.users:
              columns:
                id: keep
                nickname: keep
            public.gone: keep
            public.active_users: keep
            """);
        var tables = Catalogs.Catalog(Tbl("public.users", [Col("id", Int4), Col("email", Text)]), Tbl("public.orders", [Col("id", Int4), Col("note", Text)]));
        var catalog = tables with { Views = [Name("public.active_users")] };

        var refusal = Assert.Throws<RulesMismatchException>(() => Planner.Plan(rules, catalog));

        Assert.Equal(
        [
            new SchemaMismatch("public.gone", MismatchKind.Stale),
            new SchemaMismatch("public.orders.id", MismatchKind.Unclassified),
            new SchemaMismatch("public.orders.note", MismatchKind.Unclassified),
            new SchemaMismatch("public.users.email", MismatchKind.Unclassified),
            new SchemaMismatch("public.users.nickname", MismatchKind.Stale),
        ], refusal.Mismatches);
        Assert.Contains(refusal.Problems, p => p.StartsWith("public.active_users", StringComparison.Ordinal));
    }
}
