using DevDbSeed.Rules;
using DevDbSeed.Tests.Support;

namespace DevDbSeed.Tests.Rules;

public sealed class RuleKindsTests
{
    public static TheoryData<string, string> LongForms => new()
    {
        { "fake", "{ fake: internet.email }" },
        { "template", "{ template: \"{{name.firstName}}\" }" },
        { "mask", "{ mask: {} }" },
        { "hash", "{ hash: {} }" },
        { "shift", "{ shift: { days: 1 } }" },
        { "noise", "{ noise: { ratio: 0.5 } }" },
        { "set", "{ set: x }" },
        { "json", "{ json: { a: internet.email } }" },
        { "each", "{ each: internet.email }" },
        { "scrub", "{ scrub: [email, phone] }" },
    };

    [Fact]
    public void The_registry_names_every_rule_kind_of_the_rules_format()
    {
        Assert.Equal(["each", "fake", "hash", "json", "mask", "noise", "scrub", "set", "shift", "template"], RuleKinds.Names.Order(StringComparer.Ordinal));
    }

    [Theory]
    [MemberData(nameof(LongForms))]
    public void Every_registered_kind_parses_its_long_form_into_a_rule_of_that_kind(string kind, string yaml)
    {
        Assert.Equal(kind, Masks.Rule(yaml).Kind);
    }

    [Fact]
    public void Every_registered_kind_has_a_long_form_test()
    {
        Assert.Equal(RuleKinds.Names.Order(StringComparer.Ordinal), LongForms.Select(row => (string)row[0]).Order(StringComparer.Ordinal));
    }
}
