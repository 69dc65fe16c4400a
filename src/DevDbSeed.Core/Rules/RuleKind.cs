using DevDbSeed.Errors;
using DevDbSeed.Masking;
using YamlDotNet.RepresentationModel;

namespace DevDbSeed.Rules;

/// <summary>
/// Parses the value of one rule kind (what follows <c>hash:</c>) into a rule written at <paramref name="at"/>;
/// <paramref name="unique"/> is <c>unique: true</c>, only ever set for kinds that can be unique.
/// </summary>
public delegate MaskingRule RuleKindParser(RuleParser parser, YamlNode value, SourceLocation at, bool unique);

/// <summary>
/// A rule kind as it declares itself, next to its parser in its transformer file. The one declaration drives the
/// parser (which keys a mapping of parameters may hold, their ranges, which are required, whether <c>unique</c> is
/// allowed), <see cref="MaskingRule.Kind"/> and <see cref="MaskingRule.CanBeUnique"/> of the rules it makes, and
/// the rules JSON Schema (<see cref="RulesSchema"/>): parser and schema cannot disagree.
/// </summary>
/// <param name="Name">The key that names the kind in a rule (<c>hash</c> in <c>{ hash: { length: 12 } }</c>).</param>
/// <param name="Description">What the kind does to each value, for editors (the schema's description).</param>
/// <param name="Value">What the kind takes: parameters as data, or another shape (a generator, a rule, ...).</param>
/// <param name="CanBeUnique">Whether it can keep distinct values distinct, so that <c>unique: true</c> is allowed.</param>
/// <param name="Parse">Reads the value into a rule.</param>
public sealed record RuleKind(string Name, string Description, RuleValue Value, bool CanBeUnique, RuleKindParser Parse)
{
    public override string ToString() => Name;
}
