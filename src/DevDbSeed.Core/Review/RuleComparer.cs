using System.Globalization;
using DevDbSeed.Errors;
using DevDbSeed.Masking;
using DevDbSeed.Masking.Transformers;

namespace DevDbSeed.Review;

/// <summary>
/// Classifies the change from one column rule to another (null: <c>keep</c>). Rules of different
/// <see cref="ProtectionLevel"/>s compare by level; rules of one kind by their parameters (unique dropped, a mask keeping
/// more characters, a shorter hash, scrub kinds removed, a smaller shift or noise); <c>json</c> member by member and
/// <c>each</c> by its element rule. A change nothing here can judge is weakened, so that a person reviews it.
/// </summary>
public static class RuleComparer
{
    /// <summary>The changes from <paramref name="before"/> to <paramref name="after"/> for <paramref name="name"/>; none when they are the same rule.</summary>
    /// <param name="at">Where the new rule is written (the column's entry).</param>
    public static IEnumerable<RuleChange> Compare(string name, MaskingRule? before, MaskingRule? after, SourceLocation? at)
    {
        if (Same(before, after))
        {
            return [];
        }

        if (before is JsonRule oldJson && after is JsonRule newJson)
        {
            return CompareMembers(name, oldJson, newJson, at);
        }

        if (before is EachRule oldEach && after is EachRule newEach)
        {
            return Compare($"{name}[*]", oldEach.Element, newEach.Element, at);
        }

        var (kind, reason) = Classify(before, after);
        return [new RuleChange(kind, name, Describe(before), Describe(after), reason, at)];
    }

    /// <summary>A rule as the changes show it: <c>keep</c>, <c>unique fake internet.email</c>, <c>mask with '*', keep last 4</c>.</summary>
    public static string Describe(MaskingRule? rule) =>
        rule is null ? "keep" : (rule.ForcedUnique ? "unique " : string.Empty) + rule.Describe(false);

    private static bool Same(MaskingRule? before, MaskingRule? after) =>
        before is null || after is null
            ? before is null && after is null
            : before.ForcedUnique == after.ForcedUnique
              && string.Equals(before.Canonical(before.ForcedUnique), after.Canonical(after.ForcedUnique), StringComparison.Ordinal);

    private static (ChangeKind Kind, string Reason) Classify(MaskingRule? before, MaskingRule? after)
    {
        if (after is null)
        {
            return (ChangeKind.Weakened, "copied as it is now");
        }

        if (before is null)
        {
            return (ChangeKind.Strengthened, "masked now, was kept");
        }

        if (ProtectionLevels.Of(before) is not { } was || ProtectionLevels.Of(after) is not { } now)
        {
            return (ChangeKind.Weakened, "a rule this version cannot compare: review it");
        }

        if (now < was)
        {
            return (ChangeKind.Weakened, $"now {ProtectionLevels.Words(now)}, was {ProtectionLevels.Words(was)}");
        }

        if (now > was)
        {
            return (ChangeKind.Strengthened, $"now {ProtectionLevels.Words(now)}, was {ProtectionLevels.Words(was)}");
        }

        var findings = new List<(ChangeKind Kind, string Reason)>();
        if (before.ForcedUnique != after.ForcedUnique)
        {
            findings.Add(before.ForcedUnique ? (ChangeKind.Weakened, "unique dropped") : (ChangeKind.Strengthened, "unique added"));
        }

        findings.AddRange(before.Kind == after.Kind ? SameKind(before, after) : [(ChangeKind.Neutral, "another rule of the same strength")]);
        return Combine(findings);
    }

    /// <summary>Weakened when anything is, else strengthened when anything is, else neutral.</summary>
    private static (ChangeKind Kind, string Reason) Combine(List<(ChangeKind Kind, string Reason)> findings)
    {
        var kind = findings.Count == 0 ? ChangeKind.Neutral : findings.Min(f => f.Kind);
        var reasons = findings.Where(f => f.Kind == kind).Select(f => f.Reason).ToList();
        return (kind, reasons.Count > 0 ? string.Join("; ", reasons) : "another rule of the same strength");
    }

    private static IEnumerable<(ChangeKind Kind, string Reason)> SameKind(MaskingRule before, MaskingRule after) => (before, after) switch
    {
        (FakeRule b, FakeRule a) => b.Generator.Name == a.Generator.Name ? [] : [(ChangeKind.Neutral, "another fake")],
        (TemplateRule b, TemplateRule a) => b.Template == a.Template ? [] : [(ChangeKind.Neutral, "another template")],
        (SetRule b, SetRule a) => b.Value == a.Value ? [] : [(ChangeKind.Neutral, "another constant")],
        (HashRule b, HashRule a) => Hash(b, a),
        (MaskRule b, MaskRule a) => Mask(b, a),
        (ShiftRule b, ShiftRule a) => Range(b.MaxDays, a.MaxDays, "dates move less", "dates move more"),
        (NoiseRule b, NoiseRule a) => Range(b.MaxRatio, a.MaxRatio, "less noise", "more noise"),
        (ScrubRule b, ScrubRule a) => Scrub(b, a),
        (NullRule, NullRule) => [],
        _ => [(ChangeKind.Weakened, "a rule this version cannot compare: review it")],
    };

    private static IEnumerable<(ChangeKind, string)> Hash(HashRule before, HashRule after)
    {
        const int Short = 8;
        var alphabet = before.AlphabetUsed == after.AlphabetUsed ? [] : new[] { (ChangeKind.Neutral, "another alphabet") };
        return (before.HashLength, after.HashLength) switch
        {
            ({ } b, { } a) when a < b => [(ChangeKind.Weakened, $"hash shorter ({b} → {a} characters)")],
            ({ } b, { } a) when a > b => [(ChangeKind.Strengthened, $"hash longer ({b} → {a} characters)")],
            ({ }, null) => [(ChangeKind.Weakened, "hash as long as the original now: it tells the original's length")],
            (null, { } a) when a < Short => [(ChangeKind.Weakened, $"hash of {a} characters, shorter than most originals")],
            (null, { }) => [(ChangeKind.Neutral, "hash of a fixed length instead of the original's")],
            _ => alphabet,
        };
    }

    private static IEnumerable<(ChangeKind, string)> Mask(MaskRule before, MaskRule after)
    {
        if (after.FirstKept > before.FirstKept || after.LastKept > before.LastKept)
        {
            return [(ChangeKind.Weakened, $"mask keeps more characters ({Kept(before)} → {Kept(after)})")];
        }

        return after.FirstKept < before.FirstKept || after.LastKept < before.LastKept
            ? [(ChangeKind.Strengthened, $"mask keeps fewer characters ({Kept(before)} → {Kept(after)})")]
            : [(ChangeKind.Neutral, "another mask character")];

        static string Kept(MaskRule mask) => $"first {mask.FirstKept}, last {mask.LastKept}";
    }

    private static IEnumerable<(ChangeKind, string)> Range(double before, double after, string weaker, string stronger)
    {
        var was = before.ToString(CultureInfo.InvariantCulture);
        var now = after.ToString(CultureInfo.InvariantCulture);
        return after < before ? [(ChangeKind.Weakened, $"{weaker} ({was} → {now})")]
            : after > before ? [(ChangeKind.Strengthened, $"{stronger} ({was} → {now})")]
            : [];
    }

    private static IEnumerable<(ChangeKind, string)> Scrub(ScrubRule before, ScrubRule after)
    {
        var removed = ScrubRule.NamesOf(before.Kinds & ~after.Kinds).ToList();
        var added = ScrubRule.NamesOf(after.Kinds & ~before.Kinds).ToList();
        if (removed.Count > 0)
        {
            yield return (ChangeKind.Weakened, $"scrub no longer finds {string.Join(", ", removed)}");
        }

        if (added.Count > 0)
        {
            yield return (ChangeKind.Strengthened, $"scrub also finds {string.Join(", ", added)}");
        }
    }

    /// <summary>Member by member: a member with no rule any more is copied as it is (weakened), a new one is masked now.</summary>
    private static IEnumerable<RuleChange> CompareMembers(string name, JsonRule before, JsonRule after, SourceLocation? at)
    {
        var was = before.Members.ToDictionary(m => m.Path.ToString(), m => m.Rule, StringComparer.Ordinal);
        var now = after.Members.ToDictionary(m => m.Path.ToString(), m => m.Rule, StringComparer.Ordinal);
        foreach (var path in was.Keys.Union(now.Keys, StringComparer.Ordinal))
        {
            var member = $"{name}:{path}";
            var rule = now.GetValueOrDefault(path);
            var changes = (was.GetValueOrDefault(path), rule) switch
            {
                ({ } b, null) => [new RuleChange(ChangeKind.Weakened, member, Describe(b), "keep", "no rule for the member any more: copied as it is", at)],
                (null, { } a) => [new RuleChange(ChangeKind.Strengthened, member, "keep", Describe(a), "a rule for the member now", a.Location)],
                var (b, a) => Compare(member, b, a, a!.Location),
            };
            foreach (var change in changes)
            {
                yield return change;
            }
        }
    }
}
