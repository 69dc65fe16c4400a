using DevDbSeed.Catalog;
using DevDbSeed.Masking;

namespace DevDbSeed.Copying;

/// <summary>
/// Masks one column's values: fields in COPY text form (NULL stays NULL, the value is unescaped, transformed and
/// escaped again), or plain values as binary COPY carries text (<see cref="MaskValue"/>), through a memo for values that
/// repeat (keyed by the form it is given, holding the COPY text form of the result). One per column per table copy (not thread-safe). For a unique
/// column the check after the load can answer from fingerprints, it fingerprints every value it writes
/// (<see cref="ColumnFingerprints"/>); <see cref="Complete"/> hands over the last of them.
/// </summary>
public sealed class ColumnMasker
{
    private readonly IValueTransformer _transformer;
    private readonly MemoCache? _memo;
    private readonly bool _trimPadding;
    private readonly Utf8Builder _original = new(256);
    private readonly Utf8Builder _masked = new(256);
    private readonly Utf8Builder _escaped = new(256);
    private readonly Utf8Builder _textIn = new(64);
    private readonly Utf8Builder _textOut = new(64);
    private readonly Utf8Builder _textPlain = new(64);
    private readonly Utf8Builder _remembered = new(256);
    private readonly ColumnFingerprints? _fingerprints;
    private readonly ulong[]? _pending;
    private int _pendingCount;

    /// <param name="transformer">The column's rule, made for this copy.</param>
    /// <param name="type">The column's type.</param>
    /// <param name="memoise">Whether repeated values are looked up instead of masked again.</param>
    /// <param name="fingerprints">Where the fingerprints of the values written go; null: none taken.</param>
    public ColumnMasker(IValueTransformer transformer, ColumnType type, bool memoise, ColumnFingerprints? fingerprints = null)
    {
        _transformer = transformer;
        _memo = memoise ? new MemoCache() : null;
        _trimPadding = type.Category == TypeCategory.FixedChar;
        _fingerprints = fingerprints;
        _pending = fingerprints is null ? null : new ulong[ColumnFingerprints.BatchSize];
    }

    public long Values { get; private set; }

    public long MemoHits => _memo?.Hits ?? 0;

    /// <summary>The masked form of one plain (unescaped) value; null when the rule makes it NULL. Checks and repairs use it.</summary>
    public string? MaskText(string original)
    {
        _textIn.Clear();
        CopyText.Escape(System.Text.Encoding.UTF8.GetBytes(original), _textIn);
        _textOut.Clear();
        Mask(_textIn.Written, _textOut);
        if (CopyText.IsNull(_textOut.Written))
        {
            return null;
        }

        _textPlain.Clear();
        CopyText.Unescape(_textOut.Written, _textPlain);
        return _textPlain.ToString();
    }

    /// <summary>Writes the masked COPY text of <paramref name="field"/> (COPY text) to <paramref name="output"/>.</summary>
    public void Mask(ReadOnlySpan<byte> field, Utf8Builder output)
    {
        if (CopyText.IsNull(field))
        {
            output.Append(field);
            return;
        }

        Values++;
        if (_memo is not null && _memo.TryGet(field, out var known))
        {
            Fingerprint(known);
            output.Append(known);
            return;
        }

        _original.Clear();
        CopyText.Unescape(field, _original);
        Transform(_original.Written, field, escape: true);
        output.Append(_escaped.Written);
    }

    /// <summary>
    /// Masks one plain, non-NULL value (binary COPY's text form, no escapes); false when the rule makes it NULL. Otherwise
    /// <paramref name="masked"/> is the masked value, valid until the next call. Writes what <see cref="Mask"/> writes for
    /// the same value in COPY text, and takes the same fingerprint.
    /// </summary>
    public bool MaskValue(ReadOnlySpan<byte> value, out ReadOnlySpan<byte> masked)
    {
        Values++;
        if (_memo is not null && _memo.TryGet(value, out var known))
        {
            Fingerprint(known);
            masked = default;
            if (CopyText.IsNull(known))
            {
                return false;
            }

            _remembered.Clear();
            CopyText.Unescape(known, _remembered);
            masked = _remembered.Written;
            return true;
        }

        var isValue = Transform(value, value, escape: _memo is { Enabled: true } || _pending is not null);
        masked = isValue ? _masked.Written : default;
        return isValue;
    }

    /// <summary>Hands over the fingerprints not yet handed over: the copy of the slice is complete.</summary>
    public void Complete()
    {
        if (_pendingCount > 0)
        {
            _fingerprints!.Add(_pending.AsSpan(0, _pendingCount));
            _pendingCount = 0;
        }
    }

    /// <summary>
    /// Masks the plain value <paramref name="original"/> into <c>_masked</c>; false when the rule makes it NULL. With
    /// <paramref name="escape"/>, also writes its COPY text form to <c>_escaped</c> (<c>\N</c> for NULL), remembers it under
    /// <paramref name="key"/> and fingerprints it.
    /// </summary>
    private bool Transform(ReadOnlySpan<byte> original, ReadOnlySpan<byte> key, bool escape)
    {
        if (_trimPadding)
        {
            original = original.TrimEnd((byte)' ');
        }

        _masked.Clear();
        var isValue = _transformer.Transform(original, _masked);
        if (escape)
        {
            _escaped.Clear();
            if (isValue)
            {
                CopyText.Escape(_masked.Written, _escaped);
            }
            else
            {
                _escaped.Append(CopyText.Null);
            }

            _memo?.Add(key, _escaped.Written);
            Fingerprint(_escaped.Written);
        }

        return isValue;
    }

    private void Fingerprint(ReadOnlySpan<byte> masked)
    {
        if (_pending is null || CopyText.IsNull(masked))
        {
            return;
        }

        _pending[_pendingCount++] = ColumnFingerprints.Of(masked);
        if (_pendingCount == _pending.Length)
        {
            Complete();
        }
    }
}
