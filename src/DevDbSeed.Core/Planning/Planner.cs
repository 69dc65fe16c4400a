using DevDbSeed.Catalog;
using DevDbSeed.Errors;
using DevDbSeed.Masking;
using DevDbSeed.Rules;
using DevDbSeed.Yaml;

namespace DevDbSeed.Planning;

/// <summary>
/// Builds the <see cref="PipelinePlan"/> from the rules and the source catalog, or fails closed listing
/// every problem (exit 3): a table or column no rule classifies, a rule naming something the source does
/// not have, a foreign key whose rule would map differently from its target, a rule that cannot fit.
/// </summary>
public sealed class Planner
{
    private readonly RuleSet _rules;
    private readonly DatabaseCatalog _catalog;
    private readonly List<string> _problems = [];
    private readonly List<SchemaMismatch> _mismatches = [];
    private readonly Dictionary<(QualifiedName, string), Decision> _decisions = [];
    private readonly HashSet<(QualifiedName, string)> _resolving = [];

    private Planner(RuleSet rules, DatabaseCatalog catalog)
    {
        _rules = rules;
        _catalog = catalog;
    }

    public static PipelinePlan Plan(RuleSet rules, DatabaseCatalog catalog) => new Planner(rules, catalog).Build();

    private PipelinePlan Build()
    {
        CheckRulesNameRealThings();
        var roots = _catalog.RuleTables.OrderBy(t => t.Name).ToList();
        foreach (var table in roots)
        {
            if (!_rules.Tables.ContainsKey(table.Name))
            {
                foreach (var column in table.Columns.Where(c => !c.IsGenerated))
                {
                    _problems.Add($"{table.Name}.{column.Name}: not classified ({table.Name} has no entry in the rules)");
                    _mismatches.Add(new SchemaMismatch($"{table.Name}.{column.Name}", MismatchKind.Unclassified));
                }
            }
        }

        foreach (var table in roots.Where(t => _rules.Tables.ContainsKey(t.Name)))
        {
            foreach (var column in table.Columns)
            {
                Decide(table, column.Name);
            }
        }

        CheckEmptiedTargets(roots);
        var groups = MappingGroups(roots);
        var uniqueCanonicals = groups.Where(g => g.Value.Unique).Select(g => _decisions[g.Key].Rule!)
            .Where(r => r.CanBeUnique).Select(r => r.Canonical(false)).ToList();
        var uniqueRules = new UniqueRuleSet(uniqueCanonicals, SuffixDigits(roots, groups, new UniqueRuleSet(uniqueCanonicals)));
        var rootPlans = new Dictionary<QualifiedName, IReadOnlyList<ColumnPlan>>();
        foreach (var table in roots.Where(t => _rules.Tables.ContainsKey(t.Name)))
        {
            rootPlans[table.Name] = [.. table.Columns.Select(c => ColumnPlanOf(table, c, groups, uniqueRules))];
        }

        CheckKeptRows(rootPlans);
        if (_problems.Count > 0)
        {
            var sorted = _problems.Distinct().Order(StringComparer.Ordinal).ToList();
            throw new RulesMismatchException($"the rules do not fit the source schema ({Count(sorted.Count, "problem")})", sorted,
                [.. _mismatches.Distinct().OrderBy(m => m.Name, StringComparer.Ordinal)]);
        }

        var plans = roots.Where(t => _rules.Tables.ContainsKey(t.Name)).Select(t => RuleTablePlanOf(t, rootPlans[t.Name])).ToList();
        return new PipelinePlan(_catalog, _rules, plans, uniqueRules);
    }

    private void CheckRulesNameRealThings()
    {
        foreach (var (name, rule) in _rules.Tables)
        {
            var table = _catalog.Table(name);
            if (table is null)
            {
                var view = _catalog.Views.Contains(name) ? "is a view; views need no rule"
                    : _catalog.MaterializedViews.Contains(name) ? "is a materialized view; it is refreshed from the masked data and needs no rule"
                    : null;
                _problems.Add($"{name} ({rule.Location}): "
                    + (view ?? "no such table in the source" + Suggestions.DidYouMean(name.ToString(), _catalog.RuleTables.Select(t => t.Name.ToString()))));
                if (view is null)
                {
                    _mismatches.Add(new SchemaMismatch(name.ToString(), MismatchKind.Stale));
                }

                continue;
            }

            if (table.Root is { } root)
            {
                _problems.Add($"{name} ({rule.Location}): is a partition of {root}, whose rule covers it; remove this entry");
                continue;
            }

            if (rule is not ColumnsTableRule columns)
            {
                continue;
            }

            foreach (var (columnName, columnRule) in columns.Columns)
            {
                var column = table.Column(columnName);
                if (column is null)
                {
                    _problems.Add($"{name}.{columnName} ({columnRule.Location}): no such column in the source"
                        + Suggestions.DidYouMean(columnName, table.Columns.Select(c => c.Name)));
                    _mismatches.Add(new SchemaMismatch($"{name}.{columnName}", MismatchKind.Stale));
                }
                else if (column.IsGenerated)
                {
                    _problems.Add($"{name}.{columnName} ({columnRule.Location}): a generated column is recomputed from the masked data in the target; remove its rule");
                }
            }
        }
    }

    /// <summary>A column's effective rule: its own, or the rule of the masked column its foreign key references.</summary>
    private Decision Decide(TableInfo table, string columnName)
    {
        var key = (table.Name, columnName);
        if (_decisions.TryGetValue(key, out var known))
        {
            return known;
        }

        if (!_resolving.Add(key))
        {
            return Own(table, columnName); // a cycle of foreign keys: each column keeps its own rule
        }

        var decision = Own(table, columnName);
        var column = table.Column(columnName)!;
        if (!column.IsGenerated && _rules.Tables[table.Name] is not EmptyTableRule)
        {
            foreach (var (fk, referenced) in References(table, columnName))
            {
                var target = _catalog.Table(fk.ReferencedTable);
                if (target is null || !_rules.Tables.ContainsKey(target.Name))
                {
                    continue; // reported as unclassified
                }

                var targetDecision = Decide(target, referenced);
                decision = Follow(table, column, decision, targetDecision, $"{target.Name}.{referenced}");
            }
        }

        if (decision.Missing)
        {
            _problems.Add($"{table.Name}.{columnName}: not classified by any rule");
            _mismatches.Add(new SchemaMismatch($"{table.Name}.{columnName}", MismatchKind.Unclassified));
        }

        _resolving.Remove(key);
        _decisions[key] = decision;
        return decision;
    }

    private Decision Own(TableInfo table, string columnName)
    {
        var column = table.Column(columnName)!;
        if (column.IsGenerated)
        {
            return new Decision(ColumnAction.Generated, null, null, null);
        }

        return _rules.Tables[table.Name] switch
        {
            KeepTableRule keep => new Decision(ColumnAction.Keep, null, null, keep.Location),
            EmptyTableRule empty => new Decision(ColumnAction.Keep, null, null, empty.Location),
            ColumnsTableRule columns when columns.Columns.TryGetValue(columnName, out var rule) =>
                rule.IsKeep ? new Decision(ColumnAction.Keep, null, null, rule.Location) : new Decision(ColumnAction.Mask, rule.Masking, null, rule.Location),
            _ => new Decision(ColumnAction.Keep, null, null, null, Missing: true),
        };
    }

    /// <summary>Combines a column's own decision with the decision of the column its foreign key references.</summary>
    private Decision Follow(TableInfo table, ColumnInfo column, Decision own, Decision target, string targetName)
    {
        var name = $"{table.Name}.{column.Name}";
        if (own.Rule is { AlwaysNull: true })
        {
            return own; // a NULL reference never breaks a foreign key
        }

        if (target.Action != ColumnAction.Mask)
        {
            if (own.Action == ColumnAction.Mask)
            {
                _problems.Add($"{name} ({own.Location}): references {targetName}, which is kept; masking it would break the foreign key (keep it)");
            }

            return own;
        }

        var following = new Decision(ColumnAction.Mask, target.Rule, target.Follows ?? targetName, own.Location);
        if (own.Missing)
        {
            return following;
        }

        if (own.Action == ColumnAction.Mask && own.Rule!.Canonical(true) == target.Rule!.Canonical(true))
        {
            return following;
        }

        var how = _rules.Tables[table.Name] is KeepTableRule ? "the table is kept as is" : $"its rule is {(own.Rule is null ? "keep" : own.Rule.Describe(false))}";
        _problems.Add($"{name} ({own.Location}): references {targetName}, which is masked with {target.Rule!.Describe(false)}, but {how}; "
            + $"remove its rule (it follows {targetName}) or give it the same rule");
        return following;
    }

    private IEnumerable<(ForeignKeyInfo Key, string Referenced)> References(TableInfo table, string column) =>
        from fk in table.ForeignKeys
        from i in Enumerable.Range(0, fk.Columns.Count)
        where fk.Columns[i] == column
        select (fk, fk.ReferencedColumns[i]);

    /// <summary>Rows that reference an emptied table would violate their foreign key.</summary>
    private void CheckEmptiedTargets(IEnumerable<TableInfo> roots)
    {
        foreach (var table in roots.Where(t => _rules.Tables.TryGetValue(t.Name, out var r) && r is not EmptyTableRule))
        {
            foreach (var fk in table.ForeignKeys)
            {
                if (fk.ReferencedTable != table.Name && _rules.Tables.GetValueOrDefault(fk.ReferencedTable) is EmptyTableRule
                    && !fk.Columns.All(c => _decisions.GetValueOrDefault((table.Name, c))?.Rule is { AlwaysNull: true }))
                {
                    _problems.Add($"{table.Name}.{string.Join(",", fk.Columns)}: references {fk.ReferencedTable}, which the rules empty; "
                        + "its rows would break the foreign key (empty this table too, or set the column to null)");
                }
            }
        }
    }

    /// <summary>
    /// Masked columns that must map values identically (a foreign key and the column it references) form a
    /// group: unique if any member is, fitted to the shortest member.
    /// </summary>
    private Dictionary<(QualifiedName, string), MappingGroup> MappingGroups(IEnumerable<TableInfo> roots)
    {
        var groups = new Dictionary<(QualifiedName, string), MappingGroup>();
        var byTarget = new Dictionary<string, MappingGroup>(StringComparer.Ordinal);
        foreach (var table in roots)
        {
            foreach (var column in table.Columns)
            {
                if (_decisions.GetValueOrDefault((table.Name, column.Name)) is not { Action: ColumnAction.Mask } decision)
                {
                    continue;
                }

                var anchor = decision.Follows ?? $"{table.Name}.{column.Name}";
                if (!byTarget.TryGetValue(anchor, out var group))
                {
                    group = byTarget[anchor] = new MappingGroup();
                }

                group.Unique |= decision.Rule!.ForcedUnique || IsUnique(table, column.Name) || decision.Follows is not null;
                group.FitLength = Min(group.FitLength, column.Type.MaxLength);
                group.EstimatedRows = Math.Max(group.EstimatedRows, _catalog.EstimatedRows(table));
                groups[(table.Name, column.Name)] = group;
            }
        }

        return groups;
    }

    /// <summary>The digits of each unique text fake mapping, sized for the columns using it (<see cref="SuffixDigitsSizing"/>).</summary>
    private Dictionary<string, int> SuffixDigits(IEnumerable<TableInfo> roots, Dictionary<(QualifiedName, string), MappingGroup> groups, UniqueRuleSet uniqueRules)
    {
        var sizing = new SuffixDigitsSizing();
        foreach (var table in roots.Where(t => _rules.Tables.ContainsKey(t.Name)))
        {
            foreach (var column in table.Columns)
            {
                var (decision, group) = (_decisions[(table.Name, column.Name)], groups.GetValueOrDefault((table.Name, column.Name)));
                if (decision is { Action: ColumnAction.Mask, Rule: { } rule } && IsUniqueMapping(rule, group!, uniqueRules))
                {
                    sizing.Add(rule, new ColumnFit($"{table.Name}.{column.Name}", column.Type, group!.FitLength, column.NotNull, true, _catalog.EstimatedRows(table)),
                        MustHoldDistinctValues(table, column, rule, decision.Follows));
                }
            }
        }

        return sizing.Digits;
    }

    /// <summary>Whether a column's rule maps uniquely: its group must be unique, or the rule is unique wherever used.</summary>
    private static bool IsUniqueMapping(MaskingRule rule, MappingGroup group, UniqueRuleSet uniqueRules) =>
        rule.CanBeUnique && ((group.Unique && !rule.AlwaysNull) || uniqueRules.Contains(rule));

    /// <summary>Whether the column itself must hold distinct values (a unique key, <c>unique: true</c>); a column following a foreign key is checked where it points.</summary>
    private bool MustHoldDistinctValues(TableInfo table, ColumnInfo column, MaskingRule rule, string? follows) =>
        follows is null && (rule.ForcedUnique || IsUnique(table, column.Name));

    /// <summary>
    /// A column's plan. A rule is unique everywhere it is used as soon as one of its columns must be (a unique
    /// constraint, unique: true, a foreign key group): the same original then gets the same fake in every table,
    /// so joins on natural keys hold even without a declared foreign key.
    /// </summary>
    private ColumnPlan ColumnPlanOf(TableInfo table, ColumnInfo column, Dictionary<(QualifiedName, string), MappingGroup> groups, UniqueRuleSet uniqueRules)
    {
        var decision = _decisions[(table.Name, column.Name)];
        if (decision.Action != ColumnAction.Mask)
        {
            return new ColumnPlan(column, decision.Action, null, null, null, null);
        }

        var group = groups[(table.Name, column.Name)];
        var rule = decision.Rule!;
        var required = group.Unique && !rule.AlwaysNull;
        var unique = IsUniqueMapping(rule, group, uniqueRules);
        var fit = new ColumnFit($"{table.Name}.{column.Name}", column.Type, group.FitLength, column.NotNull, required || unique, group.EstimatedRows,
            unique ? uniqueRules.SuffixDigitsOf(rule.Canonical(true)) : null);
        rule.CheckFits(fit, _problems);
        var uniqueness = unique ? UniquenessOf(table, column, rule, fit, decision.Follows) : null;
        return new ColumnPlan(column, ColumnAction.Mask, rule, uniqueness, group.FitLength, decision.Follows);
    }

    /// <summary>
    /// How a unique column stays unique. The new database is checked where the column itself must hold distinct values
    /// (a unique key, <c>unique: true</c>; a column following a foreign key is checked where it points) and its mapping
    /// could collide among the table's rows (a table that shows no rows, never analysed, counts as
    /// <see cref="UniqueSuffix.DefaultRows"/>, as its digits do), or with the originals the rows <c>keep_rows</c> keeps hold
    /// (nothing keyed keeps a fake from equalling a value that was never masked).
    /// </summary>
    private Uniqueness UniquenessOf(TableInfo table, ColumnInfo column, MaskingRule rule, ColumnFit fit, string? follows)
    {
        var rows = _catalog.EstimatedRows(table);
        var bits = rule.UniqueBits(fit with { EstimatedRows = rows });
        var method = bits > 0 ? rule.UniqueMethodFor(column.Type) : UniqueMethod.CheckedAfterLoad;
        var distinct = MustHoldDistinctValues(table, column, rule, follows);
        var keepsRows = (_rules.Tables[table.Name] as ColumnsTableRule)?.KeepRows is not null;
        var digits = method == UniqueMethod.KeyedDigits ? rule.SuffixDigitsFor(fit) ?? 0 : 0;
        var mayCollide = keepsRows || CollisionBounds.MayCollide(bits, rows > 0 ? rows : UniqueSuffix.DefaultRows);
        return new Uniqueness(method, bits, distinct && mayCollide, digits);
    }

    private RuleTablePlan RuleTablePlanOf(TableInfo table, IReadOnlyList<ColumnPlan> columns)
    {
        var mode = _rules.Tables[table.Name] is EmptyTableRule ? CopyMode.Emptied
            : columns.Any(c => c.Action == ColumnAction.Mask) ? CopyMode.Masked
            : CopyMode.Passthrough;
        var keepRows = (_rules.Tables[table.Name] as ColumnsTableRule)?.KeepRows;
        var parts = (table.HasOwnRows ? [table] : _catalog.DataTables.Where(t => t.Root == table.Name).OrderBy(t => t.Name).ToList())
            .Select(t => new TablePlan(t, table.Name, mode, [.. t.Columns.Select(c => columns.First(p => p.Column.Name == c.Name) with { Column = c })])
            {
                KeepRows = mode == CopyMode.Masked ? keepRows : null,
            })
            .ToList();
        var key = mode == CopyMode.Masked ? ComparableKeyOf(table, columns) : null;
        return new RuleTablePlan(table, mode, columns, parts, RowSample.Of(_catalog, table), key) { KeepRows = keepRows };
    }

    /// <summary>
    /// Rows kept unmasked hold their own values, so none of their masked columns may be tied to another table's by a foreign key:
    /// a kept row's column following a masked column would reference a value that column no longer holds, and a kept row's
    /// masked column that others follow would be referenced by masked values it does not hold.
    /// </summary>
    private void CheckKeptRows(Dictionary<QualifiedName, IReadOnlyList<ColumnPlan>> rootPlans)
    {
        foreach (var (name, columns) in rootPlans)
        {
            if ((_rules.Tables[name] as ColumnsTableRule)?.KeepRows is not { } keepRows)
            {
                continue;
            }

            foreach (var column in columns.Where(c => c.Action == ColumnAction.Mask))
            {
                var full = $"{name}.{column.Column.Name}";
                if (column.Follows is { } follows)
                {
                    _problems.Add($"{full} ({keepRows.Location}): keep_rows copies some rows of {name} unmasked, but {full} follows the masked {follows} through a "
                        + "foreign key: a kept row would reference a value it no longer holds (keep the column, or drop keep_rows)");
                }

                var followers = rootPlans.SelectMany(t => t.Value.Where(c => c.Follows == full).Select(c => $"{t.Key}.{c.Column.Name}")).Order(StringComparer.Ordinal).ToList();
                if (followers.Count > 0)
                {
                    _problems.Add($"{full} ({keepRows.Location}): keep_rows copies some rows of {name} unmasked, but {string.Join(", ", followers)} reference{(followers.Count == 1 ? "s" : string.Empty)} "
                        + "it through a foreign key and are masked like it: they would reference values the kept rows do not hold (keep the column, or drop keep_rows)");
                }
            }
        }
    }

    /// <summary>The shortest unique key (not partial, not on expressions) whose columns are NOT NULL and kept.</summary>
    private static UniqueKeyInfo? ComparableKeyOf(TableInfo table, IReadOnlyList<ColumnPlan> columns) =>
        table.UniqueKeys
            .Where(k => !k.IsPartial && !k.IsExpression && k.Columns.Count > 0)
            .Where(k => k.Columns.All(name => columns.FirstOrDefault(c => c.Column.Name == name) is { Action: ColumnAction.Keep, Column.NotNull: true }))
            .OrderBy(k => k.Columns.Count)
            .FirstOrDefault();

    private bool IsUnique(TableInfo table, string column) =>
        table.UniqueKeys.Any(k => k.Columns.Contains(column))
        || _catalog.Tables.Where(t => t.Root == table.Name).Any(p => p.UniqueKeys.Any(k => k.Columns.Contains(column)));

    private static int? Min(int? a, int? b) => a is null ? b : b is null ? a : Math.Min(a.Value, b.Value);

    private static string Count(int n, string noun) => n == 1 ? $"1 {noun}" : $"{n} {noun}s";

    private sealed record Decision(ColumnAction Action, MaskingRule? Rule, string? Follows, SourceLocation? Location, bool Missing = false);

    private sealed class MappingGroup
    {
        public bool Unique { get; set; }

        public int? FitLength { get; set; }

        public long EstimatedRows { get; set; }
    }
}
