namespace DevDbSeed.Copying;

/// <summary>
/// A bounded memo of masked values for one column, keyed by the original's COPY text: names, cities and
/// statuses repeat, so most of them are masked once. Direct-mapped (a slot per hash, the newest wins), so
/// memory stays fixed whatever the table size. It switches itself off when values rarely repeat (e-mails).
/// Masking is a pure function, so the memo never changes a result, only how often it is computed.
/// </summary>
public sealed class MemoCache
{
    public const int MaxKeyLength = 128;

    private const int Slots = 1 << 14;
    private const int TrialLookups = 20_000;
    private const double MinimumHitRate = 0.2;

    private readonly Entry[] _entries = new Entry[Slots];
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
            Array.Clear(_entries);
            return false;
        }

        var hash = Hash(key);
        ref var entry = ref _entries[hash & (Slots - 1)];
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
        _entries[hash & (Slots - 1)] = new Entry(hash, key.ToArray(), value.ToArray());
    }

    private static int Hash(ReadOnlySpan<byte> key)
    {
        var hash = default(HashCode);
        hash.AddBytes(key);
        return hash.ToHashCode() & int.MaxValue;
    }

    private readonly record struct Entry(int Hash, byte[]? Key, byte[] Value);
}
