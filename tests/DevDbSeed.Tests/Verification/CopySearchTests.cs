using System.Collections.Concurrent;
using System.Text;
using DevDbSeed.Catalog;
using DevDbSeed.Planning;
using DevDbSeed.Tests.Support;
using DevDbSeed.Verification;
using static DevDbSeed.Tests.Support.Catalogs;

namespace DevDbSeed.Tests.Verification;

/// <summary>The verification's search of a new database, made on the copy's masked text as it is written.</summary>
public sealed class CopySearchTests
{
    private static readonly PipelinePlan Plan = Planner.Plan(Plans.Rules("""
        public.users:
          columns:
            id: keep
            email: { hash: { length: 16 } }
            note: keep
            card: { mask: { keep_last: 4 } }
        """), Catalogs.Catalog(Tbl("public.users", [Col("id", Int4, notNull: true), Col("email", Text), Col("note", Text), Col("card", new ColumnType("character(16)", TypeCategory.FixedChar, MaxLength: 16))],
        unique: [Key("id")])));

    [Fact]
    public void A_new_databases_masked_text_is_searched_in_the_copy_and_what_may_be_stored_in_another_form_is_left_to_the_verification()
    {
        var inNew = new CopySearch(VerificationPlan.For(Plan, VerifyScope.NewDatabase), Task.FromResult(new Dictionary<string, List<Origin>>()));
        var inExisting = new CopySearch(VerificationPlan.For(Plan, VerifyScope.ExistingDatabase), Task.FromResult(new Dictionary<string, List<Origin>>()));

        Assert.Equal(["card"], inNew.Rest.Single().Columns.Select(c => c.Column.Column.Name)); // stored padded to its length
        Assert.Equal(["email", "note", "card"], inExisting.Rest.Single().Columns.Select(c => c.Column.Column.Name));
    }

    [Fact]
    public async Task An_original_written_to_a_searched_column_is_found_under_its_table_and_forgotten_when_the_table_is_copied_again()
    {
        var search = new CopySearch(VerificationPlan.For(Plan, VerifyScope.NewDatabase),
            Task.FromResult(new Dictionary<string, List<Origin>>(StringComparer.Ordinal) { ["ann@mail.example"] = [] }));
        var users = Plan.Tables.Single();
        var slice = await search.ForAsync(users, CancellationToken.None);

        Assert.NotNull(slice);
        slice.Field(1, Encoding.UTF8.GetBytes("3f9a0c1d2e4b5a69"));
        slice.Field(2, Encoding.UTF8.GetBytes("ann@mail.example")); // a kept column: not searched
        slice.Field(1, Encoding.UTF8.GetBytes("ann@mail.example"));
        slice.Complete(2);

        var found = Found(search);
        Assert.Equal(["ann@mail.example"], found[(users.RuleName, "email")].Keys);
        Assert.Single(found);
        Assert.Equal(2, search.Rows);

        search.Forget([users]);
        Assert.Empty(Found(search));
        Assert.Equal(0, search.Rows);
    }

    private static ConcurrentDictionary<(QualifiedName Table, string Column), ConcurrentDictionary<string, bool>> Found(CopySearch search)
    {
        var found = new ConcurrentDictionary<(QualifiedName Table, string Column), ConcurrentDictionary<string, bool>>();
        search.AddFoundTo(found);
        return found;
    }
}
