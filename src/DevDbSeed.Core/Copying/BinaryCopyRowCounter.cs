using System.Buffers.Binary;

namespace DevDbSeed.Copying;

/// <summary>
/// Counts the rows of a binary COPY stream without decoding a value: it walks the framing (header, then per
/// row a field count and each field's length) across chunks of any size.
/// </summary>
public sealed class BinaryCopyRowCounter
{
    private const int SignatureLength = 11;

    private readonly byte[] _pending = new byte[4];
    private int _pendingLength;
    private State _state = State.Signature;
    private long _skip = SignatureLength + 4; // signature and flags
    private int _fieldsLeft;

    private enum State
    {
        Signature,
        ExtensionLength,
        FieldCount,
        FieldLength,
        Done,
    }

    public long Rows { get; private set; }

    public void Consume(ReadOnlySpan<byte> data)
    {
        while (!data.IsEmpty && _state != State.Done)
        {
            if (_skip > 0)
            {
                var skipped = (int)Math.Min(_skip, data.Length);
                _skip -= skipped;
                data = data[skipped..];
                if (_skip == 0 && _state == State.Signature)
                {
                    _state = State.ExtensionLength;
                }

                continue;
            }

            var needed = _state == State.FieldCount ? 2 : 4;
            var take = Math.Min(needed - _pendingLength, data.Length);
            data[..take].CopyTo(_pending.AsSpan(_pendingLength));
            _pendingLength += take;
            data = data[take..];
            if (_pendingLength < needed)
            {
                return;
            }

            _pendingLength = 0;
            Advance();
        }
    }

    private void Advance()
    {
        switch (_state)
        {
            case State.ExtensionLength:
                _skip = BinaryPrimitives.ReadInt32BigEndian(_pending);
                _state = State.FieldCount;
                break;
            case State.FieldCount:
                var count = BinaryPrimitives.ReadInt16BigEndian(_pending);
                if (count < 0)
                {
                    _state = State.Done; // the trailer
                    return;
                }

                Rows++;
                _fieldsLeft = count;
                _state = count == 0 ? State.FieldCount : State.FieldLength;
                break;
            case State.FieldLength:
                _skip = Math.Max(0, BinaryPrimitives.ReadInt32BigEndian(_pending)); // -1 is NULL
                if (--_fieldsLeft == 0)
                {
                    _state = State.FieldCount;
                }

                break;
        }
    }
}
