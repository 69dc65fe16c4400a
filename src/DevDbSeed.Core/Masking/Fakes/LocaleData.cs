using System.Collections.Concurrent;
using System.Text;
using Bogus.Bson;

namespace DevDbSeed.Masking.Fakes;

/// <summary>
/// Bogus's locale data for one locale, compiled once for keyed picks: every list becomes UTF-8 entries,
/// every format (<c>#{Name.first_name}</c>, <c>###</c>, <c>?</c>) a sequence of segments. Keys missing in the
/// locale fall back to English, as Bogus does. Thread-safe and shared.
/// </summary>
public sealed class LocaleData
{
    public const string Fallback = "en";

    private static readonly ConcurrentDictionary<string, LocaleData> Cache = new(StringComparer.Ordinal);

    private readonly BObject _data;
    private readonly BObject? _fallback;
    private readonly ConcurrentDictionary<(string, string, LocaleFormat), LocaleList> _lists = new();

    private LocaleData(string locale)
    {
        Locale = locale;
        _data = Bogus.Database.GetLocale(locale);
        _fallback = locale == Fallback ? null : Bogus.Database.GetLocale(Fallback);
    }

    public string Locale { get; }

    public static IReadOnlyList<string> AvailableLocales { get; } = [.. Bogus.Database.GetAllLocales().Order(StringComparer.Ordinal)];

    public static LocaleData For(string locale) => Cache.GetOrAdd(locale, static l => new LocaleData(l));

    /// <summary>Whether the locale (or the English fallback) has <paramref name="category"/>.<paramref name="key"/>.</summary>
    public bool Has(string category, string key) => Raw(category, key, fallback: true) is BArray;

    /// <summary>A compiled list; <paramref name="format"/> says which placeholders the entries use.</summary>
    public LocaleList List(string category, string key, LocaleFormat format = LocaleFormat.Plain) =>
        _lists.GetOrAdd((category, key, format), static (k, self) => self.Compile(k.Item1, k.Item2, k.Item3), this);

    private BValue? Raw(string category, string key, bool fallback)
    {
        var value = (_data[category] as BObject)?[key];
        if (value is null or { IsNone: true } && fallback && _fallback is not null)
        {
            value = (_fallback[category] as BObject)?[key];
        }

        return value is { IsNone: false } ? value : null;
    }

    private LocaleList Compile(string category, string key, LocaleFormat format)
    {
        var entries = Entries(category, key)
            ?? throw new InvalidOperationException($"Bogus locale '{Locale}' has no {category}.{key}");
        var compiled = entries.Select(e => CompileEntry(e, category, format)).ToArray();
        return new LocaleList($"{category}.{key}", compiled);
    }

    /// <summary>
    /// The strings of a list. Gendered locales without a plain first/last name list get both genders; a list the
    /// locale lacks or leaves empty comes from English, as Bogus does; a gendered key English lacks
    /// (<c>man_last_name</c>) falls back to the plain one.
    /// </summary>
    private List<string>? Entries(string category, string key)
    {
        if (Raw(category, key, fallback: false) is BArray own && Strings(own) is { Count: > 0 } ownStrings)
        {
            return ownStrings;
        }

        foreach (var (male, female) in new[] { ("male_", "female_"), ("man_", "woman_") })
        {
            if (Raw(category, male + key, fallback: false) is BArray m && Raw(category, female + key, fallback: false) is BArray f
                && Strings(m).Concat(Strings(f)).ToList() is { Count: > 0 } both)
            {
                return both;
            }
        }

        if (_fallback is not null && (_fallback[category] as BObject)?[key] is BArray english && Strings(english) is { Count: > 0 } englishStrings)
        {
            return englishStrings;
        }

        foreach (var prefix in new[] { "male_", "female_", "man_", "woman_" })
        {
            if (key.StartsWith(prefix, StringComparison.Ordinal))
            {
                return Entries(category, key[prefix.Length..]);
            }
        }

        return null;
    }

    private static List<string> Strings(BArray array)
    {
        var result = new List<string>(array.Count);
        for (var i = 0; i < array.Count; i++)
        {
            if (array[i] is { ValueType: BValueType.String } value && !string.IsNullOrEmpty(value.StringValue))
            {
                result.Add(value.StringValue);
            }
        }

        return result;
    }

    private LocaleSegment[] CompileEntry(string entry, string category, LocaleFormat format)
    {
        var segments = new List<LocaleSegment>();
        var literal = new StringBuilder();
        void Flush()
        {
            if (literal.Length > 0)
            {
                segments.Add(LocaleSegment.Text(Encoding.UTF8.GetBytes(literal.ToString())));
                literal.Clear();
            }
        }

        for (var i = 0; i < entry.Length; i++)
        {
            var c = entry[i];
            if (c == '#' && i + 1 < entry.Length && entry[i + 1] == '{')
            {
                var end = entry.IndexOf('}', i + 2);
                if (end > 0)
                {
                    Flush();
                    var reference = entry[(i + 2)..end];
                    var dot = reference.IndexOf('.', StringComparison.Ordinal);
                    var refCategory = dot < 0 ? category : reference[..dot].ToLowerInvariant();
                    var refKey = dot < 0 ? reference : reference[(dot + 1)..];
                    segments.Add(LocaleSegment.Reference(() => List(refCategory, refKey, LocaleFormat.Formatted)));
                    i = end;
                    continue;
                }
            }

            if (format != LocaleFormat.Plain && c is '#' or '?' or '*' || format == LocaleFormat.Phone && c == '!')
            {
                Flush();
                segments.Add(LocaleSegment.Placeholder(c));
                continue;
            }

            literal.Append(c);
        }

        Flush();
        return [.. segments];
    }
}

/// <summary>Which placeholders a list's entries use.</summary>
public enum LocaleFormat
{
    /// <summary>Plain values (names, words): only <c>#{...}</c> references are expanded.</summary>
    Plain,

    /// <summary>Formats: <c>#</c> a digit, <c>?</c> a letter, <c>*</c> either (Bogus's Random.Replace).</summary>
    Formatted,

    /// <summary>Phone formats: as <see cref="Formatted"/>, and <c>!</c> a digit from 2 to 9.</summary>
    Phone,
}
