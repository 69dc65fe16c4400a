using System.Text;
using DevDbSeed.Catalog;
using DevDbSeed.Copying;
using DevDbSeed.Masking;
using DevDbSeed.Planning;
using DevDbSeed.Tests.Support;
using static DevDbSeed.Tests.Support.Catalogs;

namespace DevDbSeed.Tests.Copying;

/// <summary>The fingerprints the copy takes of unique masked values, which spare the check after the load a read of the new database.</summary>
public sealed class CopiedFingerprintsTests
{
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Every_value_written_is_fingerprinted_once_and_null_is_not(bool memoise)
    {
        var prints = new ColumnFingerprints();
        var masker = new ColumnMasker(Masks.Transformer("internet.email"), ColumnType.Text, memoise, prints);

        foreach (var field in new[] { "a@x.example", "\\N", "b@x.example", "a@x.example" })
        {
            masker.Mask(Encoding.UTF8.GetBytes(field), new Utf8Builder());
        }

        Assert.Equal(0, prints.Count); // held by the masker until the slice is complete
        masker.Complete();
        Assert.Equal(3, prints.Count);
        Assert.True(prints.MayHoldDuplicates()); // the same original twice: the same fake twice
    }

    [Fact]
    public void Distinct_fakes_of_many_slices_show_no_duplicate_and_one_collision_shows()
    {
        var prints = new ColumnFingerprints();
        for (var slice = 0; slice < 3; slice++)
        {
            var masker = new ColumnMasker(Masks.Transformer("{ hash: { length: 16, alphabet: hex } }"), ColumnType.Text, memoise: true, prints);
            for (var i = 0; i < 5000; i++)
            {
                masker.Mask(Encoding.UTF8.GetBytes($"user{slice}-{i}@x.example"), new Utf8Builder());
            }

            masker.Complete();
        }

        Assert.Equal(15_000, prints.Count);
        Assert.False(prints.MayHoldDuplicates());
        prints.Add([ColumnFingerprints.Of(Encoding.UTF8.GetBytes(Masks.Transformer("{ hash: { length: 16, alphabet: hex } }").Apply("user2-4999@x.example")!))]);
        Assert.True(prints.MayHoldDuplicates());
    }

    [Fact]
    public void Only_checked_unique_columns_of_a_byte_compared_key_without_keep_rows_are_fingerprinted()
    {
        var bytes = new UniqueKeyInfo("email_key", ["email"], IsPartial: false, IsExpression: false, ComparesBytes: true);
        var caseless = new UniqueKeyInfo("email_key", ["email"], IsPartial: false, IsExpression: false, ComparesBytes: false);
        var plan = Planner.Plan(Plans.Rules("""
            public.users:
              columns:
                id: keep
                email: internet.email
                nick: { fake: internet.userName, unique: true }
            public.staff:
              keep_rows: "id <= 3"
              columns:
                id: keep
                email: internet.email
            public.members:
              columns:
                id: keep
                email: internet.email
            """), Catalogs.Catalog(
            Tbl("public.users", [Col("id", Int4, notNull: true), Col("email", Text), Col("nick", Text)], unique: [Key("id"), bytes]),
            Tbl("public.staff", [Col("id", Int4, notNull: true), Col("email", Text)], unique: [Key("id"), bytes]),
            Tbl("public.members", [Col("id", Int4, notNull: true), Col("email", Text)], unique: [Key("id"), caseless])));

        var fingerprints = CopiedFingerprints.For(plan);

        Assert.True(plan.RuleTable(Name("public.users")).Column("nick").Uniqueness!.Checked);
        Assert.NotNull(fingerprints.Of(Name("public.users"), "email"));
        Assert.Null(fingerprints.Of(Name("public.users"), "nick")); // unique in the rules only: its originals may repeat
        Assert.Null(fingerprints.Of(Name("public.users"), "id"));
        Assert.Null(fingerprints.Of(Name("public.staff"), "email")); // kept rows are not masked
        Assert.Null(fingerprints.Of(Name("public.members"), "email")); // equal values may differ in bytes
    }

    [Theory]
    [InlineData(1_000_000)]
    [InlineData(50_000_000)]
    [InlineData(0)] // never analysed: its size is unknown
    public void A_table_of_any_size_is_fingerprinted(long rows)
    {
        var plan = Planner.Plan(Plans.Rules("""
            public.users:
              columns:
                id: keep
                email: internet.email
            """), Catalogs.Catalog(
            Tbl("public.users", [Col("id", Int4, notNull: true), Col("email", Text)],
                unique: [Key("id"), new UniqueKeyInfo("email_key", ["email"], IsPartial: false, IsExpression: false, ComparesBytes: true)], rows: rows)));

        using var fingerprints = CopiedFingerprints.For(plan);

        Assert.NotNull(fingerprints.Of(Name("public.users"), "email"));
    }

    [Fact]
    public void Fingerprints_beyond_the_memory_held_go_to_disk_and_a_duplicate_is_found_wherever_its_twin_is()
    {
        const int inMemory = 1000;
        var distinct = Enumerable.Range(0, 25_500).Select(i => ColumnFingerprints.Of(Encoding.UTF8.GetBytes($"user{i}@x.example"))).ToArray();
        foreach (var (first, second) in new[] { (3, 24_900), (10, 20), (12_000, 12_001), (25_400, 25_401), (-1, -1) })
        {
            using var prints = new ColumnFingerprints(distinct.Length, inMemory);
            var added = distinct.ToList();
            if (first >= 0)
            {
                added.Insert(second, distinct[first]); // spilled with it, in another segment of its partition, or held
            }

            foreach (var batch in added.Chunk(ColumnFingerprints.BatchSize / 8))
            {
                prints.Add(batch);
            }

            Assert.True(prints.Spilled);
            Assert.Equal(added.Count, prints.Count);
            Assert.Equal(first >= 0, prints.MayHoldDuplicates());
        }
    }
}
