using DevDbSeed.Errors;
using DevDbSeed.Masking;
using DevDbSeed.Masking.Fakes;
using DevDbSeed.Masking.Transformers;
using DevDbSeed.Rules;
using DevDbSeed.Tests.Support;
using DevDbSeed.Yaml;

namespace DevDbSeed.Tests.Rules;

public sealed class RuleParserTests
{
    [Theory]
    [InlineData("keep")]
    [InlineData("\"keep\"")]
    public void Keep_parses_to_no_masking_rule(string yaml)
    {
        var file = YamlFile.Parse(yaml, "/virtual/rules.yaml", "rules.yaml");

        Assert.Null(new RuleParser(file, FakeCatalog.Default, "en").ParseColumnRule(file.Root!));
    }

    [Theory]
    [InlineData("null")]
    [InlineData("~")]
    [InlineData("Null")]
    [InlineData("{ set: null }")]
    [InlineData("{ set: ~ }")]
    public void Null_short_forms_parse_to_the_null_rule(string yaml)
    {
        Assert.IsType<NullRule>(Masks.Rule(yaml));
    }

    [Theory]
    [InlineData("{ set: null, unique: true }")]
    [InlineData("{ set: ~, unique: true }")]
    [InlineData("{ unique: true, set: }")]
    public void A_unique_null_set_is_rejected_with_its_location_like_any_unique_set(string yaml)
    {
        var constant = Assert.Throws<ConfigurationException>(() => Masks.Rule("{ set: x, unique: true }"));

        var error = Assert.Throws<ConfigurationException>(() => Masks.Rule(yaml));

        Assert.Equal(ExitCode.InvalidConfiguration, error.ExitCode);
        Assert.Equal(constant.Message, error.Message);
        Assert.Equal("rules.yaml:1:1: 'set' cannot keep values distinct, so it cannot be unique: use fake, template or hash", error.Message);
    }

    [Fact]
    public void A_null_set_that_is_not_unique_is_the_null_rule()
    {
        var rule = Assert.IsType<NullRule>(Masks.Rule("{ set: null, unique: false }"));

        Assert.False(rule.CanBeUnique);
    }

    [Theory]
    [InlineData("mask", "{ mask: {}, unique: true }")]
    [InlineData("set", "{ set: x, unique: true }")]
    [InlineData("json", "{ json: { a: internet.email }, unique: true }")]
    [InlineData("each", "{ each: internet.email, unique: true }")]
    [InlineData("scrub", "{ scrub: all, unique: true }")]
    public void Kinds_that_cannot_keep_values_distinct_reject_unique(string kind, string yaml)
    {
        var error = Assert.Throws<ConfigurationException>(() => Masks.Rule(yaml));

        Assert.StartsWith($"rules.yaml:1:1: '{kind}' cannot keep values distinct, so it cannot be unique", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_quoted_null_is_not_the_null_rule()
    {
        var error = Assert.Throws<ConfigurationException>(() => Masks.Rule("\"null\""));

        Assert.Contains("unknown generator 'null'", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("name.firstName")]
    [InlineData("internet.email")]
    [InlineData("address.city")]
    [InlineData("name.jobTitle")]
    [InlineData("random.uuid")]
    public void A_bare_generator_name_is_the_short_form_of_fake(string name)
    {
        var shortForm = Assert.IsType<FakeRule>(Masks.Rule(name));
        var longForm = Assert.IsType<FakeRule>(Masks.Rule($"{{ fake: {name} }}"));

        Assert.Equal(name, shortForm.Generator.Name);
        Assert.False(shortForm.ForcedUnique);
        Assert.Equal(longForm.Canonical(false), shortForm.Canonical(false));
        Assert.Equal("fake", shortForm.Kind);
    }

    [Fact]
    public void Fake_with_unique_is_forced_unique()
    {
        var rule = Assert.IsType<FakeRule>(Masks.Rule("{ fake: internet.email, unique: true }"));

        Assert.True(rule.ForcedUnique);
        Assert.NotEqual(rule.Canonical(true), rule.Canonical(false));
    }

    [Fact]
    public void Unique_false_is_not_forced()
    {
        Assert.False(Masks.Rule("{ fake: internet.email, unique: false }").ForcedUnique);
    }

    [Fact]
    public void Template_parses_its_generators_and_literals()
    {
        var rule = Assert.IsType<TemplateRule>(Masks.Rule("{ template: \"{{name.firstName}} {{ name.lastName }}!\", unique: true }"));

        Assert.True(rule.ForcedUnique);
        Assert.Equal("template", rule.Kind);
    }

    [Theory]
    [InlineData("{ template: \"{{name.firstName\" }", "without")]
    [InlineData("{ template: \"just text\" }", "holds no {{generator}}")]
    [InlineData("{ template: \"{{name.frist_name}}\" }", "did you mean name.firstName")]
    public void Bad_templates_are_errors(string yaml, string expected)
    {
        var error = Assert.Throws<ConfigurationException>(() => Masks.Rule(yaml));

        Assert.StartsWith("rules.yaml:1:", error.Message, StringComparison.Ordinal);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Mask_defaults_to_stars_keeping_nothing()
    {
        var rule = Masks.Rule("{ mask: ~ }");

        Assert.IsType<MaskRule>(rule);
        Assert.Equal("**-**-*", rule.CreateTransformer(Masks.Context()).Apply("ab-cd-e"));
    }

    [Fact]
    public void Mask_reads_keep_first_keep_last_and_with()
    {
        var rule = Assert.IsType<MaskRule>(Masks.Rule("{ mask: { keep_first: 1, keep_last: 2, with: \"#\" } }"));

        Assert.Equal("1##-##67", rule.CreateTransformer(Masks.Context()).Apply("123-4567"));
        Assert.False(rule.CanBeUnique);
        Assert.False(rule.IsKeyed);
    }

    [Theory]
    [InlineData("{ mask: { with: ab } }", "one character")]
    [InlineData("{ mask: { with: \"\" } }", "")]
    [InlineData("{ mask: { keep_last: -1 } }", "whole number")]
    [InlineData("{ mask: { keep_first: two } }", "whole number")]
    [InlineData("{ hash: { length: 0 } }", "whole number from 1")]
    [InlineData("{ hash: { length: 2000 } }", "whole number")]
    [InlineData("{ hash: { alphabet: base64 } }", "alphabet must be")]
    [InlineData("{ shift: { days: 0 } }", "whole number from 1")]
    [InlineData("{ shift: ~ }", "shift needs days")]
    [InlineData("{ shift: {} }", "shift needs days")]
    [InlineData("{ noise: { ratio: 0 } }", "above 0")]
    [InlineData("{ noise: { ratio: abc } }", "must be a number")]
    [InlineData("{ noise: { ratio: -0.1 } }", "must be a number")]
    [InlineData("{ noise: {} }", "noise needs ratio, a number above 0, at most 10")]
    [InlineData("{ noise: ~ }", "noise needs ratio")]
    [InlineData("{ mask: { keep_first: 1001 } }", "keep_first must be a whole number from 0 to 1000")]
    [InlineData("{ mask: { keep_lats: 2 } }", "unknown key 'keep_lats' in 'mask'; did you mean keep_last?")]
    [InlineData("{ hash: { alphabet: digit } }", "alphabet must be auto, hex, digits or alnum ('digit' found); did you mean digits")]
    [InlineData("{ shift: { days: 30, weeks: 1 } }", "unknown key 'weeks' in 'shift'")]
    [InlineData("{ fake: internet.email, unique: maybe }", "true or false")]
    [InlineData("{ fake: [a, b] }", "single value")]
    [InlineData("{ set: [a, b] }", "single value")]
    [InlineData("{ json: {} }", "json names no path")]
    [InlineData("{ json: internet.email }", "must be a mapping")]
    [InlineData("{ each: keep }", "'keep' cannot be used here")]
    [InlineData("{ json: { a: keep } }", "'keep' cannot be used here")]
    [InlineData("{ fake: internet.email, hash: {} }", "has one kind")]
    [InlineData("{ unique: true }", "names no kind")]
    [InlineData("[internet.email]", "must be a mapping")]
    public void Bad_parameters_are_errors_at_their_position(string yaml, string expected)
    {
        var error = Assert.Throws<ConfigurationException>(() => Masks.Rule(yaml));

        Assert.Equal(ExitCode.InvalidConfiguration, error.ExitCode);
        Assert.Matches(@"^rules\.yaml:1:\d+: ", error.Message);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Hash_reads_length_and_alphabet()
    {
        var rule = Assert.IsType<HashRule>(Masks.Rule("{ hash: { length: 12, alphabet: digits } }"));

        var hashed = rule.CreateTransformer(Masks.Context()).Apply("anything at all");

        Assert.Matches("^[0-9]{12}$", hashed);
    }

    [Theory]
    [InlineData("{ hash: {} }")]
    [InlineData("{ hash: ~ }")]
    [InlineData("{ hash: { alphabet: auto } }")]
    public void Hash_parameters_are_optional(string yaml)
    {
        Assert.IsType<HashRule>(Masks.Rule(yaml));
    }

    [Fact]
    public void Json_reads_each_path_with_its_own_rule()
    {
        var rule = Assert.IsType<JsonRule>(Masks.Rule("{ json: { contact.email: internet.email, \"tags[*]\": { hash: {} }, secret: null, \"$.a.b[2]\": { set: x } } }"));

        Assert.Collection(
            rule.Members,
            m => Assert.IsType<FakeRule>(m.Rule),
            m => Assert.IsType<HashRule>(m.Rule),
            m => Assert.IsType<NullRule>(m.Rule),
            m => Assert.IsType<SetRule>(m.Rule));
    }

    [Fact]
    public void Each_wraps_any_masking_rule()
    {
        var rule = Assert.IsType<EachRule>(Masks.Rule("{ each: { mask: { keep_last: 1 } } }"));

        Assert.IsType<MaskRule>(rule.Element);
        Assert.False(rule.IsKeyed);
    }

    [Fact]
    public void Canonical_text_differs_when_parameters_differ()
    {
        string[] rules =
        [
            "internet.email", "name.firstName", "{ fake: internet.email, unique: true }", "{ hash: {} }", "{ hash: { length: 8 } }",
            "{ hash: { alphabet: hex } }", "{ mask: {} }", "{ mask: { keep_last: 2 } }", "{ shift: { days: 3 } }", "{ shift: { days: 4 } }",
            "{ noise: { ratio: 0.1 } }", "{ noise: { ratio: 0.2 } }", "{ set: a }", "{ set: b }", "{ template: \"{{name.firstName}}\" }",
            "{ json: { a: internet.email } }", "{ each: internet.email }", "null",
        ];

        var canonical = rules.Select(r => Masks.Rule(r)).Select(r => r.Canonical(r.ForcedUnique)).ToList();

        Assert.Equal(canonical.Count, canonical.Distinct().Count());
    }

    [Fact]
    public void Canonical_text_of_a_fake_includes_its_locale()
    {
        Assert.NotEqual(Masks.Rule("name.firstName", "en").Canonical(false), Masks.Rule("name.firstName", "de").Canonical(false));
    }

    [Fact]
    public void Every_rule_records_where_it_was_written()
    {
        var file = YamlFile.Parse("a: keep\nb:   { hash: {} }\n", "/virtual/rules.yaml", "rules.yaml");
        var parser = new RuleParser(file, FakeCatalog.Default, "en");
        var value = ((YamlDotNet.RepresentationModel.YamlMappingNode)file.Root!).Children.Values.Last();

        Assert.Equal(new SourceLocation("rules.yaml", 2, 6), parser.ParseColumnRule(value)!.Location);
    }

    [Fact]
    public void Masking_rules_render_as_their_description()
    {
        MaskingRule rule = Masks.Rule("{ fake: internet.email, unique: true }");

        Assert.Equal("fake internet.email (unique)", rule.ToString());
    }
}
