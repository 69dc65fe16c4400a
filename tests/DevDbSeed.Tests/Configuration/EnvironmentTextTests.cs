using DevDbSeed.Configuration;
using DevDbSeed.Errors;

namespace DevDbSeed.Tests.Configuration;

public sealed class EnvironmentTextTests
{
    private static readonly SourceLocation At = new("pipelines/nightly.yaml", 2, 9);

    private static readonly Dictionary<string, string> Environment = new(StringComparer.Ordinal)
    {
        ["PROD_URL"] = "postgresql://prod/app",
        ["USER_NAME"] = "alice",
        ["PASS_1"] = "s3cret",
        ["EMPTY"] = string.Empty,
    };

    [Theory]
    [InlineData("${PROD_URL}", "postgresql://prod/app")]
    [InlineData("postgresql://${USER_NAME}:${PASS_1}@host/db", "postgresql://alice:s3cret@host/db")]
    [InlineData("no references", "no references")]
    [InlineData("$PROD_URL stays literal", "$PROD_URL stays literal")]
    [InlineData("cost: $5", "cost: $5")]
    [InlineData("", "")]
    [InlineData("${EMPTY}", "")]
    public void Expands_references_from_the_environment(string raw, string expected)
    {
        Assert.Equal(expected, new EnvironmentText(raw, At).Expand(Lookup));
    }

    [Theory]
    [InlineData("${MISSING:-postgresql://localhost/dev}", "postgresql://localhost/dev")]
    [InlineData("${MISSING:-}", "")]
    [InlineData("${EMPTY:-fallback}", "fallback")]
    [InlineData("${PROD_URL:-unused}", "postgresql://prod/app")]
    [InlineData("a${MISSING:-b}c", "abc")]
    public void A_default_applies_when_the_variable_is_unset_or_empty(string raw, string expected)
    {
        Assert.Equal(expected, new EnvironmentText(raw, At).Expand(Lookup));
    }

    [Fact]
    public void A_missing_variable_is_an_error_naming_it_and_where_it_is_used()
    {
        var error = Assert.Throws<ConfigurationException>(() => new EnvironmentText("postgresql://${USER_NAME}@${DB_HOST}/db", At).Expand(Lookup));

        Assert.Equal(ExitCode.InvalidConfiguration, error.ExitCode);
        Assert.StartsWith("pipelines/nightly.yaml:2:9: ", error.Message, StringComparison.Ordinal);
        Assert.Contains("DB_HOST", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TryExpand_reports_the_first_missing_variable()
    {
        var ok = new EnvironmentText("${A_MISSING}${B_MISSING}", At).TryExpand(Lookup, out _, out var missing);

        Assert.False(ok);
        Assert.Equal("A_MISSING", missing);
    }

    [Theory]
    [InlineData("${UNCLOSED")]
    [InlineData("${}")]
    [InlineData("${BAD-NAME}")]
    [InlineData("${:-x}")]
    public void Malformed_references_are_errors(string raw)
    {
        var error = Assert.Throws<ConfigurationException>(() => new EnvironmentText(raw, At).Expand(Lookup));

        Assert.StartsWith("pipelines/nightly.yaml:2:9: ", error.Message, StringComparison.Ordinal);
    }

    private static string? Lookup(string name) => Environment.GetValueOrDefault(name);
}
