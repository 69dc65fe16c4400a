using System.Text;
using DevDbSeed.Catalog;
using DevDbSeed.Errors;
using DevDbSeed.Masking.Fakes;
using DevDbSeed.Rules;
using DevDbSeed.Yaml;
using YamlDotNet.RepresentationModel;

namespace DevDbSeed.Masking.Transformers;

/// <summary>
/// <c>{ template: "{{name.firstName}} {{name.lastName}}" }</c>: literal text with fakes in double braces,
/// all drawn from one keyed seed per original value. Unique: keyed digits after a dash (<c>Jane Doe-4821</c>), as for
/// a fake (<see cref="FakeRule"/>).
/// </summary>
public sealed class TemplateRule : MaskingRule
{
    private readonly string _template;
    private readonly string _locale;
    private readonly IReadOnlyList<(string? Literal, FakeDefinition? Generator)> _parts;
    private SuffixSizing? _suffix;

    private TemplateRule(SourceLocation location, string template, string locale, IReadOnlyList<(string?, FakeDefinition?)> parts, bool unique)
        : base(Declaration, location, unique)
    {
        _template = template;
        _locale = locale;
        _parts = parts;
    }

    /// <summary>The template as written.</summary>
    public string Template => _template;

    /// <summary>The <c>template</c> kind: text holding <c>{{generator}}</c>, and its parser.</summary>
    public static RuleKind Declaration { get; } = new(
        "template",
        "Text with {{dataset.method}} fakes in it, all drawn from one keyed seed per value.",
        RuleValue.Text(@"\{\{"),
        CanBeUnique: true,
        Parse);

    public override string Canonical(bool unique) => $"template:{_template}@{_locale}{(unique ? ":unique" : string.Empty)}";

    public override bool MayKeepByChance(bool unique) => !unique;

    public override bool MayEqualAnotherOriginal(bool unique) => !unique;

    public override string Describe(bool unique) => $"template \"{_template}\"{(unique ? " (unique)" : string.Empty)}";

    internal static MaskingRule Parse(RuleParser parser, YamlNode value, SourceLocation at, bool unique)
    {
        var template = parser.File.Scalar(value, "template");
        var parts = new List<(string?, FakeDefinition?)>();
        var i = 0;
        while (i < template.Length)
        {
            var open = template.IndexOf("{{", i, StringComparison.Ordinal);
            if (open < 0)
            {
                parts.Add((template[i..], null));
                break;
            }

            if (open > i)
            {
                parts.Add((template[i..open], null));
            }

            var close = template.IndexOf("}}", open + 2, StringComparison.Ordinal);
            if (close < 0)
            {
                throw parser.File.Error(value, $"'{{{{' without '}}}}' in template \"{template}\"");
            }

            var name = template[(open + 2)..close].Trim();
            var generator = parser.Fakes.Find(name) is null
                ? throw parser.File.Error(value, $"unknown generator '{name}' in template{Suggestions.DidYouMean(name, parser.Fakes.Names)}")
                : parser.Generator(value, name);
            parts.Add((null, generator));
            i = close + 2;
        }

        if (!parts.Any(p => p.Item2 is not null))
        {
            throw parser.File.Error(value, "the template holds no {{generator}}: use set for a constant");
        }

        return new TemplateRule(at, template, parser.Locale, parts, unique);
    }

    public override UniqueMethod UniqueMethodFor(ColumnType type) => UniqueMethod.KeyedDigits;

    public override int? SuffixDigitsFor(ColumnFit column) => Suffix.DigitsIn(column);

    public override double UniqueBits(ColumnFit column) => Suffix.Bits(column);

    public override void CheckFits(ColumnFit column, ICollection<string> problems)
    {
        if (!column.Type.IsTextual)
        {
            problems.Add(column.Problem(this, $"a template makes text, which a {column.Type} column cannot hold"));
        }
        else if (column.Unique && column.MaxLength is { } max && max < Suffix.MinChars)
        {
            problems.Add(column.Problem(this, $"a unique template needs at least {Suffix.MinChars} characters; the column holds {max}"));
        }
        else if (column.Unique && column.MaxLength is { } length && !CollisionBounds.BitsAreEnoughFor(UniqueBits(column), column.EstimatedRows))
        {
            problems.Add(column.Problem(this, $"{length} characters are too few to give about {column.EstimatedRows} rows distinct values"));
        }
    }

    public override IValueTransformer CreateTransformer(TransformerContext context)
    {
        var unique = context.IsUnique(this);
        var digits = unique ? Suffix.DigitsIn(context, Canonical(true)) : 0;
        return new FakeTransformer(context with { Unique = unique }, Canonical(unique), CreateGenerator(), digits);
    }

    /// <summary>How this rule's unique values carry their digits.</summary>
    private SuffixSizing Suffix => _suffix ??= new SuffixSizing(Canonical(false), CreateGenerator);

    private TemplateGenerator CreateGenerator()
    {
        var locale = LocaleData.For(_locale);
        return new TemplateGenerator(
            [.. _parts.Select(p => p.Literal is not null ? (Encoding.UTF8.GetBytes(p.Literal), null) : ((byte[]?)null, p.Generator!.Create(locale)))]);
    }

    private sealed class TemplateGenerator(IReadOnlyList<(byte[]? Literal, FakeGenerator? Generator)> parts) : FakeGenerator
    {
        public override int MinLength => parts.Sum(p => p.Literal is { } l ? Utf8Text.CharCount(l) : p.Generator!.MinLength);

        public override void Generate(ref KeyedRandom random, Utf8Builder output)
        {
            foreach (var (literal, generator) in parts)
            {
                if (literal is not null)
                {
                    output.Append(literal);
                }
                else
                {
                    generator!.Generate(ref random, output);
                }
            }
        }
    }
}
