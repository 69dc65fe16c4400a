using System.IO.Hashing;
using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace DevDbSeed.Copying;

/// <summary>
/// The fingerprints of one column's masked values (XxHash3 of their COPY text: equal texts, equal fingerprints), added by
/// the maskers of every slice in batches (thread-safe), then searched for two equal ones.
/// <para>
/// Memory stays flat at any size: at most <see cref="InMemory"/> fingerprints (8 MB) are held; beyond that they are
/// sorted and written to a temporary file (deleted when this is disposed), where the top bits of each fingerprint put it
/// in one of <see cref="Partitions"/> partitions. Two equal fingerprints share a partition, so the search reads, sorts
/// and scans one partition at a time: 10 M values take 80 MB of disk and about 1.3 MB of memory at once.
/// </para>
/// </summary>
public sealed class ColumnFingerprints : IDisposable
{
    /// <summary>How many fingerprints a masker keeps before it hands them over.</summary>
    internal const int BatchSize = 4096;

    /// <summary>How many fingerprints are held in memory before they go to disk (8 bytes each).</summary>
    internal const int InMemory = 1 << 20;

    /// <summary>How many partitions the fingerprints on disk are kept in (by their top bits).</summary>
    internal const int Partitions = 64;

    private const int PartitionShift = 64 - 6;

    private readonly int _inMemory;
    private readonly List<ulong> _held;
    private readonly List<(int Partition, long Offset, int Count)> _spilled = [];
    private SafeFileHandle? _file;
    private long _fileLength;
    private long _count;

    /// <param name="expected">How many values are expected (the table's estimated rows): room for them, up to
    /// <see cref="InMemory"/>, is taken at once, so that the list does not grow by doubling.</param>
    public ColumnFingerprints(long expected = 0)
        : this(expected, InMemory)
    {
    }

    /// <param name="expected">How many values are expected.</param>
    /// <param name="inMemory">How many fingerprints are held in memory before they go to disk.</param>
    internal ColumnFingerprints(long expected, int inMemory)
    {
        _inMemory = inMemory;
        _held = new List<ulong>((int)Math.Clamp(expected, 0, inMemory));
    }

    /// <summary>The fingerprint of a value's bytes (the copy's: its COPY text form).</summary>
    public static ulong Of(ReadOnlySpan<byte> copyText) => XxHash3.HashToUInt64(copyText);

    /// <summary>Adds a batch of fingerprints.</summary>
    public void Add(ReadOnlySpan<ulong> batch)
    {
        lock (_held)
        {
            _count += batch.Length;
            while (!batch.IsEmpty)
            {
                var room = Math.Min(batch.Length, _inMemory - _held.Count);
                _held.AddRange(batch[..room]);
                batch = batch[room..];
                if (_held.Count == _inMemory)
                {
                    Spill();
                }
            }
        }
    }

    /// <summary>How many values were fingerprinted.</summary>
    public long Count
    {
        get
        {
            lock (_held)
            {
                return _count;
            }
        }
    }

    /// <summary>Whether any fingerprints went to disk.</summary>
    internal bool Spilled => _file is not null;

    /// <summary>Whether two fingerprints are equal: two values may be (sorts what it holds; call once every slice is in).</summary>
    public bool MayHoldDuplicates()
    {
        lock (_held)
        {
            var held = CollectionsMarshal.AsSpan(_held);
            if (_file is null)
            {
                return AnyEqual(held);
            }

            held.Sort();
            for (var partition = 0; partition < Partitions; partition++)
            {
                if (PartitionMayHoldDuplicates(partition, held))
                {
                    return true;
                }
            }

            return false;
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

    public void Dispose()
    {
        lock (_held)
        {
            _file?.Dispose(); // opened to be deleted on close
            _file = null;
            _spilled.Clear();
            _held.Clear();
        }
    }

    /// <summary>Whether the fingerprints of one partition, on disk and in <paramref name="held"/> (sorted), hold two equal ones.</summary>
    private bool PartitionMayHoldDuplicates(int partition, ReadOnlySpan<ulong> held)
    {
        var range = PartitionRange(held, partition);
        var count = range.Length;
        foreach (var segment in _spilled)
        {
            count += segment.Partition == partition ? segment.Count : 0;
        }

        var prints = new ulong[count];
        var filled = 0;
        foreach (var segment in _spilled.Where(s => s.Partition == partition))
        {
            var bytes = MemoryMarshal.AsBytes(prints.AsSpan(filled, segment.Count));
            for (var read = 0; read < bytes.Length;)
            {
                read += RandomAccess.Read(_file!, bytes[read..], segment.Offset + read);
            }

            filled += segment.Count;
        }

        range.CopyTo(prints.AsSpan(filled));
        return AnyEqual(prints);
    }

    /// <summary>Sorts what is held and appends it to the file, one segment per partition.</summary>
    private void Spill()
    {
        _file ??= File.OpenHandle(Path.Combine(Path.GetTempPath(), $"devdbseed-fingerprints-{Guid.NewGuid():N}"), FileMode.CreateNew,
            FileAccess.ReadWrite, FileShare.None, FileOptions.DeleteOnClose);
        var held = CollectionsMarshal.AsSpan(_held);
        held.Sort();
        for (var partition = 0; partition < Partitions; partition++)
        {
            var range = PartitionRange(held, partition);
            if (range.IsEmpty)
            {
                continue;
            }

            RandomAccess.Write(_file, MemoryMarshal.AsBytes(range), _fileLength);
            _spilled.Add((partition, _fileLength, range.Length));
            _fileLength += (long)range.Length * sizeof(ulong);
        }

        _held.Clear();
    }

    /// <summary>The fingerprints of one partition in sorted <paramref name="prints"/>: a contiguous range.</summary>
    private static ReadOnlySpan<ulong> PartitionRange(ReadOnlySpan<ulong> prints, int partition)
    {
        var start = LowerBound(prints, (ulong)partition << PartitionShift);
        var end = partition == Partitions - 1 ? prints.Length : LowerBound(prints, (ulong)(partition + 1) << PartitionShift);
        return prints[start..end];
    }

    /// <summary>The index of the first fingerprint not below <paramref name="value"/> in sorted <paramref name="prints"/>.</summary>
    private static int LowerBound(ReadOnlySpan<ulong> prints, ulong value)
    {
        var found = prints.BinarySearch(value);
        if (found < 0)
        {
            return ~found;
        }

        while (found > 0 && prints[found - 1] == value)
        {
            found--;
        }

        return found;
    }
}
