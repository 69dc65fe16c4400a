using DevDbSeed.Detection;
using DevDbSeed.Masking;
using DevDbSeed.Masking.Transformers;
using DevDbSeed.Planning;

namespace DevDbSeed.Postgres.Verification;

/// <summary>
/// Whether a masked value still holds originals of the same row's source value, where the rule changes them: the
/// whole value; for a json rule, a masked member's original at a masked path; for an each rule, an original element;
/// for a scrub rule, an item it replaces.
/// </summary>
internal sealed class RowJudge(Remasker remasker)
{
    public bool StillHoldsOriginal(ColumnPlan column, string before, string after) => column.Rule switch
    {
        JsonRule json => StillHoldsOriginal(column, json, JsonLeaves.All(before), JsonLeaves.All(after)),
        EachRule each => Shared(PostgresArrayText.Elements(before), PostgresArrayText.Elements(after)).Any(v => Changes(column, each.Element, v)),
        ScrubRule scrub => PiiDetector.Find(before, scrub.Kinds).Any(m => after.AsSpan().IndexOf(before.AsSpan(m.Start, m.Length), StringComparison.Ordinal) >= 0),
        _ => string.Equals(before, after, StringComparison.Ordinal) && !string.Equals(remasker.Whole(column, before), before, StringComparison.Ordinal),
    };

    private bool StillHoldsOriginal(ColumnPlan column, JsonRule json, IReadOnlyList<(string[] Path, string Value)> before, IReadOnlyList<(string[] Path, string Value)> after) =>
        json.Members.Any(m => Shared(JsonLeaves.At(before, m.Path), JsonLeaves.At(after, m.Path)).Any(v => Changes(column, m.Rule, v)));

    private bool Changes(ColumnPlan column, MaskingRule rule, string value) => !string.Equals(remasker.Part(column, rule, value), value, StringComparison.Ordinal);

    private static IEnumerable<string> Shared(IEnumerable<string> before, IEnumerable<string> after) =>
        before.Intersect(after, StringComparer.Ordinal);
}
