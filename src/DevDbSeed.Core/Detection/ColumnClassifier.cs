using DevDbSeed.Catalog;
using DevDbSeed.Rules;

namespace DevDbSeed.Detection;

/// <summary>A suggested rule for a column (its YAML, null for keep) and why, for the comment beside it.</summary>
public sealed record Suggestion(string? Rule, string Reason)
{
    public bool IsKeep => Rule is null;
}

/// <summary>
/// Suggests a rule for a column from its name, its type and a sample of its content (what <c>rules init</c>
/// writes, and what <c>report</c> warns about): an e-mail column gets <c>internet.email</c>, a birth date a
/// shift, free text with e-mails in it a scrub, a JSON column rules for the members that hold personal data.
/// </summary>
public static class ColumnClassifier
{
    private const string Tool = "reviewed by devdbseed rules init (a tool, not a person)";

    /// <summary>The share of free-text values naming someone from which a kept column is flagged for review.</summary>
    public const double MentionsWorthAWarning = 0.05;

    public static Suggestion Suggest(ColumnInfo column, ContentProfile? content, JsonProfile? json)
    {
        var type = column.Type;
        if (type.Category == TypeCategory.Bytea)
        {
            return column.NotNull
                ? new Suggestion(null, "binary data, NOT NULL so it cannot be set to NULL: REVIEW what it holds")
                : new Suggestion("null", "binary data (pictures, documents) cannot be reviewed: set to NULL");
        }

        if (type.Category is TypeCategory.Json or TypeCategory.Jsonb && json is not null)
        {
            return ForJson(json);
        }

        // An array of text is judged by its elements: each gets the rule a text column of them would.
        var values = IsTextArray(type) ? content?.Elements : content;
        var byContent = values is null ? null : FromContent(type, values);
        if (ColumnName.Hint(column.Name) is { } hint && FromName(hint.Hint, type, values) is { } rule)
        {
            var also = values is not null && values.Dominant != PiiKind.None ? "; " + values.DescribeWhole(values.Dominant) : string.Empty;
            return new Suggestion(rule, hint.Because + also + ScrubCaveat(rule) + QuasiIdentifierCaveat(hint.Hint));
        }

        if (byContent is not null)
        {
            return byContent;
        }

        if (type.Category is TypeCategory.Inet or TypeCategory.Cidr)
        {
            return new Suggestion("internet.ip", "an IP address identifies a device, often a person");
        }

        if (type.Category == TypeCategory.MacAddr)
        {
            return new Suggestion("internet.mac", "a MAC address identifies a device");
        }

        var sampled = content is null ? "its name and type" : $"its name and {content.Values} sampled values";
        return new Suggestion(null, $"{Tool}: no personal data found in {sampled}");
    }

    /// <summary>The rule a name hint asks for, if it fits the column's type (for an array of text: each element's rule).</summary>
    private static string? FromName(NameHint hint, ColumnType type, ContentProfile? content)
    {
        var text = type.IsTextual;
        var array = IsTextArray(type);
        string? Text(string rule) => text ? rule : array ? Each(rule) : null;
        return hint switch
        {
            NameHint.IpAddress => type.Category is TypeCategory.Inet or TypeCategory.Cidr ? "internet.ip" : Text("internet.ip"),
            NameHint.MacAddress => type.Category == TypeCategory.MacAddr ? "internet.mac" : Text("internet.mac"),
            NameHint.Email => Text("internet.email"),
            NameHint.Secret => Text("{ hash: {} }"),
            NameHint.Phone => Text("phone.phoneNumber"),
            NameHint.NationalId => Text("{ hash: {} }"),
            NameHint.BankAccount => content?.Dominant == PiiKind.Iban ? Text("finance.iban") : Text("{ hash: {} }"),
            NameHint.CardNumber => Text("{ mask: { keep_last: 4, with: \"#\" } }"),
            NameHint.CardFragment => Text("{ mask: { with: \"#\" } }"),
            NameHint.FirstName => Text("name.firstName"),
            NameHint.LastName => Text("name.lastName"),
            NameHint.FullName => Text("name.fullName"),
            NameHint.UserName => Text("internet.userName"),
            NameHint.Company => Text("company.companyName"),
            NameHint.BirthDate => type.Category is TypeCategory.Date or TypeCategory.Timestamp or TypeCategory.TimestampTz
                ? "{ shift: { days: 180 } }" : Text("{ hash: {} }"),
            NameHint.PostCode => Text("address.zipCode"),
            NameHint.City => Text("address.city"),
            NameHint.SecondaryAddress => Text("address.secondaryAddress"),
            NameHint.StreetAddress => Text("address.streetAddress"),
            NameHint.Location => type.Category is TypeCategory.Numeric or TypeCategory.Float ? "{ noise: { ratio: 0.001 } }" : null,
            _ => Text(content is { Contained: not PiiKind.None } c ? $"{{ scrub: [{ContentProfile.ScrubList(c.Contained)}] }}"
                : content is { AverageLength: < 80 } ? "lorem.sentence" : "lorem.paragraph"),
        };
    }

    private static Suggestion? FromContent(ColumnType type, ContentProfile content)
    {
        var array = IsTextArray(type);
        if (!(type.IsTextual || array) || content.Values == 0)
        {
            return null;
        }

        if (content.TaxIdShare >= 0.5)
        {
            return new Suggestion(array ? Each("{ hash: {} }") : "{ hash: {} }", content.DescribeTaxIds());
        }

        var rule = content.Dominant switch
        {
            PiiKind.Email => "internet.email",
            PiiKind.Phone => "phone.phoneNumber",
            PiiKind.Ip => "internet.ip",
            PiiKind.Card => "{ mask: { keep_last: 4, with: \"#\" } }",
            PiiKind.Iban => "finance.iban",
            _ => null,
        };
        if (rule is not null)
        {
            return new Suggestion(array ? Each(rule) : rule, content.DescribeWhole(content.Dominant));
        }

        if (content.PersonFinding() is { } person)
        {
            var fake = person.Shape switch
            {
                PersonShape.FullName => "name.fullName",
                PersonShape.FirstName => "name.firstName",
                PersonShape.LastName => "name.lastName",
                PersonShape.City => "address.city",
                _ => "address.streetAddress",
            };
            return new Suggestion(array ? Each(fake) : fake, person.Described);
        }

        if (content.Contained != PiiKind.None && content.AreTokens)
        {
            // a scrub would replace the odd digit run and leave nearly every value as it is: protection in name only
            return new Suggestion(array ? Each("{ hash: {} }") : "{ hash: {} }",
                $"{content.DescribeContained()}; REVIEW: the values are opaque strings (tokens, references), so the whole value is hashed rather than scrubbed");
        }

        var scrub = $"{{ scrub: [{ContentProfile.ScrubList(content.Contained)}] }}";
        return content.Contained != PiiKind.None
            ? new Suggestion(array ? Each(scrub) : scrub, content.DescribeContained() + ScrubCaveat(scrub))
            : content.MentionShare >= MentionsWorthAWarning
                ? new Suggestion(null, $"REVIEW: {content.DescribeMentions()}, kept as it is (lorem.paragraph replaces the whole text)")
                : null;
    }

    /// <summary>What a scrub cannot do, said where one is suggested, so the reviewer decides with eyes open.</summary>
    private static string ScrubCaveat(string rule) => rule.Contains("scrub:", StringComparison.Ordinal)
        ? "; REVIEW: scrub keeps the text and replaces those items only, names and street addresses in it stay (lorem.paragraph replaces the whole text)"
        : string.Empty;

    /// <summary>Partial card data is masked all the same: a reviewer decides whether the application needs it.</summary>
    private static string QuasiIdentifierCaveat(NameHint hint) => hint == NameHint.CardFragment
        ? "; REVIEW: a quasi-identifier (with a date or an amount it singles a card holder out), masked even where payment rules allow showing it"
        : string.Empty;

    /// <summary>An array whose elements are text: rules apply to each element.</summary>
    private static bool IsTextArray(ColumnType type) => type.Category == TypeCategory.Array && type.Element is { IsTextual: true };

    private static string Each(string rule) => $"{{ each: {rule} }}";

    private static Suggestion ForJson(JsonProfile json)
    {
        var members = new List<(string Path, string Rule, string Why)>();
        foreach (var (path, profile) in json.Paths)
        {
            var key = JsonProfile.LastKey(path);
            var member = new ColumnInfo(key, ColumnType.JsonMember, NotNull: false, IsGenerated: false);
            var suggestion = Suggest(member, profile, null);
            if (!suggestion.IsKeep)
            {
                members.Add((path, suggestion.Rule!, $"{path}: {suggestion.Reason}"));
            }
        }

        if (members.Count == 0)
        {
            return new Suggestion(null, $"{Tool}: no personal data found in the members of {json.Documents} sampled documents");
        }

        var rules = string.Join(", ", members.Select(m => $"{RulesWriter.Key(m.Path)}: {m.Rule}"));
        return new Suggestion($"{{ json: {{ {rules} }} }}", string.Join("; ", members.Select(m => m.Why)));
    }
}
