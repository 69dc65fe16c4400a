using Bogus;
using DevDbSeed.Catalog;
using DevDbSeed.Masking;
using DevDbSeed.Tests.Support;

namespace DevDbSeed.Tests.Masking.Transformers;

public sealed class TemplateRuleTests
{
    private static readonly HashSet<string> FirstNames = BogusList("name", "first_name");
    private static readonly HashSet<string> LastNames = BogusList("name", "last_name");

    [Fact]
    public void Concatenates_generators_and_literals()
    {
        var transformer = Masks.Transformer("{ template: \"Dear {{name.firstName}} {{name.lastName}}!\" }");

        for (var i = 0; i < 500; i++)
        {
            var text = transformer.Apply($"original {i}")!;
            Assert.StartsWith("Dear ", text, StringComparison.Ordinal);
            Assert.EndsWith("!", text, StringComparison.Ordinal);
            var body = text[5..^1];
            Assert.Contains(FirstNames, first => body.StartsWith(first + " ", StringComparison.Ordinal) && LastNames.Contains(body[(first.Length + 1)..]));
        }
    }

    [Fact]
    public void Is_deterministic_across_transformer_instances()
    {
        const string rule = "{ template: \"{{name.firstName}}.{{name.lastName}}@{{internet.domainSuffix}}\" }";
        var a = Masks.Transformer(rule);
        var b = Masks.Transformer(rule);

        for (var i = 0; i < 200; i++)
        {
            Assert.Equal(a.Apply($"v{i}"), b.Apply($"v{i}"));
        }
    }

    [Fact]
    public void A_different_secret_changes_the_output()
    {
        const string rule = "{ template: \"{{name.firstName}} {{name.lastName}}\" }";
        var a = Masks.Transformer(rule, secret: "one");
        var b = Masks.Transformer(rule, secret: "two");

        var differing = Enumerable.Range(0, 200).Count(i => a.Apply($"v{i}") != b.Apply($"v{i}"));

        Assert.True(differing >= 190, $"only {differing} of 200 changed");
    }

    [Fact]
    public void Empty_string_stays_empty()
    {
        Assert.Equal(string.Empty, Masks.Transformer("{ template: \"x{{name.firstName}}\" }").Apply(string.Empty));
    }

    [Fact]
    public void Unique_templates_give_distinct_values_for_distinct_originals()
    {
        var transformer = Masks.Transformer("{ template: \"{{name.firstName}} {{name.lastName}}\", unique: true }", unique: true);

        var outputs = Enumerable.Range(0, 20_000).Select(i => transformer.Apply($"user {i}")).Distinct().Count();

        Assert.Equal(20_000, outputs);
    }

    [Fact]
    public void Templates_fit_the_column_length()
    {
        var transformer = Masks.Transformer("{ template: \"{{name.firstName}} {{name.lastName}} of {{address.city}}\" }", maxLength: 10);

        for (var i = 0; i < 2000; i++)
        {
            Assert.InRange(Masks.CodePoints(transformer.Apply($"v{i}")!), 1, 10);
        }
    }

    [Fact]
    public void Fit_check_rejects_non_text_columns()
    {
        var problems = new List<string>();

        Masks.Rule("{ template: \"{{name.firstName}}\" }").CheckFits(new ColumnFit("t.c", new ColumnType("integer", TypeCategory.Integer, Precision: 4), null, false, false, 1), problems);

        Assert.Single(problems);
    }

    private static HashSet<string> BogusList(string category, string key)
    {
        var array = (Bogus.Bson.BArray)Database.Get(category, key, "en");
        return [.. Enumerable.Range(0, array.Count).Select(i => array[i].StringValue)];
    }
}
