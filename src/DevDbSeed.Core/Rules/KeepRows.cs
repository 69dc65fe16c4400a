using DevDbSeed.Errors;

namespace DevDbSeed.Rules;

/// <summary>
/// <c>keep_rows:</c> of a table with <c>columns:</c>: an SQL predicate over the table's columns; the rows it matches (evaluated
/// by the source server, in the run's snapshot) are copied unmasked, every other row is masked. For the team's own test
/// accounts. A row for which the predicate is NULL is masked.
/// </summary>
/// <param name="Predicate">The predicate as the rules file writes it (a boolean SQL expression, no statement separator).</param>
/// <param name="Location">Where the rules file writes it.</param>
public sealed record KeepRows(string Predicate, SourceLocation Location)
{
    /// <summary>The condition of the rows kept unmasked (the predicate is true).</summary>
    public string Kept => $"{Parenthesised} IS TRUE";

    /// <summary>The condition of the rows masked (the predicate is false or NULL).</summary>
    public string Masked => $"{Parenthesised} IS NOT TRUE";

    /// <summary>The predicate in parentheses, closed on a line of its own so that a trailing <c>--</c> comment cannot swallow it.</summary>
    public string Parenthesised => $"({Predicate}\n)";
}
