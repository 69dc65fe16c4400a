using DevDbSeed.Catalog;
using DevDbSeed.Masking;
using DevDbSeed.Planning;

namespace DevDbSeed.Verification;

/// <summary>Per masked column of a table: how many sampled rows were compared, and in how many the target holds that row's original.</summary>
public sealed record RowComparison(QualifiedName Table, ColumnPlan Column, long Compared, long Original);

/// <summary>
/// Judges what verification's checks saw and counts the leaks, per column found in and origin of the originals: a value
/// its rule gives back unchanged; a compared row still holding its original; an original found in a column compared
/// whole, or an item a scrub should have replaced in its own column; an original found as words in kept text where the
/// same column of the source did not already hold it. Counts only, never values.
/// </summary>
public sealed class LeakTally(VerificationPlan verification, Remasker remasker, IReadOnlyDictionary<string, List<Origin>> needles)
{
    private readonly Dictionary<(string FoundIn, Origin Origin), int> _kept = [];
    private readonly Dictionary<(string FoundIn, Origin Origin), int> _inRows = [];
    private readonly Dictionary<(string FoundIn, Origin Origin), int> _searched = [];

    /// <summary>Originals their rule gives back unchanged (and not as a list fake's chance pick): then they are in the database.</summary>
    public void CountKeptByRules()
    {
        foreach (var (needle, origins) in needles)
        {
            foreach (var origin in origins.Where(o => KeptByItsRule(o, needle)))
            {
                Count(_kept, (origin.Name, origin));
            }
        }
    }

    /// <summary>
    /// Rows compared with the source: a masked column holding, in a row, that row's original where its rule changes it.
    /// Exact with the run's secret; without it a list fake may have kept a few originals by chance, so only more than 1 % counts.
    /// </summary>
    public void CountRows(IEnumerable<RowComparison> comparisons)
    {
        foreach (var result in comparisons.Where(r => r.Original > 0))
        {
            var rule = result.Column.Rule!;
            var byChance = remasker.RandomKey && rule.MayKeepByChance(result.Column.Unique) ? (result.Compared / 100) + 2 : 0;
            if (result.Original > byChance)
            {
                var origin = new Origin(result.Table, result.Column, new ValuePart(PartKind.Whole, null, rule));
                Count(_inRows, (origin.Name, origin), (int)Math.Min(int.MaxValue, result.Original));
            }
        }
    }

    /// <summary>
    /// Originals found in the searched columns (<paramref name="found"/>, by rule table and column). A column compared whole
    /// holding an original, or an item a scrub should have replaced still in its column, is a leak. The rest were found as
    /// words in kept text: returned, per column, to be looked for in the same column of the source (<see cref="CountNotInSource"/>).
    /// </summary>
    public IReadOnlyDictionary<(QualifiedName Table, string Column), List<(string Needle, Origin Origin)>> CountFound(
        IEnumerable<KeyValuePair<(QualifiedName Table, string Column), IEnumerable<string>>> found)
    {
        var toCheckInSource = new Dictionary<(QualifiedName Table, string Column), List<(string Needle, Origin Origin)>>();
        foreach (var ((table, column), values) in found)
        {
            var name = $"{table}.{column}";
            if (verification.SearchOf(table, column) == TargetSearch.WholeValue)
            {
                foreach (var needle in values)
                {
                    var origins = needles[needle];
                    Count(_searched, (name, origins.FirstOrDefault(o => o.IsIn(table, column)) ?? origins[0]));
                }

                continue;
            }

            foreach (var needle in values)
            {
                foreach (var origin in needles[needle])
                {
                    if (!origin.Part.Remaskable && origin.IsIn(table, column))
                    {
                        Count(_searched, (name, origin)); // the scrub missed it
                    }
                    else if (toCheckInSource.TryGetValue((table, column), out var list))
                    {
                        list.Add((needle, origin));
                    }
                    else
                    {
                        toCheckInSource[(table, column)] = [(needle, origin)];
                    }
                }
            }
        }

        return toCheckInSource;
    }

    /// <summary>Originals found as words in a kept column that the same column of the source did not hold: leaks.</summary>
    public void CountNotInSource((QualifiedName Table, string Column) column, IEnumerable<(string Needle, Origin Origin)> candidates, IReadOnlySet<string> inSource)
    {
        foreach (var (_, origin) in candidates.Where(c => !inSource.Contains(c.Needle)))
        {
            Count(_searched, ($"{column.Table}.{column.Column}", origin));
        }
    }

    /// <summary>
    /// Every leak, once: one leak may show in several checks (a rule keeping its values: masked again, and found in its
    /// column), and the largest count stands.
    /// </summary>
    public IReadOnlyList<VerifyHit> Hits() =>
        [.. _kept.Concat(_inRows).Concat(_searched).GroupBy(l => l.Key, l => l.Value).Select(g => (g.Key, Value: g.Max()))
            .Select(l => new VerifyHit(l.Key.FoundIn, l.Key.Origin.Name, l.Value, l.Key.Origin.Rule.Describe(remasker.IsUnique(l.Key.Origin.Column, l.Key.Origin.Part))))
            .OrderBy(h => h.FoundIn, StringComparer.Ordinal).ThenBy(h => h.OriginalsOf, StringComparer.Ordinal)];

    private bool KeptByItsRule(Origin origin, string value)
    {
        if (!origin.Part.Remaskable)
        {
            return false; // judged by searching the text it leaves
        }

        return !origin.Rule.MayKeepByChance(remasker.IsUnique(origin.Column, origin.Part)) && !remasker.Changes(origin.Column, origin.Part, value);
    }

    private static void Count(Dictionary<(string, Origin), int> leaks, (string, Origin) key, int count = 1) => leaks[key] = leaks.GetValueOrDefault(key) + count;
}
