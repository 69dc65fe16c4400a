using DevDbSeed.Masking;
using DevDbSeed.Masking.Transformers;

namespace DevDbSeed.Review;

/// <summary>
/// How much of an original value a rule lets through, weakest first. Two rules of different levels compare by level;
/// two rules of one level are another rule of the same strength (neutral), unless <c>unique</c> is dropped; two rules
/// of one kind compare by their parameters (<see cref="RuleComparer"/>).
/// </summary>
public enum ProtectionLevel
{
    /// <summary><c>keep</c>: the original value.</summary>
    Kept = 0,

    /// <summary><c>scrub</c>, <c>json</c>: parts of the value replaced, the rest of the text or document as it was.</summary>
    Partial = 1,

    /// <summary><c>shift</c>, <c>noise</c>, <c>mask</c> keeping characters: a value close to the original, or part of it.</summary>
    Approximate = 2,

    /// <summary>
    /// <c>mask</c> keeping no character (the original's length and punctuation), <c>set</c> (a hand-written constant, not
    /// keyed: it can be a real value, and verification accepts it wherever it matches).
    /// </summary>
    Shape = 3,

    /// <summary><c>fake</c>, <c>template</c>, <c>hash</c>: a keyed replacement that depends on the secret.</summary>
    Replaced = 4,

    /// <summary><c>null</c>: nothing of the value.</summary>
    Nulled = 5,

    /// <summary>A table's <c>empty</c>: no rows at all.</summary>
    NoRows = 6,
}

/// <summary>The <see cref="ProtectionLevel"/> of each rule kind.</summary>
public static class ProtectionLevels
{
    /// <summary>The level of <paramref name="rule"/> (null: <c>keep</c>); null for a kind this table does not know (judged as weakened).</summary>
    public static ProtectionLevel? Of(MaskingRule? rule) => rule switch
    {
        null => ProtectionLevel.Kept,
        ScrubRule or JsonRule => ProtectionLevel.Partial,
        ShiftRule or NoiseRule => ProtectionLevel.Approximate,
        MaskRule mask => mask.FirstKept + mask.LastKept > 0 ? ProtectionLevel.Approximate : ProtectionLevel.Shape,
        SetRule => ProtectionLevel.Shape,
        FakeRule or TemplateRule or HashRule => ProtectionLevel.Replaced,
        NullRule => ProtectionLevel.Nulled,
        EachRule each => Of(each.Element),
        _ => null,
    };

    /// <summary>What a value at <paramref name="level"/> holds of the original, for reasons.</summary>
    public static string Words(ProtectionLevel level) => level switch
    {
        ProtectionLevel.Kept => "the original value",
        ProtectionLevel.Partial => "the original with some parts replaced",
        ProtectionLevel.Approximate => "a value close to the original, or part of it",
        ProtectionLevel.Shape => "the original's shape or a hand-written constant",
        ProtectionLevel.Replaced => "a keyed replacement",
        ProtectionLevel.Nulled => "NULL",
        _ => "no rows",
    };
}
