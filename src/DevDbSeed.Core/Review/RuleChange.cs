using DevDbSeed.Errors;

namespace DevDbSeed.Review;

/// <summary>How a change to the rules moves the protection of one name.</summary>
public enum ChangeKind
{
    /// <summary>More of the original reaches the dev database; also a change that cannot be judged (fail safe: a person reviews it).</summary>
    Weakened,

    /// <summary>Less of the original reaches the dev database.</summary>
    Strengthened,

    /// <summary>Another rule of the same strength (another fake, another constant).</summary>
    Neutral,

    /// <summary>A table or column only the new rules name.</summary>
    Added,

    /// <summary>A table or column only the old rules name.</summary>
    Removed,
}

/// <summary>
/// One change between two versions of the rules, for one name: <c>schema.table</c>, <c>schema.table.column</c>, a JSON
/// member <c>schema.table.column:path</c>, an array's elements <c>schema.table.column[*]</c>, or a pipeline setting
/// <c>pipeline verify</c>.
/// </summary>
/// <param name="Kind">Weakened, strengthened, neutral, added or removed.</param>
/// <param name="Name">What changed.</param>
/// <param name="Before">The old rule, described (null when the name is added).</param>
/// <param name="After">The new rule, described (null when the name is removed).</param>
/// <param name="Reason">Why the change is classified so, in a few words.</param>
/// <param name="Location">Where the change is written: in the new file, or in the old one for a removal.</param>
public sealed record RuleChange(ChangeKind Kind, string Name, string? Before, string? After, string Reason, SourceLocation? Location);

/// <summary>Every change between two versions of the rules, weakened first, then by name.</summary>
public sealed record RulesDiffResult(string Old, string New, IReadOnlyList<RuleChange> Changes)
{
    /// <summary>Whether anything is weakened: <c>rules diff</c> exits 3.</summary>
    public bool HasWeakening => Changes.Any(c => c.Kind == ChangeKind.Weakened);

    /// <summary>How many changes of <paramref name="kind"/>.</summary>
    public int Count(ChangeKind kind) => Changes.Count(c => c.Kind == kind);

    /// <summary>The order changes are shown in: weakened, strengthened, neutral, added, removed; by name within each.</summary>
    public static IReadOnlyList<RuleChange> Ordered(IEnumerable<RuleChange> changes) =>
        [.. changes.OrderBy(c => c.Kind).ThenBy(c => c.Name, StringComparer.Ordinal)];
}
