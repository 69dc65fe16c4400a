using DevDbSeed.Verification;

namespace DevDbSeed.Tests.Verification;

public sealed class NeedleIndexTests
{
    [Theory]
    [InlineData("Ann")]
    [InlineData("Ann Smith")]
    [InlineData("Hi Ann")]
    [InlineData("Hi Ann, welcome")]
    [InlineData("(Ann)")]
    [InlineData("\"Ann\"")]
    [InlineData("Ann's car")]
    [InlineData("Ann.")]
    [InlineData("-Ann-")]
    [InlineData("Ann\nSmith")]
    [InlineData("«Ann»")]
    [InlineData("😀Ann😀")]
    public void Finds_a_value_as_a_whole_word_at_the_start_the_end_and_next_to_punctuation(string text) =>
        Assert.Equal(["Ann"], Find(text, "Ann"));

    [Theory]
    [InlineData("Annual report")]
    [InlineData("Joann")]
    [InlineData("Hannah")]
    [InlineData("Ann1")]
    [InlineData("2Ann")]
    [InlineData("AnnÉ")]
    [InlineData("ÉAnn")]
    [InlineData("ann")]
    [InlineData("An")]
    [InlineData("")]
    public void Does_not_find_a_value_inside_a_word_or_in_another_case(string text) => Assert.Empty(Find(text, "Ann"));

    [Theory]
    [InlineData("call 5551234567 now", true)]
    [InlineData("5551234567", true)]
    [InlineData("+5551234567", true)]
    [InlineData("55512345678", false)]
    [InlineData("x5551234567", false)]
    [InlineData("phone:5551234567;", true)]
    public void Digits_are_word_characters_too(string text, bool found) =>
        Assert.Equal(found, Find(text, "5551234567").Count > 0);

    [Theory]
    [InlineData("mail: jane@example.com.", true)]
    [InlineData("<jane@example.com>", true)]
    [InlineData("jane@example.com", true)]
    [InlineData("xjane@example.com", false)]
    [InlineData("jane@example.community", false)]
    public void Values_with_punctuation_inside_match_as_a_whole(string text, bool found) =>
        Assert.Equal(found, Find(text, "jane@example.com").Count > 0);

    [Theory]
    [InlineData("Grüße an Zoë!", "Zoë", true)]
    [InlineData("Zoëlle", "Zoë", false)]
    [InlineData("Herr Müller kommt", "Müller", true)]
    [InlineData("Müllerstraße 5", "Müller", false)]
    [InlineData("w Łódź.", "Łódź", true)]
    [InlineData("「東京」へ", "東京", true)]
    [InlineData("東京都", "東京", false)]
    [InlineData("Москва, Россия", "Москва", true)]
    [InlineData("Москвариум", "Москва", false)]
    public void Non_ascii_letters_are_word_characters(string text, string needle, bool found) =>
        Assert.Equal(found, Find(text, needle).Count > 0);

    [Fact]
    public void Finds_overlapping_and_nested_values()
    {
        var found = Find("Ann Lee lives in New York", "Ann", "Ann Lee", "Lee", "New York", "York", "Lee lives");

        Assert.Equal(["Ann", "Ann Lee", "Lee", "Lee lives", "New York", "York"], found.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Reports_every_occurrence()
    {
        Assert.Equal(["ab ab", "ab ab"], Find("ab ab ab", "ab ab"));
        Assert.Equal(["Ann", "Ann"], Find("Ann and Ann", "Ann"));
    }

    [Fact]
    public void Values_sharing_a_prefix_are_told_apart_by_length()
    {
        var found = Find("John, Johnny and Jo met Joh", "Jo", "John", "Johnny", "Johann");

        Assert.Equal(["Jo", "John", "Johnny"], found.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void A_one_character_value_is_found_anywhere_in_the_text()
    {
        // verify.min_length may be 1, so one-character values can be needles.
        Assert.Equal(["A", "A"], Find("A, then A", "A"));
        Assert.Equal(["A"], Find("grade A.", "A"));
    }

    [Fact]
    public void One_character_values_and_longer_values_are_found_together()
    {
        Assert.Equal(["A", "Ann", "B", "Bo"], Find("A: Ann, B and Bo", "A", "Ann", "B", "Bo", "X").Order(StringComparer.Ordinal));
        Assert.Empty(Find("Anna Bob AB", "A", "B"));
    }

    [Fact]
    public void Knows_its_count_and_shortest_value()
    {
        var index = Index("Ann", "Johnny", "Jo");

        Assert.Equal(3, index.Count);
        Assert.Equal(2, index.MinLength);
        Assert.Equal(int.MaxValue, Index().MinLength);
        Assert.Empty(Find("anything at all"));
    }

    [Fact]
    public void Reports_the_stored_key()
    {
        var index = Index("Zoë");
        string? key = null;

        index.Find("Hi Zoë".AsSpan(), k => key = k);

        Assert.Same(index.Needles.Keys.Single(), key);
    }

    [Fact]
    public void Among_a_hundred_thousand_values_every_one_is_found_in_text_and_whole_and_no_near_miss_is()
    {
        var random = new Random(7);
        var needles = Enumerable.Range(0, 100_000).Select(i => $"{(char)('a' + random.Next(26))}{(char)('a' + random.Next(26))}x{i}{(char)('a' + (i % 26))}").ToArray();
        var index = Index(needles);
        var found = new HashSet<string>(StringComparer.Ordinal);

        index.Find(string.Join(", ", needles).AsSpan(), value => found.Add(value));

        Assert.Equal(needles.Length, found.Count);
        Assert.All(needles.Take(1000), n => Assert.True(index.TryGetWhole(n, out _)));
        Assert.All(needles.Take(1000), n => Assert.False(index.TryGetWhole(n[..^1] + "Z", out _)));
        Assert.Empty(Find(string.Join(" ", needles.Take(1000).Select(n => n[..^1] + "Z")), needles));
    }

    private static NeedleIndex Index(params string[] needles) => new(needles.ToDictionary(n => n, _ => new List<Origin>()));

    private static List<string> Find(string text, params string[] needles)
    {
        var found = new List<string>();
        Index(needles).Find(text.AsSpan(), found.Add);
        return found;
    }
}
