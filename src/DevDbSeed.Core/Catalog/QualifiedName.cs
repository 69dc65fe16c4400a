namespace DevDbSeed.Catalog;

/// <summary>
/// A schema-qualified relation name exactly as the catalog has it. Rules name tables <c>schema.table</c>
/// without SQL quoting; <see cref="Sql"/> is the quoted form for statements.
/// </summary>
public sealed record QualifiedName(string Schema, string Name) : IComparable<QualifiedName>
{
    /// <summary>Splits <c>schema.table</c> at the first dot; null when there is no dot.</summary>
    public static QualifiedName? TryParse(string text)
    {
        var dot = text.IndexOf('.', StringComparison.Ordinal);
        if (dot <= 0 || dot == text.Length - 1)
        {
            return null;
        }

        return new QualifiedName(text[..dot], text[(dot + 1)..]);
    }

    /// <summary>The name as rules and messages write it: <c>schema.table</c>.</summary>
    public override string ToString() => $"{Schema}.{Name}";

    /// <summary>The name quoted for SQL: <c>"schema"."table"</c>.</summary>
    public string Sql => $"{QuoteIdentifier(Schema)}.{QuoteIdentifier(Name)}";

    public int CompareTo(QualifiedName? other)
    {
        if (other is null)
        {
            return 1;
        }

        var bySchema = string.CompareOrdinal(Schema, other.Schema);
        return bySchema != 0 ? bySchema : string.CompareOrdinal(Name, other.Name);
    }

    /// <summary>Quotes an identifier for SQL, doubling embedded quotes.</summary>
    public static string QuoteIdentifier(string identifier) => "\"" + identifier.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
