using DevDbSeed.Catalog;
using DevDbSeed.Masking;
using DevDbSeed.Tests.Support;

namespace DevDbSeed.Tests.Masking.Transformers;

public sealed class HashRuleTests
{
    private const string Hash = "{ hash: {} }";

    [Theory]
    [InlineData("123456789", "^[0-9]{9}$")]
    [InlineData("0042", "^[0-9]{4}$")]
    [InlineData("deadbeef0042", "^[0-9a-f]{12}$")]
    [InlineData("DEADBEEF0042", "^[0-9A-F]{12}$")]
    [InlineData("Hello World", "^[0-9a-z]{11}$")]
    [InlineData("DeadBeef", "^[0-9a-z]{8}$")]
    [InlineData("AB-12-CD", "^[0-9a-z]{8}$")]
    public void Keeps_the_alphabet_and_length_of_the_original(string original, string pattern)
    {
        Assert.Matches(pattern, Masks.Transformer(Hash).Apply(original));
    }

    [Fact]
    public void Digits_stay_digits_for_many_values()
    {
        var transformer = Masks.Transformer(Hash);

        for (var i = 0; i < 2000; i++)
        {
            var original = (1_000_000_000L + (i * 7919L)).ToString(System.Globalization.CultureInfo.InvariantCulture);
            Assert.Matches("^[0-9]{10}$", transformer.Apply(original));
        }
    }

    [Theory]
    [InlineData("a", 4)]
    [InlineData("12", 4)]
    [InlineData("abcd", 4)]
    [InlineData("Zoë", 4)]
    [InlineData("Zoë Łukasz", 10)]
    public void Default_length_is_the_original_length_in_characters_clamped_to_4_at_least(string original, int expected)
    {
        Assert.Equal(expected, Masks.Transformer(Hash).Apply(original)!.Length);
    }

    [Fact]
    public void Default_length_is_clamped_to_128_at_most()
    {
        Assert.Equal(128, Masks.Transformer(Hash).Apply(new string('x', 500))!.Length);
        Assert.Equal(100, Masks.Transformer(Hash).Apply(new string('7', 100))!.Length);
    }

    [Theory]
    [InlineData("{ hash: { length: 12 } }", "x", "^[0-9a-z]{12}$")]
    [InlineData("{ hash: { length: 12 } }", "123", "^[0-9]{12}$")]
    [InlineData("{ hash: { length: 6, alphabet: digits } }", "abcdefghij", "^[0-9]{6}$")]
    [InlineData("{ hash: { length: 20, alphabet: hex } }", "Hello", "^[0-9a-f]{20}$")]
    [InlineData("{ hash: { alphabet: alnum } }", "123456", "^[0-9a-z]{6}$")]
    [InlineData("{ hash: { length: 300 } }", "x", "^[0-9a-z]{300}$")]
    public void Explicit_length_and_alphabet_are_respected(string rule, string original, string pattern)
    {
        Assert.Matches(pattern, Masks.Transformer(rule).Apply(original));
    }

    [Fact]
    public void Output_is_cut_to_the_column_length()
    {
        Assert.Equal(5, Masks.Transformer("{ hash: { length: 12 } }", maxLength: 5).Apply("anything")!.Length);
        Assert.Equal(3, Masks.Transformer(Hash, maxLength: 3).Apply("anything")!.Length);
    }

    [Fact]
    public void Empty_string_stays_empty()
    {
        Assert.Equal(string.Empty, Masks.Transformer(Hash).Apply(string.Empty));
        Assert.Equal(string.Empty, Masks.Transformer("{ hash: { length: 8 } }").Apply(string.Empty));
    }

    [Fact]
    public void Is_deterministic_across_instances_and_changes_with_the_secret()
    {
        var a = Masks.Transformer(Hash);
        var b = Masks.Transformer(Hash);
        var other = Masks.Transformer(Hash, secret: "another secret");
        var originals = Enumerable.Range(0, 500).Select(i => $"national-id-{i:D6}").ToList();

        Assert.Equal(originals.Select(a.Apply), originals.Select(b.Apply));
        Assert.True(originals.Count(o => a.Apply(o) != other.Apply(o)) >= 495);
    }

    [Fact]
    public void Distinct_values_of_realistic_length_get_distinct_hashes()
    {
        var transformer = Masks.Transformer("{ hash: { length: 12 } }");

        var hashes = Enumerable.Range(0, 20_000).Select(i => transformer.Apply($"SSN-{i:D9}")).Distinct().Count();

        Assert.Equal(20_000, hashes);
    }

    [Fact]
    public void The_hash_does_not_contain_the_original()
    {
        var transformer = Masks.Transformer(Hash);

        var unchanged = Enumerable.Range(0, 1000).Count(i => transformer.Apply($"{i:D8}") == $"{i:D8}");

        Assert.Equal(0, unchanged);
    }

    [Fact]
    public void Fit_check_rejects_a_length_longer_than_the_column_and_non_text()
    {
        var problems = new List<string>();

        Masks.Rule("{ hash: { length: 12 } }").CheckFits(new ColumnFit("t.short", new ColumnType("character varying(8)", TypeCategory.Text, 8), 8, false, false, 1), problems);
        Masks.Rule(Hash).CheckFits(new ColumnFit("t.number", new ColumnType("bigint", TypeCategory.Integer, Precision: 8), null, false, false, 1), problems);
        Masks.Rule("{ hash: { length: 4, alphabet: digits } }").CheckFits(new ColumnFit("t.unique", ColumnType.Text, null, false, true, 1_000_000), problems);

        Assert.Equal(3, problems.Count);
    }

    [Theory]
    [InlineData("{ hash: { length: 6, alphabet: digits } }")]
    [InlineData("{ hash: { length: 6 } }")]
    public void A_unique_six_digit_hash_for_a_million_rows_is_refused(string rule)
    {
        var problems = new List<string>();

        Masks.Rule(rule).CheckFits(new ColumnFit("t.code", ColumnType.Text, null, false, true, 1_000_000), problems);

        Assert.Contains("hash length 6 is too short to give about 1000000 rows distinct values", Assert.Single(problems), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("auto", 6, 62_500)]
    [InlineData("digits", 6, 62_500)]
    [InlineData("digits", 8, 6_250_000)]
    [InlineData("hex", 6, 1_048_576)]
    [InlineData("hex", 3, 256)]
    [InlineData("alnum", 5, 3_779_136)]
    [InlineData("alnum", 3, 2_916)]
    public void The_fit_check_and_the_unique_bits_agree_on_the_last_row_count_a_unique_hash_separates(string alphabet, int length, long lastRows)
    {
        var rule = Masks.Rule($"{{ hash: {{ length: {length}, alphabet: {alphabet} }} }}");
        var bits = rule.UniqueBits(new ColumnFit("t.code", ColumnType.Text, null, false, true, lastRows));

        foreach (var rows in new[] { lastRows - 1, lastRows, lastRows + 1, lastRows * 2 })
        {
            var problems = new List<string>();
            rule.CheckFits(new ColumnFit("t.code", ColumnType.Text, null, false, true, rows), problems);

            Assert.Equal(rows <= lastRows, problems.Count == 0);
            Assert.Equal(rows <= lastRows, CollisionBounds.BitsAreEnoughFor(bits, rows));
        }
    }
}
