namespace DevDbSeed.Masking.Fakes;

/// <summary>One compiled list of a locale: picking an entry and expanding it costs a few array reads.</summary>
public sealed class LocaleList
{
    private readonly LocaleSegment[][] _entries;

    /// <summary>For lists of plain words (names, cities): every entry's UTF-8 in one array, for cache-friendly picks.</summary>
    private readonly byte[]? _text;
    private readonly int[]? _offsets;
    private int _minLength = -1;

    internal LocaleList(string name, LocaleSegment[][] entries)
    {
        Name = name;
        _entries = entries;
        if (entries.All(e => e is [{ Literal: not null }]))
        {
            _offsets = new int[entries.Length + 1];
            _text = new byte[entries.Sum(e => e[0].Literal!.Length)];
            for (var i = 0; i < entries.Length; i++)
            {
                entries[i][0].Literal!.CopyTo(_text, _offsets[i]);
                _offsets[i + 1] = _offsets[i] + entries[i][0].Literal!.Length;
            }
        }
    }

    public string Name { get; }

    public int Count => _entries.Length;

    /// <summary>Picks an entry with <paramref name="random"/> and writes its expansion.</summary>
    public void Generate(ref KeyedRandom random, Utf8Builder output)
    {
        var index = random.Next(_entries.Length);
        if (_text is not null)
        {
            output.Append(_text.AsSpan(_offsets![index], _offsets[index + 1] - _offsets[index]));
            return;
        }

        foreach (var segment in _entries[index])
        {
            segment.Write(ref random, output);
        }
    }

    /// <summary>
    /// The same list with every plain entry rewritten by <paramref name="map"/> once, up front (entries that are
    /// formats or references are kept); entries mapped to an empty string are dropped.
    /// </summary>
    public LocaleList Map(string name, Func<string, string> map)
    {
        var entries = new List<LocaleSegment[]>();
        foreach (var entry in _entries)
        {
            if (entry is [var only] && only.Literal is { } literal)
            {
                var mapped = map(System.Text.Encoding.UTF8.GetString(literal));
                if (mapped.Length > 0)
                {
                    entries.Add([LocaleSegment.Text(System.Text.Encoding.UTF8.GetBytes(mapped))]);
                }
            }
            else
            {
                entries.Add(entry);
            }
        }

        return new LocaleList(name, entries.Count > 0 ? [.. entries] : _entries);
    }

    /// <summary>The length in characters of the shortest expansion (for fit checks).</summary>
    public int MinLength
    {
        get
        {
            if (_minLength < 0)
            {
                _minLength = 0; // guards against self-references while computing
                _minLength = _entries.Min(e => e.Sum(s => s.MinLength));
            }

            return _minLength;
        }
    }
}

/// <summary>A piece of a compiled locale entry: literal text, a placeholder or a reference to another list.</summary>
internal sealed class LocaleSegment
{
    private readonly byte[]? _text;
    private readonly char _placeholder;
    private readonly Lazy<LocaleList>? _reference;

    private LocaleSegment(byte[]? text, char placeholder, Func<LocaleList>? reference)
    {
        _text = text;
        _placeholder = placeholder;
        _reference = reference is null ? null : new Lazy<LocaleList>(reference);
    }

    public static LocaleSegment Text(byte[] utf8) => new(utf8, '\0', null);

    /// <summary>The UTF-8 text of a literal segment; null for placeholders and references.</summary>
    public byte[]? Literal => _text;

    public static LocaleSegment Placeholder(char c) => new(null, c, null);

    public static LocaleSegment Reference(Func<LocaleList> list) => new(null, '\0', list);

    public int MinLength => _text is not null ? Utf8Text.CharCount(_text) : _reference is not null ? _reference.Value.MinLength : 1;

    public void Write(ref KeyedRandom random, Utf8Builder output)
    {
        if (_text is not null)
        {
            output.Append(_text);
        }
        else if (_reference is not null)
        {
            _reference.Value.Generate(ref random, output);
        }
        else
        {
            output.Append(_placeholder switch
            {
                '#' => (byte)('0' + random.Next(10)),
                '!' => (byte)('2' + random.Next(8)),
                '?' => (byte)('A' + random.Next(26)),
                _ => random.NextBool() ? (byte)('0' + random.Next(10)) : (byte)('A' + random.Next(26)),
            });
        }
    }
}
