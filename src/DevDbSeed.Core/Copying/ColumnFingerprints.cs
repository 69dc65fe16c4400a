using System.IO.Hashing;
using System.Runtime.InteropServices;

namespace DevDbSeed.Copying;

/// <summary>
/// The fingerprints of one column's masked values (XxHash3 of their COPY text: equal texts, equal fingerprints), added by
/// the maskers of every slice in batches (thread-safe), then searched for two equal ones.
/// </summary>
public sealed class ColumnFingerprints
{
    /// <summary>How many fingerprints a masker keeps before it hands them over.</summary>
    internal const int BatchSize = 4096;

    private readonly List<ulong> _all;

    /// <param name="expected">How many values are expected (the table's estimated rows): room for them is taken at once,
    /// so that a big column does not grow its list by doubling (up to twice the memory it needs).</param>
    public ColumnFingerprints(long expected = 0) => _all = new List<ulong>((int)Math.Clamp(expected, 0, Array.MaxLength));

    /// <summary>The fingerprint of a value's bytes (the copy's: its COPY text form).</summary>
    public static ulong Of(ReadOnlySpan<byte> copyText) => XxHash3.HashToUInt64(copyText);

    /// <summary>Adds a batch of fingerprints.</summary>
    public void Add(ReadOnlySpan<ulong> batch)
    {
        lock (_all)
        {
            _all.AddRange(batch);
        }
    }

    /// <summary>How many values were fingerprinted.</summary>
    public int Count
    {
        get
        {
            lock (_all)
            {
                return _all.Count;
            }
        }
    }

    /// <summary>Whether two fingerprints are equal: two values may be (sorts what it holds; call once every slice is in).</summary>
    public bool MayHoldDuplicates()
    {
        lock (_all)
        {
            return AnyEqual(CollectionsMarshal.AsSpan(_all));
        }
    }

    /// <summary>Whether two of <paramref name="prints"/> are equal (sorts them).</summary>
    public static bool AnyEqual(Span<ulong> prints)
    {
        prints.Sort();
        for (var i = 1; i < prints.Length; i++)
        {
            if (prints[i] == prints[i - 1])
            {
                return true;
            }
        }

        return false;
    }
}
