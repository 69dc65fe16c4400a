namespace DevDbSeed.Catalog;

/// <summary>One column of a source table.</summary>
/// <param name="Name">The column name exactly as the catalog has it.</param>
/// <param name="Type">The column's type.</param>
/// <param name="NotNull">Declared NOT NULL.</param>
/// <param name="IsGenerated">A stored generated column: COPY skips it and the target recomputes it.</param>
public sealed record ColumnInfo(string Name, ColumnType Type, bool NotNull, bool IsGenerated)
{
    public string Sql => QualifiedName.QuoteIdentifier(Name);
}
