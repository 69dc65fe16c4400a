using DevDbSeed.Planning;

namespace DevDbSeed.Verification;

/// <summary>
/// Whether a masked value still holds originals of the same row's source value, where the rule changes them: the whole
/// value, a masked JSON member's, an array element, an item in text a scrub replaces (each rule says what it changes).
/// </summary>
public sealed class RowJudge(Remasker remasker)
{
    public bool StillHoldsOriginal(ColumnPlan column, string before, string after)
    {
        var parts = column.Rule!.Parts;
        return column.Rule.StillHoldsOriginal(before, after, (part, value) => remasker.Changes(column, parts[part], value));
    }
}
