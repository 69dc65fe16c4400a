using System.Text;
using DevDbSeed.Masking;
using DevDbSeed.Tests.Support;

namespace DevDbSeed.Tests.Masking;

public sealed class UniqueOverridesTests
{
    [Fact]
    public void A_repaired_original_gets_another_fake_and_the_others_keep_theirs()
    {
        var rule = Masks.Rule("internet.email");
        var overrides = UniqueOverrides.None.With(rule.Canonical(true), "jane@corp.example", 1);
        var plain = rule.CreateTransformer(Masks.Context(unique: true));
        var repaired = rule.CreateTransformer(Masks.Context(unique: true) with { Overrides = overrides });

        Assert.NotEqual(plain.Apply("jane@corp.example"), repaired.Apply("jane@corp.example"));
        Assert.Equal(plain.Apply("john@corp.example"), repaired.Apply("john@corp.example"));
        Assert.Equal(repaired.Apply("jane@corp.example"), rule.CreateTransformer(Masks.Context(unique: true) with { Overrides = overrides }).Apply("jane@corp.example"));
    }

    [Fact]
    public void Repairs_apply_only_to_their_own_mapping()
    {
        var overrides = UniqueOverrides.None.With("some other rule", "jane@corp.example", 3);
        var rule = Masks.Rule("internet.email");

        Assert.Equal(
            rule.CreateTransformer(Masks.Context(unique: true)).Apply("jane@corp.example"),
            rule.CreateTransformer(Masks.Context(unique: true) with { Overrides = overrides }).Apply("jane@corp.example"));
    }

    [Fact]
    public void Counts_and_reports_attempts()
    {
        Assert.True(UniqueOverrides.None.IsEmpty);

        var overrides = UniqueOverrides.None.With("a", "x", 1).With("a", "y", 2).With("b", "x", 1);

        Assert.False(overrides.IsEmpty);
        Assert.Equal(3, overrides.Count);
        Assert.Equal(2, UniqueOverrides.AttemptOf(overrides.For("a"), Encoding.UTF8.GetBytes("y")));
        Assert.Equal(0, UniqueOverrides.AttemptOf(overrides.For("a"), Encoding.UTF8.GetBytes("z")));
        Assert.Equal(0, UniqueOverrides.AttemptOf(null, Encoding.UTF8.GetBytes("x")));
        Assert.Null(overrides.For("c"));
    }

    [Fact]
    public void Adding_a_repair_leaves_the_repairs_it_came_from_unchanged()
    {
        var before = UniqueOverrides.None.With("a", "x", 1);

        var after = before.With("a", "y", 2);

        Assert.Equal(1, before.Count);
        Assert.Equal(2, after.Count);
    }

    [Fact]
    public void Repairs_keep_a_copy_of_the_attempts_they_are_given()
    {
        var attempts = new Dictionary<string, int> { ["x"] = 1 };
        var overrides = UniqueOverrides.None.With("a", attempts);

        attempts["x"] = 5;

        Assert.Equal(1, UniqueOverrides.AttemptOf(overrides.For("a"), Encoding.UTF8.GetBytes("x")));
    }
}
