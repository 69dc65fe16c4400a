using DevDbSeed.Masking.Transformers;

namespace DevDbSeed.Tests.Masking.Transformers;

public sealed class JsonPathTests
{
    [Theory]
    [InlineData("email", "$.\"email\"")]
    [InlineData("contact.email", "$.\"contact\".\"email\"")]
    [InlineData("addresses[*].line1", "$.\"addresses\"[*].\"line1\"")]
    [InlineData("phones[1]", "$.\"phones\"[1]")]
    [InlineData("*.token", "$.*.\"token\"")]
    [InlineData("[*].email", "$[*].\"email\"")]
    [InlineData("$.[0].grid[1][0]", "$[0].\"grid\"[1][0]")]
    [InlineData("$.contact.email", "$.\"contact\".\"email\"")]
    [InlineData("say\"hi\".back\\slash", "$.\"say\\\"hi\\\"\".\"back\\\\slash\"")]
    [InlineData("home phone.Zoë", "$.\"home phone\".\"Zoë\"")]
    public void Converts_to_a_postgres_jsonpath(string path, string postgres) =>
        Assert.Equal(postgres, Path(path).ToPostgresPath());

    [Theory]
    [InlineData("contact.email", "contact.email", true)]
    [InlineData("contact.email", "contact.phone", false)]
    [InlineData("contact.email", "contact", false)]
    [InlineData("contact", "contact.email", false)]
    [InlineData("*.token", "github.token", true)]
    [InlineData("*.token", "token", false)]
    [InlineData("*.token", "[*].token", false)]
    [InlineData("addresses[*].line1", "addresses[*].line1", true)]
    [InlineData("addresses[0].line1", "addresses[*].line1", true)]
    [InlineData("addresses[*].line1", "addresses.line1", false)]
    [InlineData("addresses.line1", "addresses[*].line1", false)]
    [InlineData("phones[*]", "phones[*]", true)]
    [InlineData("phones[2]", "phones[*]", true)]
    [InlineData("[*].email", "[*].email", true)]
    [InlineData("*", "[*]", false)]
    [InlineData("*", "plan", true)]
    public void A_rule_path_covers_the_data_paths_it_reaches(string rule, string seen, bool covers) =>
        Assert.Equal(covers, Path(rule).Covers(Path(seen)));

    [Theory]
    [InlineData("contact.email", "contact|email", true)]
    [InlineData("contact.email", "contact|phone", false)]
    [InlineData("contact.email", "contact|email|x", false)]
    [InlineData("addresses[*].line1", "addresses|[*]|line1", true)]
    [InlineData("addresses[3].line1", "addresses|[*]|line1", true)]
    [InlineData("addresses[*].line1", "addresses|line1", false)]
    [InlineData("*.token", "gitlab|token", true)]
    [InlineData("*.token", "[*]|token", false)]
    [InlineData("tags[*]", "tags|[*]", true)]
    [InlineData("tags[*]", "tags|x", false)]
    public void A_rule_path_covers_member_steps_seen_in_data(string rule, string steps, bool covers) =>
        Assert.Equal(covers, Path(rule).Covers(steps.Split('|')));

    [Fact]
    public void Covers_agrees_for_both_forms_of_a_seen_path()
    {
        string[] rules = ["contact.email", "*.email", "a[*].b", "a[1].b", "a.*", "[*]", "*"];
        string[] seen = ["contact.email", "x.email", "a[*].b", "a.b", "a.c", "[*]", "a"];

        foreach (var rule in rules)
        {
            foreach (var path in seen)
            {
                var steps = path.Replace("[*]", ".[*]", StringComparison.Ordinal).Split('.', StringSplitOptions.RemoveEmptyEntries);
                Assert.True(Path(rule).Covers(Path(path)) == Path(rule).Covers(steps), $"{rule} over {path}");
            }
        }
    }

    private static JsonPath Path(string text) => JsonPath.TryParse(text) ?? throw new ArgumentException($"'{text}' is not a path", nameof(text));
}
