using DevDbSeed.Masking.Transformers;
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

    [Theory]
    [MemberData(nameof(LongForms))]
    public void A_rule_can_be_unique_exactly_when_its_kind_declares_so(string kind, string yaml)
    {
        var declared = RuleKinds.Find(kind)!;

        Assert.Equal(declared.CanBeUnique, Masks.Rule(yaml).CanBeUnique);
        Assert.Equal(kind, declared.Name);
    }

    [Fact]
    public void The_null_rule_declares_itself_outside_the_registry_and_cannot_be_unique()
    {
        Assert.Null(RuleKinds.Find("null"));
        Assert.False(NullRule.Declaration.CanBeUnique);
        Assert.Equal("null", Masks.Rule("~").Kind);
    }

    [Fact]
    public void Kinds_with_parameters_declare_them_with_their_ranges()
    {
        var hash = Assert.IsType<ParametersValue>(HashRule.Declaration.Value);
        var shift = Assert.IsType<ParametersValue>(ShiftRule.Declaration.Value);
        var noise = Assert.IsType<ParametersValue>(NoiseRule.Declaration.Value);

        Assert.Equal(["length", "alphabet"], hash.Names);
        Assert.Equal((1, 1024), hash.Find("length") is IntegerParameter p ? (p.Minimum, p.Maximum) : default);
        Assert.Equal("auto, hex, digits or alnum", hash.Find("alphabet")!.Values);
        Assert.Equal((1, 36_500, true), shift.Find("days") is IntegerParameter d ? (d.Minimum, d.Maximum, d.Required) : default);
        Assert.Equal("a number above 0, at most 10", noise.Find("ratio")!.Values);
        Assert.Equal(["keep_first", "keep_last", "with"], Assert.IsType<ParametersValue>(MaskRule.Declaration.Value).Names);
    }

    [Fact]
    public void Kinds_without_parameters_declare_the_shape_of_their_value()
    {
        Assert.Equal(RuleValue.Generator, FakeRule.Declaration.Value);
        Assert.IsType<TextValue>(TemplateRule.Declaration.Value);
        Assert.Equal(RuleValue.Constant, SetRule.Declaration.Value);
        Assert.Equal(RuleValue.RulesByPath, JsonRule.Declaration.Value);
        Assert.Equal(RuleValue.Rule, EachRule.Declaration.Value);
        Assert.Equal(["email", "phone", "ip", "card", "iban"], Assert.IsType<NamesValue>(ScrubRule.Declaration.Value).Names);
    }
}
