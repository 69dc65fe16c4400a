using DevDbSeed.Review;
using DevDbSeed.Rules;
using static DevDbSeed.Tests.Review.RulesDiffs;

namespace DevDbSeed.Tests.Review;

/// <summary>How one column rule's change is classified: every weakening the issue lists, their reverses, neutral changes.</summary>
public sealed class RuleComparerTests
{
    [Theory]
    [InlineData("{ fake: internet.email, unique: true }", "keep")]
    [InlineData("name.firstName", "keep")]
    [InlineData("{ hash: { length: 12 } }", "keep")]
    [InlineData("null", "keep")]
    [InlineData("{ scrub: all }", "keep")]
    [InlineData("{ json: { email: internet.email } }", "keep")]
    public void A_masked_column_that_becomes_keep_is_weakened(string before, string after)
    {
        var change = Column(before, after);

        Assert.Equal(ChangeKind.Weakened, change.Kind);
        Assert.Equal("public.t.c", change.Name);
        Assert.Equal("keep", change.After);
        Assert.Equal("copied as it is now", change.Reason);
    }

    [Fact]
    public void The_weakening_names_the_rules_as_a_reviewer_reads_them_and_the_line_of_the_new_entry()
    {
        var change = Column("{ fake: internet.email, unique: true }", "keep");

        Assert.Equal("unique fake internet.email", change.Before);
        Assert.Equal(new DevDbSeed.Errors.SourceLocation("new.yaml", 6, 7), change.Location);
    }

    [Theory]
    [InlineData("internet.email", "{ mask: {} }")]
    [InlineData("internet.email", "{ set: nobody@example.com }")]
    [InlineData("{ template: \"{{name.firstName}}\" }", "{ mask: { keep_last: 2 } }")]
    [InlineData("{ hash: ~ }", "{ set: x }")]
    public void A_keyed_fake_that_becomes_a_mask_or_a_constant_is_weakened(string before, string after) =>
        Assert.Equal(ChangeKind.Weakened, Column(before, after).Kind);

    [Theory]
    [InlineData("{ mask: {} }", "internet.email")]
    [InlineData("{ set: x }", "internet.email")]
    [InlineData("keep", "internet.email")]
    [InlineData("internet.email", "null")]
    [InlineData("{ scrub: [email] }", "lorem.sentence")]
    public void The_reverse_of_a_weakening_is_strengthened(string before, string after) =>
        Assert.Equal(ChangeKind.Strengthened, Column(before, after).Kind);

    [Fact]
    public void Dropping_unique_is_weakened_and_adding_it_strengthened()
    {
        var dropped = Column("{ fake: internet.email, unique: true }", "internet.email");
        var added = Column("{ hash: { length: 16 } }", "{ hash: { length: 16 }, unique: true }");

        Assert.Equal((ChangeKind.Weakened, "unique dropped"), (dropped.Kind, dropped.Reason));
        Assert.Equal((ChangeKind.Strengthened, "unique added"), (added.Kind, added.Reason));
    }

    [Fact]
    public void Dropping_unique_while_changing_to_another_keyed_rule_is_still_weakened() =>
        Assert.Equal(ChangeKind.Weakened, Column("{ fake: internet.email, unique: true }", "{ hash: { length: 20 } }").Kind);

    [Theory]
    [InlineData("{ mask: { keep_last: 2 } }", "{ mask: { keep_last: 4 } }", ChangeKind.Weakened)]
    [InlineData("{ mask: {} }", "{ mask: { keep_first: 1 } }", ChangeKind.Weakened)]
    [InlineData("{ mask: { keep_first: 3, keep_last: 0 } }", "{ mask: { keep_first: 0, keep_last: 1 } }", ChangeKind.Weakened)]
    [InlineData("{ mask: { keep_last: 4 } }", "{ mask: { keep_last: 2 } }", ChangeKind.Strengthened)]
    [InlineData("{ mask: { keep_last: 4 } }", "{ mask: { keep_last: 4, with: '#' } }", ChangeKind.Neutral)]
    public void A_mask_keeping_more_characters_is_weakened(string before, string after, ChangeKind expected) =>
        Assert.Equal(expected, Column(before, after).Kind);

    [Theory]
    [InlineData("{ hash: { length: 16 } }", "{ hash: { length: 8 } }", ChangeKind.Weakened)]
    [InlineData("{ hash: { length: 8 } }", "{ hash: { length: 16 } }", ChangeKind.Strengthened)]
    [InlineData("{ hash: { length: 16 } }", "{ hash: ~ }", ChangeKind.Weakened)]
    [InlineData("{ hash: ~ }", "{ hash: { length: 4 } }", ChangeKind.Weakened)]
    [InlineData("{ hash: ~ }", "{ hash: { length: 32 } }", ChangeKind.Neutral)]
    [InlineData("{ hash: { length: 16, alphabet: hex } }", "{ hash: { length: 16, alphabet: alnum } }", ChangeKind.Neutral)]
    public void A_shorter_hash_is_weakened(string before, string after, ChangeKind expected) =>
        Assert.Equal(expected, Column(before, after).Kind);

    [Fact]
    public void Scrub_kinds_removed_are_weakened_even_when_others_are_added()
    {
        var removed = Column("{ scrub: [email, phone] }", "{ scrub: [email, card] }");
        var added = Column("{ scrub: [email] }", "{ scrub: all }");

        Assert.Equal((ChangeKind.Weakened, "scrub no longer finds phone"), (removed.Kind, removed.Reason));
        Assert.Equal((ChangeKind.Strengthened, "scrub also finds phone, ip, card, iban"), (added.Kind, added.Reason));
    }

    [Theory]
    [InlineData("{ shift: { days: 180 } }", "{ shift: { days: 7 } }", ChangeKind.Weakened)]
    [InlineData("{ shift: { days: 7 } }", "{ shift: { days: 180 } }", ChangeKind.Strengthened)]
    [InlineData("{ noise: { ratio: 0.2 } }", "{ noise: { ratio: 0.05 } }", ChangeKind.Weakened)]
    [InlineData("{ noise: { ratio: 0.05 } }", "{ noise: { ratio: 0.2 } }", ChangeKind.Strengthened)]
    public void A_smaller_shift_or_noise_is_weakened(string before, string after, ChangeKind expected) =>
        Assert.Equal(expected, Column(before, after).Kind);

    [Theory]
    [InlineData("internet.email", "internet.exampleEmail")]
    [InlineData("{ fake: name.firstName, unique: true }", "{ fake: name.lastName, unique: true }")]
    [InlineData("internet.email", "{ template: \"{{name.firstName}}@example.com\" }")]
    [InlineData("{ set: a }", "{ set: b }")]
    [InlineData("{ mask: {} }", "{ set: x }")]
    public void Another_rule_of_the_same_strength_is_neutral(string before, string after) =>
        Assert.Equal(ChangeKind.Neutral, Column(before, after).Kind);

    [Theory]
    [InlineData("internet.email", "{ fake: internet.email }")]
    [InlineData("{ mask: { keep_last: 4 } }", "{mask: {keep_last: 4, with: '*'}}   # the default, written out")]
    [InlineData("null", "{ set: null }")]
    public void The_same_rule_written_another_way_is_no_change(string before, string after) =>
        Assert.Empty(Between(WithColumn(before), WithColumn(after)));

    [Fact]
    public void Comments_and_formatting_change_nothing()
    {
        const string Reformatted = """
            # reviewed 2026-01-05
            version: 1
            tables:
              public.t:
                columns: { id: keep,   c: { fake: internet.email,
                                            unique: true } }   # still unique
            """;

        Assert.Empty(Between(WithColumn("{ fake: internet.email, unique: true }"), Reformatted));
    }

    [Fact]
    public void Json_members_are_compared_one_by_one_under_their_paths()
    {
        var changes = Between(
            WithColumn("{ json: { contact.email: { fake: internet.email, unique: true }, contact.phone: phone.phoneNumber, \"tags[*]\": lorem.word } }"),
            WithColumn("{ json: { contact.email: internet.email, \"tags[*]\": lorem.word, contact.name: name.fullName } }"));

        Assert.Collection(changes,
            c => Assert.Equal((ChangeKind.Weakened, "public.t.c:contact.email", "unique dropped"), (c.Kind, c.Name, c.Reason)),
            c => Assert.Equal((ChangeKind.Weakened, "public.t.c:contact.phone", "keep"), (c.Kind, c.Name, c.After)),
            c => Assert.Equal((ChangeKind.Strengthened, "public.t.c:contact.name"), (c.Kind, c.Name)));
    }

    [Fact]
    public void A_json_rule_replaced_by_a_whole_value_rule_is_strengthened_and_the_reverse_weakened()
    {
        Assert.Equal(ChangeKind.Strengthened, Column("{ json: { email: internet.email } }", "null").Kind);
        Assert.Equal(ChangeKind.Weakened, Column("{ set: '{}' }", "{ json: { email: internet.email } }").Kind);
    }

    [Fact]
    public void Array_elements_are_compared_through_each()
    {
        var change = Column("{ each: { fake: internet.email, unique: true } }", "{ each: { mask: {} } }");

        Assert.Equal((ChangeKind.Weakened, "public.t.c[*]"), (change.Kind, change.Name));
    }

    [Fact]
    public void Every_rule_kind_has_a_protection_level()
    {
        var rules = RulesLoader.Parse(WithColumn("{ json: { a: internet.email } }"), "x").Tables.Values.OfType<ColumnsTableRule>().Single();
        Assert.NotNull(ProtectionLevels.Of(rules.Columns["c"].Masking));
        var examples = new Dictionary<string, string>
        {
            ["fake"] = "internet.email",
            ["template"] = "{ template: \"{{name.firstName}}\" }",
            ["mask"] = "{ mask: {} }",
            ["hash"] = "{ hash: ~ }",
            ["shift"] = "{ shift: { days: 3 } }",
            ["noise"] = "{ noise: { ratio: 0.1 } }",
            ["set"] = "{ set: x }",
            ["json"] = "{ json: { a: internet.email } }",
            ["each"] = "{ each: internet.email }",
            ["scrub"] = "{ scrub: all }",
        };

        Assert.Equal(RuleKinds.Names.Order(), examples.Keys.Order());
        foreach (var (kind, rule) in examples)
        {
            var masking = RulesLoader.Parse(WithColumn(rule), "x").Tables.Values.OfType<ColumnsTableRule>().Single().Columns["c"].Masking;
            Assert.Equal(kind, masking!.Kind);
            Assert.True(ProtectionLevels.Of(masking) is not null, $"{kind} has no protection level: rules diff would judge every change to it as weakened");
        }
    }
}
