using DevDbSeed.Catalog;
using DevDbSeed.Errors;
using DevDbSeed.Rules;

namespace DevDbSeed.Masking;

/// <summary>
/// A parsed column rule other than <c>keep</c>: what to do with each value. Parsed and validated when the
/// rules load (exit 2 on bad parameters), checked against the column when the plan is built (exit 3 when
/// it cannot fit), and turned into a transformer for each table copy.
/// </summary>
public abstract class MaskingRule
{
    private readonly RuleKind _kind;
    private IReadOnlyList<ValuePart>? _whole;

    /// <param name="kind">The declaration of the rule's kind: its name and whether it can be unique come from there.</param>
    /// <param name="location">Where the rule is written.</param>
    /// <param name="forcedUnique"><c>unique: true</c>; only for a kind that can be unique.</param>
    protected MaskingRule(RuleKind kind, SourceLocation location, bool forcedUnique)
    {
        if (forcedUnique && !kind.CanBeUnique)
        {
            throw new ArgumentException($"a {kind.Name} rule cannot be unique", nameof(forcedUnique));
        }

        _kind = kind;
        Location = location;
        ForcedUnique = forcedUnique;
    }

    /// <summary>Where the rule is written.</summary>
    public SourceLocation Location { get; }

    /// <summary><c>unique: true</c>: distinct values must stay distinct even without a unique constraint.</summary>
    public bool ForcedUnique { get; }

    /// <summary>The registry name of the rule kind (<c>fake</c>, <c>hash</c>, ...), as the kind declares it.</summary>
    public string Kind => _kind.Name;

    /// <summary>Whether this rule can map distinct values to distinct results (a constant cannot), as its kind declares it.</summary>
    public bool CanBeUnique => _kind.CanBeUnique;

    /// <summary>Whether every value becomes NULL (<c>null</c>): NULLs never collide, and a NULL reference never breaks a foreign key.</summary>
    public virtual bool AlwaysNull => false;

    /// <summary>Whether the result depends on the secret (false for <c>null</c>, <c>set</c>, <c>mask</c>).</summary>
    public virtual bool IsKeyed => true;

    /// <summary>
    /// The rule's identity: the transformer and its parameters, plus whether the mapping is unique.
    /// It seeds the rule's key, so equal texts mean equal mappings (a foreign key follows its target this way).
    /// </summary>
    public abstract string Canonical(bool unique);

    /// <summary>
    /// Whether the rule can give a value back unchanged by chance, as a correct mapping: a fake drawn from a list
    /// of names may pick the original name. Verification does not count that as a leak.
    /// </summary>
    public virtual bool MayKeepByChance(bool unique) => false;

    /// <summary>
    /// Whether an output can equal another original value by chance, as a correct mapping: a name list's pick, a
    /// shifted date, a constant. Outputs of a hash, a mask or a unique fake cannot, so a column with such a rule holding
    /// an original value holds a leak. (A unique fake's keyed digits make an equal original as rare as two fakes
    /// colliding, and possible only for an original shaped exactly like a fake: see <see cref="Transformers.FakeRule"/>.)
    /// </summary>
    public virtual bool MayEqualAnotherOriginal(bool unique) => true;

    /// <summary>A short human description for plans and reports.</summary>
    public virtual string Describe(bool unique) => Canonical(unique);

    /// <summary>
    /// How many bits keep distinct originals apart when the mapping is unique and values fit <paramref name="column"/>
    /// (its type and length; for a unique text fake, the digits of its suffix); 0 when unknown (the new database is then
    /// always checked).
    /// </summary>
    public virtual double UniqueBits(ColumnFit column) => 0;

    /// <summary>
    /// For a unique text fake: the digits its fakes carry in <paramref name="column"/> (<see cref="UniqueSuffix"/>), those
    /// of its mapping as many as fit, or, when the column does not say (<see cref="ColumnFit.SuffixDigits"/> null), as
    /// many as keep the column's rows apart; null for a rule that carries no suffix.
    /// </summary>
    public virtual int? SuffixDigitsFor(ColumnFit column) => null;

    /// <summary>How a unique mapping of this rule keeps values apart when <see cref="UniqueBits"/> gives it bits of its own.</summary>
    public virtual UniqueMethod UniqueMethodFor(ColumnType type) => UniqueMethod.CheckedAfterLoad;

    /// <summary>The constant every value becomes (<c>set</c>), cast-checked against the column's type before a run; null for other rules.</summary>
    public virtual string? Constant => null;

    /// <summary>The places where this rule changes originals inside a value: the whole value, unless the rule works inside it.</summary>
    public virtual IReadOnlyList<ValuePart> Parts => _whole ??= [new ValuePart(PartKind.Whole, null, this)];

    /// <summary>
    /// Calls <paramref name="found"/> with each original this rule changes in <paramref name="value"/> (a column's value
    /// as text) and the index of its part in <see cref="Parts"/>.
    /// </summary>
    public virtual void FindOriginals(string value, Action<int, string> found) => found(0, value);

    /// <summary>
    /// Whether <paramref name="after"/>, a masked value, still holds originals of <paramref name="before"/>, the same
    /// row's source value, that this rule changes; <paramref name="changes"/> says whether the rule changes an original
    /// of a part (its index in <see cref="Parts"/>).
    /// </summary>
    public virtual bool StillHoldsOriginal(string before, string after, Func<int, string, bool> changes) =>
        string.Equals(before, after, StringComparison.Ordinal) && changes(0, before);

    /// <summary>
    /// Whether masking an original again tells if the rule kept it. Not for a rule that rewrites only what it finds in a
    /// text (scrub): a text with nothing to rewrite comes back unchanged, correctly; it is judged by searching the text it leaves.
    /// </summary>
    public virtual bool RemaskingRevealsLeaks => true;

    /// <summary>
    /// The keyed mappings the values masked with this rule go through, by canonical text: its own, and those of the rules
    /// it applies inside a value. A collision repair of any of them changes what this rule writes.
    /// </summary>
    /// <param name="unique">Whether this rule maps uniquely where it is used.</param>
    /// <param name="uniqueRules">The rules unique wherever used (nested rules map uniquely when they are among them).</param>
    public virtual IEnumerable<string> MappingsUsed(bool unique, UniqueRuleSet uniqueRules) =>
        [Canonical(unique), .. Parts.Where(p => p.Rule != this).SelectMany(p => p.Rule.MappingsUsed(uniqueRules.Contains(p.Rule), uniqueRules))];

    /// <summary>How a database's column masked with this rule is searched for originals.</summary>
    public virtual TargetSearch SearchInTarget(bool unique) => MayEqualAnotherOriginal(unique) ? TargetSearch.None : TargetSearch.WholeValue;

    /// <summary>Problems (exit 3) when the rule cannot fill <paramref name="column"/>: wrong type, too long, NULL into NOT NULL.</summary>
    public abstract void CheckFits(ColumnFit column, ICollection<string> problems);

    public abstract IValueTransformer CreateTransformer(TransformerContext context);

    public override string ToString() => Describe(ForcedUnique);
}

/// <summary>The column a rule must fit, as planning sees it.</summary>
/// <param name="Name">schema.table.column for messages.</param>
/// <param name="Type">The column type (for a JSON path or an array element: the value's type).</param>
/// <param name="MaxLength">Smallest length limit among the columns sharing this mapping.</param>
/// <param name="NotNull">NOT NULL.</param>
/// <param name="Unique">The mapping must be injective.</param>
/// <param name="EstimatedRows">How many values to expect, to judge whether unique values can fit (0: unknown, or none).</param>
/// <param name="SuffixDigits">
/// For a unique text fake: the digits of its mapping's suffix as the plan sized them for all its columns (null: sized for
/// this column's rows alone).
/// </param>
public sealed record ColumnFit(string Name, ColumnType Type, int? MaxLength, bool NotNull, bool Unique, long EstimatedRows, int? SuffixDigits = null)
{
    public string Problem(MaskingRule rule, string text) => $"{Name} ({rule.Location}): {text}";
}
