namespace DevDbSeed.Detection;

/// <summary>What a whole value is, by the words of <see cref="PeopleDictionary"/>.</summary>
public enum PersonShape
{
    None,

    /// <summary>A person's name: a first and a last name (Jane Doe, Dr. Jane A. Doe Jr., Doe, Jane, Ludwig van Beethoven).</summary>
    FullName,

    /// <summary>One word, a first name of some locale.</summary>
    FirstName,

    /// <summary>One word, a last name of some locale (and no first name).</summary>
    LastName,

    /// <summary>A city of some locale's list.</summary>
    City,

    /// <summary>A number and a street word (12 Baker Street, Hauptstraße 5, 3 rue de la Paix).</summary>
    StreetAddress,
}

/// <summary>
/// Recognises people's names, cities and street addresses in text, with the words of every locale: what a column's
/// or a JSON member's values are (<see cref="ShapeOf"/>), and whether free text mentions someone (<see cref="MentionsName"/>).
/// </summary>
public static class PersonText
{
    private static readonly char[] Separators = [' ', '\t', '\n', '\r'];

    /// <summary>What the whole of <paramref name="value"/> is; <see cref="PersonShape.None"/> when nothing of the above.</summary>
    public static PersonShape ShapeOf(string value)
    {
        var words = PeopleDictionary.Instance;
        var trimmed = value.Trim();
        if (trimmed.Length is < 2 or > 80)
        {
            return PersonShape.None;
        }

        var tokens = trimmed.Split(Separators, StringSplitOptions.RemoveEmptyEntries);
        if (IsStreetAddress(tokens, words))
        {
            return PersonShape.StreetAddress;
        }

        if (words.Cities.Contains(trimmed))
        {
            return PersonShape.City;
        }

        if (tokens.Length == 1)
        {
            return !IsNameWord(tokens[0]) ? PersonShape.None
                : words.FirstNames.Contains(tokens[0]) ? PersonShape.FirstName
                : words.LastNames.Contains(tokens[0]) ? PersonShape.LastName
                : PersonShape.None;
        }

        return IsFullName(tokens, words) ? PersonShape.FullName : PersonShape.None;
    }

    /// <summary>
    /// Whether free text names someone: a capitalised first name followed by a capitalised last name (maybe with a
    /// middle initial), or an honorific followed by a capitalised last name (Dr Smith, Mrs. Jones).
    /// </summary>
    public static bool MentionsName(string text)
    {
        var words = PeopleDictionary.Instance;
        var tokens = text.Split(Separators, StringSplitOptions.RemoveEmptyEntries);
        for (var i = 0; i + 1 < tokens.Length; i++)
        {
            var first = Word(tokens[i]);
            var next = i + 2 < tokens.Length && IsInitial(tokens[i + 1]) ? Word(tokens[i + 2]) : Word(tokens[i + 1]);
            if (!IsCapitalised(first) || !IsCapitalised(next) || !words.LastNames.Contains(next))
            {
                continue;
            }

            if (words.FirstNames.Contains(first) || (words.Honorifics.Contains(first) && first.Length > 1))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsFullName(string[] tokens, PeopleDictionary words)
    {
        var core = tokens.AsSpan();
        if (words.Honorifics.Contains(core[0].TrimEnd('.')))
        {
            core = core[1..];
        }

        while (core.Length > 2 && words.Suffixes.Contains(core[^1].TrimEnd('.', ',')))
        {
            core = core[..^1];
        }

        if (core.Length is < 2 or > 5 || !AllNameWords(core))
        {
            return false;
        }

        // "Doe, Jane": a last name, a comma, a first name
        if (core.Length == 2 && core[0].EndsWith(',') && words.LastNames.Contains(core[0].TrimEnd(',')) && words.FirstNames.Contains(core[1]))
        {
            return true;
        }

        var last = core.Length - 1;
        while (last > 1 && words.Particles.Contains(core[last - 1]))
        {
            last--; // van den Berg: the last name starts at its particles
        }

        if (!words.FirstNames.Contains(core[0]) || !(words.LastNames.Contains(core[^1]) || words.LastNames.Contains(string.Join(' ', core[last..].ToArray()))))
        {
            return false;
        }

        foreach (var middle in core[1..^1])
        {
            if (!IsInitial(middle) && !words.FirstNames.Contains(middle) && !words.LastNames.Contains(middle) && !words.Particles.Contains(middle))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// A house number and a street: the number first and a street suffix last (12 Baker Street, 221B Baker St.), a
    /// street prefix and a number anywhere (3 rue de la Paix, Calle Mayor 10), or a compound street name and its
    /// number (Hauptstraße 5).
    /// </summary>
    private static bool IsStreetAddress(string[] tokens, PeopleDictionary words)
    {
        static bool IsNumber(string t) => t.Length <= 6 && char.IsAsciiDigit(t[0]) && t.Count(char.IsAsciiDigit) >= t.Length - 2;
        static string Bare(string t) => t.TrimEnd('.', ',');
        if (tokens.Length is < 2 or > 8 || !tokens.Any(IsNumber))
        {
            return false;
        }

        return (tokens.Length >= 3 && IsNumber(tokens[0]) && words.StreetSuffixes.Contains(Bare(tokens[^1])))
            || (tokens.Length >= 3 && (tokens.Any(t => words.StreetPrefixes.Contains(Bare(t))) || words.StreetSuffixes.Contains(tokens[0])))
            || tokens.Any(t => words.StreetEndings.Any(e => Bare(t).Length > e.Length + 2 && Bare(t).EndsWith(e, StringComparison.OrdinalIgnoreCase)));
    }

    private static bool AllNameWords(ReadOnlySpan<string> tokens)
    {
        foreach (var token in tokens)
        {
            if (!IsNameWord(token.TrimEnd(',')) && !IsInitial(token))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Letters, maybe with hyphens and apostrophes (Anne-Marie, O'Brien).</summary>
    private static bool IsNameWord(string token) =>
        token.Length >= 2 && char.IsLetter(token[0]) && token.All(c => char.IsLetter(c) || c is '-' or '\'' or '’');

    /// <summary>J or J.</summary>
    private static bool IsInitial(string token) => token.Length is 1 or 2 && char.IsUpper(token[0]) && (token.Length == 1 || token[1] == '.');

    private static string Word(string token) => token.Trim(',', '.', ';', ':', '!', '?', '(', ')', '"', '\'');

    private static bool IsCapitalised(string word) => word.Length >= 2 && char.IsUpper(word[0]) && char.IsLower(word[1]);
}
