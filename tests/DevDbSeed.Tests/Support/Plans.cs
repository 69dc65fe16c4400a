using DevDbSeed.Catalog;
using DevDbSeed.Planning;
using DevDbSeed.Rules;
using static DevDbSeed.Tests.Support.Catalogs;

namespace DevDbSeed.Tests.Support;

/// <summary>Plans built from rules text and hand-made catalogs, the way a run builds them from the source.</summary>
internal static class Plans
{
    /// <summary>
    /// The planner's shop: users with a unique fake, a short unique hash, a unique shifted date and a constant; orders
    /// whose customer_email follows users.email; tags kept as they are; events partitioned in two.
    /// </summary>
    public static PipelinePlan Shop() => Planner.Plan(Rules("""
        public.users:
          columns:
            id: keep
            email: { fake: internet.email }
            code: { hash: { length: 6, alphabet: digits } }
            born: { shift: { days: 5 } }
            status: { set: active }
        public.orders:
          columns:
            id: keep
        public.tags:
          columns:
            label: keep
        public.events:
          columns:
            id: keep
            email: internet.email

        """), Catalogs.Catalog(
        Tbl("public.users", [Col("id", Int4, notNull: true), Col("email", Varchar(100), notNull: true), Col("code", Text), Col("born", Date), Col("status", Text)],
            unique: [Key("id"), Key("email"), Key("code"), Key("born")], rows: 500),
        Tbl("public.orders", [Col("id", Int4, notNull: true), Col("customer_email", Varchar(100))],
            unique: [Key("id")], fks: [Fk(["customer_email"], "public.users", ["email"])], rows: 900),
        Tbl("public.tags", [Col("label", Text)], rows: 5),
        Tbl("public.events", [Col("id", Int4), Col("email", Text)], kind: TableKind.Partitioned, rows: 0),
        Tbl("public.events_2024", [Col("id", Int4), Col("email", Text)], kind: TableKind.Partition, root: "public.events", rows: 300),
        Tbl("public.events_2025", [Col("id", Int4), Col("email", Text)], kind: TableKind.Partition, root: "public.events", rows: 400)));

    /// <summary>Rules of one file, <c>rules.yaml</c>, from the entries under <c>tables:</c> (written without their indentation).</summary>
    public static RuleSet Rules(string tables) =>
        RulesLoader.Parse("version: 1\ntables:\n" + string.Join("\n", tables.Split('\n').Select(l => l.Length == 0 ? l : "  " + l)), "rules.yaml");
}
