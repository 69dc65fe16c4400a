using DevDbSeed.Catalog;
using DevDbSeed.Rules;

namespace DevDbSeed.Review;

/// <summary>The tables of one rules file, as its side of a diff read them.</summary>
/// <param name="Path">The file as shown (repository-relative for git refs).</param>
/// <param name="Tables">Its table entries.</param>
public sealed record RulesDocument(string Path, IReadOnlyDictionary<QualifiedName, TableRule> Tables);

/// <summary>
/// Compares the tables of two versions of a set of rules files, column by column. A table is matched by name: in the
/// file of the same path when several files name it, across files otherwise (a table moved to another file is the same
/// table). A table or column only one side names is added or removed.
/// </summary>
public static class TableComparer
{
    public static IEnumerable<RuleChange> Compare(IReadOnlyList<RulesDocument> before, IReadOnlyList<RulesDocument> after)
    {
        var was = Entries(before);
        var now = Entries(after);
        foreach (var table in was.Keys.Union(now.Keys).OrderBy(t => t.ToString(), StringComparer.Ordinal))
        {
            foreach (var change in Pair(was.GetValueOrDefault(table) ?? [], now.GetValueOrDefault(table) ?? []))
            {
                yield return change;
            }
        }
    }

    /// <summary>The changes from <paramref name="before"/> to <paramref name="after"/>, one table's rules.</summary>
    public static IEnumerable<RuleChange> Compare(TableRule before, TableRule after)
    {
        var name = after.Table.ToString();
        return (before, after) switch
        {
            (KeepTableRule, KeepTableRule) or (EmptyTableRule, EmptyTableRule) => [],
            (KeepTableRule, EmptyTableRule) or (ColumnsTableRule, EmptyTableRule) =>
                [new RuleChange(ChangeKind.Strengthened, name, Describe(before), "empty", "no rows copied now", after.Location)],
            (EmptyTableRule, KeepTableRule) =>
                [new RuleChange(ChangeKind.Weakened, name, "empty", "keep", "rows copied as they are now, were not copied", after.Location)],
            (EmptyTableRule, ColumnsTableRule) =>
                [new RuleChange(ChangeKind.Weakened, name, "empty", Describe(after), "rows copied now (masked by column), were not copied", after.Location)],
            (KeepTableRule, ColumnsTableRule columns) =>
                columns.Columns.Values.SelectMany(c => RuleComparer.Compare($"{name}.{c.Column}", null, c.Masking, c.Location)),
            (ColumnsTableRule columns, KeepTableRule) =>
                columns.Columns.Values.SelectMany(c => RuleComparer.Compare($"{name}.{c.Column}", c.Masking, null, after.Location))
                    .Select(c => c with { Reason = $"{c.Reason} (the table is keep now)" }),
            (ColumnsTableRule b, ColumnsTableRule a) => [.. KeptRows(name, b.KeepRows, a), .. Columns(name, b, a)],
            _ => [new RuleChange(ChangeKind.Weakened, name, Describe(before), Describe(after), "a table rule this version cannot compare: review it", after.Location)],
        };
    }

    /// <summary>How a table rule shows in a change: keep, empty, columns (n).</summary>
    public static string Describe(TableRule rule) => rule switch
    {
        KeepTableRule => "keep",
        EmptyTableRule => "empty",
        ColumnsTableRule columns => $"columns ({columns.Columns.Count})",
        _ => rule.GetType().Name,
    };

    /// <summary>
    /// A <c>keep_rows</c> predicate added or changed copies real rows unmasked (whether a new predicate keeps more rows
    /// only the source can say: a reviewer must): weakened; one removed, strengthened.
    /// </summary>
    private static IEnumerable<RuleChange> KeptRows(string table, KeepRows? before, ColumnsTableRule after)
    {
        var name = $"{table} keep_rows";
        var location = after.KeepRows?.Location ?? after.Location;
        return (before?.Predicate, after.KeepRows?.Predicate) switch
        {
            (null, null) => [],
            (null, { } added) => [new RuleChange(ChangeKind.Weakened, name, null, added, "rows matching it are copied unmasked now", location)],
            ({ } removed, null) => [new RuleChange(ChangeKind.Strengthened, name, removed, null, "every row is masked now", location)],
            var (b, a) when b == a => [],
            var (b, a) => [new RuleChange(ChangeKind.Weakened, name, b, a, "another predicate: it may keep other or more real rows unmasked, review it", location)],
        };
    }

    private static IEnumerable<RuleChange> Columns(string table, ColumnsTableRule before, ColumnsTableRule after)
    {
        foreach (var column in before.Columns.Keys.Union(after.Columns.Keys, StringComparer.Ordinal))
        {
            var name = $"{table}.{column}";
            var changes = (before.Columns.GetValueOrDefault(column), after.Columns.GetValueOrDefault(column)) switch
            {
                ({ } b, null) => [new RuleChange(ChangeKind.Removed, name, RuleComparer.Describe(b.Masking), null, "the new rules do not name the column", b.Location)],
                (null, { } a) => [new RuleChange(ChangeKind.Added, name, null, RuleComparer.Describe(a.Masking), "a column the old rules do not name", a.Location)],
                var (b, a) => RuleComparer.Compare(name, b!.Masking, a!.Masking, a.Location),
            };
            foreach (var change in changes)
            {
                yield return change;
            }
        }
    }

    private static Dictionary<QualifiedName, List<(string Path, TableRule Rule)>> Entries(IReadOnlyList<RulesDocument> documents)
    {
        var entries = new Dictionary<QualifiedName, List<(string, TableRule)>>();
        foreach (var document in documents)
        {
            foreach (var (table, rule) in document.Tables)
            {
                if (!entries.TryGetValue(table, out var list))
                {
                    entries[table] = list = [];
                }

                list.Add((document.Path, rule));
            }
        }

        return entries;
    }

    /// <summary>One table's entries on each side: by file path first; what is left, one against one; the rest added or removed.</summary>
    private static IEnumerable<RuleChange> Pair(List<(string Path, TableRule Rule)> before, List<(string Path, TableRule Rule)> after)
    {
        var oldLeft = new List<(string Path, TableRule Rule)>(before);
        var newLeft = new List<(string Path, TableRule Rule)>();
        var changes = new List<RuleChange>();
        foreach (var entry in after)
        {
            var match = oldLeft.FindIndex(o => o.Path == entry.Path);
            if (match >= 0)
            {
                changes.AddRange(Compare(oldLeft[match].Rule, entry.Rule));
                oldLeft.RemoveAt(match);
            }
            else
            {
                newLeft.Add(entry);
            }
        }

        if (oldLeft.Count == 1 && newLeft.Count == 1)
        {
            changes.AddRange(Compare(oldLeft[0].Rule, newLeft[0].Rule));
            return changes;
        }

        changes.AddRange(oldLeft.Select(o => new RuleChange(ChangeKind.Removed, o.Rule.Table.ToString(), Describe(o.Rule), null, "the new rules do not name the table", o.Rule.Location)));
        changes.AddRange(newLeft.Select(n => new RuleChange(ChangeKind.Added, n.Rule.Table.ToString(), null, Describe(n.Rule), "a table the old rules do not name", n.Rule.Location)));
        return changes;
    }
}
