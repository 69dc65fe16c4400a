using System.Text;

namespace DevDbSeed.Masking;

/// <summary>
/// A growable UTF-8 buffer that transformers write masked values into. Reused across values,
/// so the hot path does not allocate once it has grown to the largest value seen.
/// </summary>
public sealed class Utf8Builder
{
    private byte[] _buffer;

    public Utf8Builder(int capacity = 256) => _buffer = new byte[Math.Max(16, capacity)];

    public int Length { get; private set; }

    public ReadOnlySpan<byte> Written => _buffer.AsSpan(0, Length);

    /// <summary>The written bytes as memory, for asynchronous writes.</summary>
    public ReadOnlyMemory<byte> WrittenMemory => _buffer.AsMemory(0, Length);

    /// <summary>The written bytes, for edits in place (capitalising a letter, say).</summary>
    public Span<byte> WrittenMutable => _buffer.AsSpan(0, Length);

    public void Clear() => Length = 0;

    /// <summary>Cuts the content to its first <paramref name="length"/> bytes.</summary>
    public void Truncate(int length)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        if (length < Length)
        {
            Length = length;
        }
    }

    public void Append(byte value)
    {
        if (Length == _buffer.Length)
        {
            Grow(1);
        }

        _buffer[Length++] = value;
    }

    public void Append(ReadOnlySpan<byte> value)
    {
        if (Length + value.Length > _buffer.Length)
        {
            Grow(value.Length);
        }

        value.CopyTo(_buffer.AsSpan(Length));
        Length += value.Length;
    }

    public void Append(string value) => Append(value.AsSpan());

    public void Append(ReadOnlySpan<char> value)
    {
        var max = Encoding.UTF8.GetMaxByteCount(value.Length);
        if (Length + max > _buffer.Length)
        {
            Grow(max);
        }

        Length += Encoding.UTF8.GetBytes(value, _buffer.AsSpan(Length));
    }

    /// <summary>Appends a non-negative integer in decimal.</summary>
    public void AppendNumber(long value)
    {
        Span<byte> digits = stackalloc byte[20];
        if (!System.Buffers.Text.Utf8Formatter.TryFormat(value, digits, out var written))
        {
            throw new InvalidOperationException("a 64-bit integer always fits 20 digits");
        }

        Append(digits[..written]);
    }

    /// <summary>A span of <paramref name="count"/> bytes at the end, for the caller to fill.</summary>
    public Span<byte> AppendSpan(int count)
    {
        if (Length + count > _buffer.Length)
        {
            Grow(count);
        }

        var span = _buffer.AsSpan(Length, count);
        Length += count;
        return span;
    }

    /// <summary>Copies <paramref name="other"/>'s content over this builder's.</summary>
    public void Set(Utf8Builder other)
    {
        Clear();
        Append(other.Written);
    }

    public override string ToString() => Encoding.UTF8.GetString(Written);

    private void Grow(int needed)
    {
        Array.Resize(ref _buffer, Math.Max(_buffer.Length * 2, Length + needed));
    }
}
