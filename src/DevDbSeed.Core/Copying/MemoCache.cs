namespace DevDbSeed.Copying;

/// <summary>
/// A bounded memo of masked values for one column, keyed by the original's COPY text: names, cities and
/// statuses repeat, so most of them are masked once. Direct-mapped (a slot per hash, the newest wins), so
/// memory stays bounded whatever the table size; it starts small and grows with the values it has seen, up to its
/// bound (a slice of a few thousand rows, as a subset copies, never takes the room of a big table's, nor the large
/// object heap's garbage collections). It switches itself off when values rarely repeat (e-mails).
/// Masking is a pure function, so the memo never changes a result, only how often it is computed.
/// </summary>
public sealed class MemoCache
{
    public const int MaxKeyLength = 128;

    private const int MinSlots = 1 << 11; // 48 KB: under the large object heap's 85,000 bytes
    private const int MaxSlots = 1 << 14;
    private const int TrialLookups = 20_000;
    private const double MinimumHitRate = 0.2;

    private Entry[] _entries = new Entry[MinSlots];
    private long _lookups;
    private long _hits;

    public bool Enabled { get; private set; } = true;

    public long Hits => _hits;

    public long Lookups => _lookups;

    public bool TryGet(ReadOnlySpan<byte> key, out ReadOnlySpan<byte> value)
    {
        value = default;
        if (!Enabled || key.Length > MaxKeyLength)
        {
            return false;
        }

        _lookups++;
        if (_lookups == TrialLookups && _hits < TrialLookups * MinimumHitRate)
        {
            Enabled = false;
            _entries = []; // its room goes back
            return false;
        }

        if (_lookups == _entries.Length * 2L && _entries.Length < MaxSlots && _hits >= _lookups * MinimumHitRate)
        {
            Grow();
        }

        var hash = Hash(key);
        ref var entry = ref _entries[hash & (_entries.Length - 1)];
        if (entry.Hash == hash && entry.Key is not null && key.SequenceEqual(entry.Key))
        {
            _hits++;
            value = entry.Value;
            return true;
        }

        return false;
    }

    public void Add(ReadOnlySpan<byte> key, ReadOnlySpan<byte> value)
    {
        if (!Enabled || key.Length > MaxKeyLength)
        {
            return;
        }

        var hash = Hash(key);
        _entries[hash & (_entries.Length - 1)] = new Entry(hash, key.ToArray(), value.ToArray());
    }

    /// <summary>
    /// Four times the slots, the entries kept (each moves to the slot of its hash): when as many values were looked up as
    /// twice the slots and enough of them were found (values that rarely repeat gain nothing from more room).
    /// </summary>
    private void Grow()
    {
        var entries = new Entry[Math.Min(MaxSlots, _entries.Length * 4)];
        foreach (var entry in _entries)
        {
            if (entry.Key is not null)
            {
                entries[entry.Hash & (entries.Length - 1)] = entry;
            }
        }

        _entries = entries;
    }

    private static int Hash(ReadOnlySpan<byte> key)
    {
        var hash = default(HashCode);
        hash.AddBytes(key);
        return hash.ToHashCode() & int.MaxValue;
    }

    private readonly record struct Entry(int Hash, byte[]? Key, byte[] Value);
}
