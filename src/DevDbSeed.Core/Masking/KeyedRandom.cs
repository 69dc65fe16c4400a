using System.Buffers.Binary;
using System.Numerics;

namespace DevDbSeed.Masking;

/// <summary>
/// A small deterministic random source (xoshiro256**) seeded from a keyed digest of one original value.
/// Every draw a fake makes comes from here, so a fake is a pure function of (secret, rule, value):
/// never of row order, thread, time or a shared <see cref="Random"/>.
/// </summary>
public struct KeyedRandom
{
    private ulong _s0;
    private ulong _s1;
    private ulong _s2;
    private ulong _s3;

    /// <summary>Seeds the generator from a 32-byte digest.</summary>
    public KeyedRandom(ReadOnlySpan<byte> digest)
    {
        if (digest.Length < 32)
        {
            throw new ArgumentException("the seed digest must have 32 bytes", nameof(digest));
        }

        _s0 = BinaryPrimitives.ReadUInt64LittleEndian(digest);
        _s1 = BinaryPrimitives.ReadUInt64LittleEndian(digest[8..]);
        _s2 = BinaryPrimitives.ReadUInt64LittleEndian(digest[16..]);
        _s3 = BinaryPrimitives.ReadUInt64LittleEndian(digest[24..]);
        if ((_s0 | _s1 | _s2 | _s3) == 0)
        {
            _s0 = 0x9E3779B97F4A7C15UL; // xoshiro's only forbidden state
        }
    }

    public ulong NextUInt64()
    {
        var result = BitOperations.RotateLeft(_s1 * 5, 7) * 9;
        var t = _s1 << 17;
        _s2 ^= _s0;
        _s3 ^= _s1;
        _s1 ^= _s2;
        _s0 ^= _s3;
        _s2 ^= t;
        _s3 = BitOperations.RotateLeft(_s3, 45);
        return result;
    }

    /// <summary>A uniform integer in [0, <paramref name="maxExclusive"/>) without modulo bias (Lemire's method).</summary>
    public int Next(int maxExclusive)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxExclusive);
        var range = (ulong)maxExclusive;
        var product = Math.BigMul(NextUInt64(), range, out var low);
        if (low < range)
        {
            var threshold = (0UL - range) % range;
            while (low < threshold)
            {
                product = Math.BigMul(NextUInt64(), range, out low);
            }
        }

        return (int)product;
    }

    /// <summary>A uniform integer in [<paramref name="min"/>, <paramref name="max"/>], both inclusive.</summary>
    public int Next(int min, int max) => min + Next(max - min + 1);

    /// <summary>A uniform double in [0, 1).</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    public bool NextBool() => (NextUInt64() & 1) == 1;

    public T Pick<T>(T[] items) => items[Next(items.Length)];
}
