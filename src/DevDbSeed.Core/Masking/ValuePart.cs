using DevDbSeed.Catalog;
using DevDbSeed.Masking.Transformers;

namespace DevDbSeed.Masking;

/// <summary>Where inside a column's value a rule changes originals.</summary>
public enum PartKind
{
    /// <summary>The whole value.</summary>
    Whole,

    /// <summary>The members of a JSON document at a path.</summary>
    JsonMember,

    /// <summary>The elements of an array.</summary>
    ArrayElement,

    /// <summary>Items found in free text (the e-mails, phones, cards, IBANs and IPs a scrub rule replaces).</summary>
    TextItem,
}

/// <summary>A place inside a column's value where a rule changes originals, and the rule applied there.</summary>
/// <param name="Kind">The whole value, JSON members, array elements or items in text.</param>
/// <param name="Position">How messages name it: null for the whole value, a JSON path, <c>[*]</c>, <c>scrub:email+phone</c>.</param>
/// <param name="Rule">The rule applied to the originals there.</param>
/// <param name="Path">For JSON members: their path.</param>
public sealed record ValuePart(PartKind Kind, string? Position, MaskingRule Rule, JsonPath? Path = null)
{
    /// <summary>The type of this part's values inside a column of type <paramref name="column"/>.</summary>
    public ColumnType TypeIn(ColumnType column) => Kind switch
    {
        PartKind.JsonMember => ColumnType.JsonMember,
        PartKind.ArrayElement => column.Element ?? ColumnType.Text,
        _ => column,
    };

    /// <summary>Whether masking an original of this part again tells if the rule kept it (<see cref="MaskingRule.RemaskingRevealsLeaks"/>).</summary>
    public bool Remaskable => Rule.RemaskingRevealsLeaks;
}

/// <summary>How the columns of a database masked with a rule are searched for originals.</summary>
public enum TargetSearch
{
    /// <summary>Not searched: the rule's outputs may equal other originals by chance (a name list's pick, a shifted date).</summary>
    None,

    /// <summary>Compared whole: the rule cannot produce an original (hash, mask, unique fake), so any original there is a leak.</summary>
    WholeValue,

    /// <summary>Searched as words: the rule leaves most of the text as it was (scrub); an item it replaces found there is a leak.</summary>
    Words,

    /// <summary>The JSON members no rule masks are searched as words (json), where the document may have changed since the copy.</summary>
    KeptMembers,
}
