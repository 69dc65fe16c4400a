namespace DevDbSeed.Errors;

/// <summary>How the rules and the source schema disagree about a name.</summary>
public enum MismatchKind
{
    /// <summary>A column of the source that no rule classifies.</summary>
    Unclassified,

    /// <summary>A table or column the rules name that the source does not have (dropped or renamed since the rules were written).</summary>
    Stale,
}

/// <summary>A name the rules and the source schema disagree about: <c>schema.table.column</c>, or <c>schema.table</c> for a whole table.</summary>
public sealed record SchemaMismatch(string Name, MismatchKind Kind);
