using DevDbSeed.Tests.Support;

namespace DevDbSeed.Tests.Masking;

/// <summary>What verification may excuse as chance: a rule giving an original back, or an output equal to another original.</summary>
public sealed class ChanceTests
{
    [Theory]
    [InlineData("name.firstName", false, true)]
    [InlineData("name.firstName", true, false)]
    [InlineData("{ template: \"{{name.lastName}}\" }", false, true)]
    [InlineData("{ set: unknown }", false, true)]
    [InlineData("{ noise: { ratio: 0.1 } }", false, true)]
    [InlineData("{ each: name.firstName }", false, true)]
    [InlineData("{ each: { hash: {} } }", false, false)]
    [InlineData("{ json: { a: name.firstName } }", false, true)]
    [InlineData("{ json: { a: { hash: {} } } }", false, false)]
    [InlineData("{ hash: {} }", false, false)]
    [InlineData("{ mask: { keep_last: 4 } }", false, false)]
    [InlineData("{ shift: { days: 30 } }", false, false)]
    [InlineData("{ scrub: [email] }", false, false)]
    public void A_rule_may_give_an_original_back_by_chance_only_when_it_picks_from_a_list_or_rounds(string rule, bool unique, bool expected)
    {
        Assert.Equal(expected, Masks.Rule(rule).MayKeepByChance(unique));
    }

    [Theory]
    [InlineData("name.firstName", false, true)]
    [InlineData("name.firstName", true, false)]
    [InlineData("{ template: \"{{name.lastName}}\" }", true, false)]
    [InlineData("{ shift: { days: 30 } }", false, true)]
    [InlineData("{ set: unknown }", false, true)]
    [InlineData("{ hash: {} }", false, false)]
    [InlineData("{ mask: { keep_last: 4 } }", false, false)]
    [InlineData("{ set: null }", false, false)]
    public void Only_outputs_of_hashes_masks_and_unique_fakes_can_never_equal_another_original(string rule, bool unique, bool expected)
    {
        Assert.Equal(expected, Masks.Rule(rule).MayEqualAnotherOriginal(unique));
    }
}
