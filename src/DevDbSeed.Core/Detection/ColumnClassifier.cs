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

        var byContent = content is null ? null : FromContent(type, content);
        if (ColumnName.Hint(column.Name) is { } hint && FromName(hint.Hint, type, content) is { } rule)
        {
            var also = content is not null && content.Dominant != PiiKind.None ? "; " + content.DescribeWhole(content.Dominant) : string.Empty;
            return new Suggestion(rule, hint.Because + also);
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

    /// <summary>The rule a name hint asks for, if it fits the column's type.</summary>
    private static string? FromName(NameHint hint, ColumnType type, ContentProfile? content)
    {
        var text = type.IsTextual;
        var array = type.Category == TypeCategory.Array && type.Element is { IsTextual: true };
        string? Text(string rule) => text ? rule : array ? $"{{ each: {rule} }}" : null;
        return hint switch
        {
            NameHint.IpAddress => text || type.Category is TypeCategory.Inet or TypeCategory.Cidr ? "internet.ip" : null,
            NameHint.MacAddress => text || type.Category == TypeCategory.MacAddr ? "internet.mac" : null,
            NameHint.Email => Text("internet.email"),
            NameHint.Secret => Text("{ hash: {} }"),
            NameHint.Phone => Text("phone.phoneNumber"),
            NameHint.NationalId => Text("{ hash: {} }"),
            NameHint.BankAccount => text && content?.Dominant == PiiKind.Iban ? "finance.iban" : Text("{ hash: {} }"),
            NameHint.CardNumber => Text("{ mask: { keep_last: 4, with: \"#\" } }"),
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
            _ => text ? (content is { Contained: not PiiKind.None } c ? $"{{ scrub: [{ContentProfile.ScrubList(c.Contained)}] }}"
                : content is { AverageLength: < 80 } ? "lorem.sentence" : "lorem.paragraph") : null,
        };
    }

    private static Suggestion? FromContent(ColumnType type, ContentProfile content)
    {
        if (!type.IsTextual || content.Values == 0)
        {
            return null;
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
            return new Suggestion(rule, content.DescribeWhole(content.Dominant));
        }

        return content.Contained != PiiKind.None
            ? new Suggestion($"{{ scrub: [{ContentProfile.ScrubList(content.Contained)}] }}", content.DescribeContained())
            : null;
    }

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

        var rules = string.Join(", ", members.Select(m => $"{Quote(m.Path)}: {m.Rule}"));
        return new Suggestion($"{{ json: {{ {rules} }} }}", string.Join("; ", members.Select(m => m.Why)));
    }

    /// <summary>A YAML flow key: plain when safe, double-quoted otherwise (punctuation, control characters, words YAML reads as null or booleans).</summary>
    public static string Quote(string key) =>
        key.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '.' or '-') && key.Length > 0 && !char.IsAsciiDigit(key[0]) && !RulesWriter.IsKeyword(key)
            ? key
            : RulesWriter.DoubleQuoted(key);
}
