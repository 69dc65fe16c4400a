using System.Text;
using DevDbSeed.Catalog;
using DevDbSeed.Masking;
using DevDbSeed.Masking.Fakes;
using DevDbSeed.Rules;
using DevDbSeed.Yaml;

namespace DevDbSeed.Tests.Support;

/// <summary>Builds rules from YAML text and transformers from rules, the way a table copy does.</summary>
internal static class Masks
{
    public const string Secret = "unit-test-secret";

    /// <summary>Parses one column rule written as YAML (<c>name.firstName</c>, <c>{ hash: { length: 8 } }</c>, ...).</summary>
    public static MaskingRule Rule(string yaml, string locale = "en")
    {
        var file = YamlFile.Parse(yaml, "/virtual/rules.yaml", "rules.yaml");
        return new RuleParser(file, FakeCatalog.Default, locale).ParseColumnRule(file.Root!)
            ?? throw new InvalidOperationException("the rule is keep");
    }

    public static TransformerContext Context(ColumnType? type = null, int? maxLength = null, bool unique = false, string secret = Secret, string locale = "en") =>
        new(MaskingKeys.FromSecret(secret), type ?? ColumnType.Text, maxLength, unique, FakeCatalog.Default, locale);

    /// <summary>A fresh transformer for <paramref name="yaml"/>.</summary>
    public static IValueTransformer Transformer(string yaml, ColumnType? type = null, int? maxLength = null, bool unique = false, string secret = Secret, string locale = "en") =>
        Rule(yaml, locale).CreateTransformer(Context(type, maxLength, unique, secret, locale));

    /// <summary>The masked text of <paramref name="value"/>; null when the transformer answers NULL.</summary>
    public static string? Apply(this IValueTransformer transformer, string value)
    {
        var output = new Utf8Builder(16);
        return transformer.Transform(Encoding.UTF8.GetBytes(value), output) ? output.ToString() : null;
    }

    /// <summary>Characters as PostgreSQL counts them: code points.</summary>
    public static int CodePoints(string text) => text.EnumerateRunes().Count();
}
