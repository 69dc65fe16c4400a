using System.Collections;

namespace DevDbSeed.Verification;

/// <summary>
/// Finds original values inside text as whole words: a value counts where it starts and ends at a word boundary,
/// so "Ann" is not found inside "Annual". Candidates are the substrings between boundaries whose length some value
/// has and whose first two characters some value starts with (for one-character values: whose character is one);
/// each is one hash lookup, made only when some value has its length, first two and last characters (a bit set of those
/// shapes turns away most candidates before their characters are hashed). Memory is a hash set of the values (a
/// multi-string automaton over 100,000 values took 160 MB).
/// </summary>
public sealed class NeedleIndex
{
    private readonly Dictionary<string, List<Origin>>.AlternateLookup<ReadOnlySpan<char>> _lookup;
    private readonly int[] _lengths;
    private readonly BitArray _prefixes = new(1 << 20);
    private readonly BitArray _shapes = new(1 << 22);

    /// <summary>The one-character values, by character; null when there are none (the usual case).</summary>
    private readonly BitArray? _singles;

    public NeedleIndex(Dictionary<string, List<Origin>> needles)
    {
        Needles = needles;
        _lookup = needles.GetAlternateLookup<ReadOnlySpan<char>>();
        _lengths = [.. needles.Keys.Where(k => k.Length > 0).Select(k => k.Length).Distinct().Order()];
        foreach (var needle in needles.Keys)
        {
            if (needle.Length == 1)
            {
                _singles ??= new BitArray(char.MaxValue + 1);
                _singles[needle[0]] = true;
            }
            else if (needle.Length > 1)
            {
                _prefixes[Prefix(needle[0], needle[1])] = true;
                _shapes[Shape(needle)] = true;
            }
        }
    }

    public Dictionary<string, List<Origin>> Needles { get; }

    /// <summary>Whether <paramref name="text"/>, whole, is one of the values; <paramref name="needle"/> is the stored value.</summary>
    public bool TryGetWhole(ReadOnlySpan<char> text, out string needle)
    {
        needle = null!;
        var possible = text.Length switch
        {
            0 => true,
            1 => _singles is not null && _singles[text[0]],
            _ => _shapes[Shape(text)],
        };
        return possible && _lookup.TryGetValue(text, out needle!, out _);
    }

    public int Count => Needles.Count;

    /// <summary>The length of the shortest needle: shorter text cannot hold one.</summary>
    public int MinLength => _lengths.Length == 0 ? int.MaxValue : _lengths[0];

    /// <summary>Calls <paramref name="found"/> for every needle occurring as whole words in <paramref name="text"/>.</summary>
    public void Find(ReadOnlySpan<char> text, Action<string> found)
    {
        if (text.Length < MinLength)
        {
            return;
        }

        for (var start = 0; start + MinLength <= text.Length; start++)
        {
            if (start > 0 && char.IsLetterOrDigit(text[start - 1]) && char.IsLetterOrDigit(text[start]))
            {
                continue; // inside a word
            }

            var single = _singles is not null && _singles[text[start]];
            var longer = start + 1 < text.Length && _prefixes[Prefix(text[start], text[start + 1])];
            if (!single && !longer)
            {
                continue; // no value starts like this
            }

            foreach (var length in _lengths)
            {
                var end = start + length;
                if (end > text.Length || (length > 1 && !longer))
                {
                    break; // lengths ascend: no longer value fits, or starts like this
                }

                if (length == 1 && !single)
                {
                    continue;
                }

                if ((end == text.Length || !char.IsLetterOrDigit(text[end]) || !char.IsLetterOrDigit(text[end - 1]))
                    && (length == 1 || _shapes[Shape(text[start..end])])
                    && _lookup.TryGetValue(text.Slice(start, length), out var key, out _))
                {
                    found(key);
                }
            }
        }
    }

    /// <summary>A 22-bit key of a value of two or more characters: its length, first two and last characters.</summary>
    private static int Shape(ReadOnlySpan<char> value) =>
        (int)((uint)HashCode.Combine(value.Length, value[0], value[1], value[^1]) & ((1 << 22) - 1));

    /// <summary>A 20-bit key of the first two characters of a value.</summary>
    private static int Prefix(char first, char second) => ((first * 31) ^ (second * 7919)) & ((1 << 20) - 1);
}
