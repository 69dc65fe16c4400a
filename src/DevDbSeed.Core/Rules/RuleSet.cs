using DevDbSeed.Catalog;
using DevDbSeed.Errors;
using DevDbSeed.Masking;

namespace DevDbSeed.Rules;

/// <summary>The masking rules of a pipeline: one entry per table, from one or more rules files.</summary>
/// <param name="Files">The rules files read, with a hash of their content (for reports and audit).</param>
/// <param name="Tables">Every table entry, by schema.table.</param>
/// <param name="Locale">The Bogus locale fakes come from.</param>
public sealed record RuleSet(IReadOnlyList<RulesFileInfo> Files, IReadOnlyDictionary<QualifiedName, TableRule> Tables, string Locale);

/// <summary>A rules file that was read, and the SHA-256 of its bytes.</summary>
public sealed record RulesFileInfo(string DisplayPath, string Sha256);

/// <summary>The rule of one table.</summary>
public abstract record TableRule(QualifiedName Table, SourceLocation Location);

/// <summary><c>keep</c>: every column was reviewed and nothing is sensitive; rows are copied as they are.</summary>
public sealed record KeepTableRule(QualifiedName Table, SourceLocation Location) : TableRule(Table, Location);

/// <summary><c>empty</c>: the table's structure is copied, not its rows.</summary>
public sealed record EmptyTableRule(QualifiedName Table, SourceLocation Location) : TableRule(Table, Location);

/// <summary><c>columns:</c> one rule per column; with <c>keep_rows:</c>, the rows its predicate matches are copied unmasked.</summary>
public sealed record ColumnsTableRule(QualifiedName Table, SourceLocation Location, IReadOnlyDictionary<string, ColumnRule> Columns, KeepRows? KeepRows = null)
    : TableRule(Table, Location);

/// <summary>The rule of one column: <see cref="Masking"/> is null for <c>keep</c>.</summary>
public sealed record ColumnRule(string Column, SourceLocation Location, MaskingRule? Masking)
{
    public bool IsKeep => Masking is null;
}
