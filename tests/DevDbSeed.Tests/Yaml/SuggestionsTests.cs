using DevDbSeed.Yaml;

namespace DevDbSeed.Tests.Yaml;

public sealed class SuggestionsTests
{
    private static readonly string[] Keys = ["source", "target", "rules", "secret", "jobs", "terminate_connections", "keep_owners", "keep_privileges", "pg_bin"];

    [Theory]
    [InlineData("rule", "rules")]
    [InlineData("sercet", "secret")]
    [InlineData("Jobs", "jobs")]
    [InlineData("keep-owners", "keep_owners")]
    [InlineData("terminateconnections", "terminate_connections")]
    [InlineData("pgbin", "pg_bin")]
    public void The_closest_name_comes_first_ignoring_case_and_separators(string input, string expected)
    {
        Assert.Equal(expected, Suggestions.Closest(input, Keys)[0]);
    }

    [Fact]
    public void At_most_three_names_are_suggested_closest_first()
    {
        var closest = Suggestions.Closest("ab", ["abc", "abd", "abe", "abf", "xyz", "ab_"]);

        Assert.Equal(3, closest.Count);
        Assert.Equal("ab_", closest[0]);
    }

    [Fact]
    public void Far_names_are_not_suggested()
    {
        Assert.Empty(Suggestions.Closest("completely_different", Keys));
        Assert.Equal(string.Empty, Suggestions.DidYouMean("completely_different", Keys));
    }

    [Fact]
    public void Did_you_mean_lists_the_suggestions()
    {
        Assert.Equal("; did you mean rules?", Suggestions.DidYouMean("rulez", Keys));
    }
}
