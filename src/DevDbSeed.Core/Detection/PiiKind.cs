namespace DevDbSeed.Detection;

/// <summary>Kinds of personal data found inside text (by content, not by column name).</summary>
[Flags]
public enum PiiKind
{
    None = 0,
    Email = 1,
    Phone = 2,
    Ip = 4,
    Card = 8,
    Iban = 16,
    All = Email | Phone | Ip | Card | Iban,
}

/// <summary>One piece of personal data found in a text: its kind and where it is (UTF-16 indexes).</summary>
public readonly record struct PiiMatch(PiiKind Kind, int Start, int Length)
{
    public int End => Start + Length;
}
