using Bogus.Bson;

namespace DevDbSeed.Detection;

/// <summary>
/// The words people's names and addresses are made of, from Bogus's locale data in every locale the product ships
/// (first and last names, honorifics and suffixes, city names, street words), plus the usual honorifics and
/// street abbreviations the data lacks. Case-insensitive; read once, on first use (rules init and report only).
/// </summary>
public sealed class PeopleDictionary
{
    private static readonly Lazy<PeopleDictionary> Shared = new(Load);

    private PeopleDictionary()
    {
    }

    public static PeopleDictionary Instance => Shared.Value;

    /// <summary>First names of every locale, and a few common ones the locale data lacks.</summary>
    public HashSet<string> FirstNames { get; } = new(StringComparer.OrdinalIgnoreCase) { "Jürgen", "Jörg", "Björn", "Søren", "Zoë", "Chloë", "Siobhán" };

    /// <summary>Last names of every locale, and the placeholder and common ones the locale data lacks (Doe, O'Brien).</summary>
    public HashSet<string> LastNames { get; } = new(StringComparer.OrdinalIgnoreCase)
    {
        "Doe", "Roe", "Bloggs", "Mustermann", "Musterfrau", "O'Brien", "O'Connor", "O'Neill", "O'Sullivan", "McDonald", "MacDonald",
    };

    /// <summary>Mr, Mrs, Dr, Prof, Herr, Mme… (compared without a final full stop).</summary>
    public HashSet<string> Honorifics { get; } = new(StringComparer.OrdinalIgnoreCase)
    {
        "mr", "mrs", "ms", "miss", "mx", "dr", "prof", "sir", "dame", "lady", "lord", "rev", "herr", "frau", "m", "mme", "mlle", "sr", "sra", "srta", "dott", "sig", "sig.ra",
    };

    /// <summary>Jr, Sr, II, III, PhD… (compared without a final full stop or comma).</summary>
    public HashSet<string> Suffixes { get; } = new(StringComparer.OrdinalIgnoreCase) { "jr", "sr", "ii", "iii", "iv", "v", "phd", "md", "esq", "dds", "dvm" };

    /// <summary>Particles inside names: van, de, von, da, del, bin, al.</summary>
    public HashSet<string> Particles { get; } = new(StringComparer.OrdinalIgnoreCase)
    {
        "van", "von", "de", "der", "den", "da", "das", "dos", "del", "della", "di", "du", "la", "le", "bin", "binti", "al", "el", "ter", "ten", "zu", "y",
    };

    public HashSet<string> Cities { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Street, Avenue, Rd…: a word that ends an address line after its number (12 Baker Street).</summary>
    public HashSet<string> StreetSuffixes { get; } = new(StringComparer.OrdinalIgnoreCase)
    {
        "st", "ave", "av", "rd", "blvd", "dr", "ln", "ct", "pl", "sq", "hwy", "pkwy", "ter", "cres",
    };

    /// <summary>Rue, Calle, Via, Avenida…: a word that starts a street's name (3 rue de la Paix, Calle Mayor 10).</summary>
    public HashSet<string> StreetPrefixes { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Ends of compound street names (Hauptstraße, Birkenweg, Marktplatz).</summary>
    public IReadOnlyList<string> StreetEndings { get; } = ["straße", "strasse", "str.", "weg", "gasse", "platz", "allee", "damm", "ufer", "gatan", "vägen", "straat", "laan", "plein"];

    private static PeopleDictionary Load()
    {
        var words = new PeopleDictionary();
        foreach (var locale in Bogus.Database.GetAllLocales())
        {
            var data = Bogus.Database.GetLocale(locale);
            var name = data["name"] as BObject;
            var address = data["address"] as BObject;
            Add(words.FirstNames, name, "first_name", "male_first_name", "female_first_name", "male_middle_name", "female_middle_name");
            Add(words.LastNames, name, "last_name", "male_last_name", "female_last_name");
            Add(words.Honorifics, name, "prefix", "male_prefix", "female_prefix");
            Add(words.Suffixes, name, "suffix");
            Add(words.Cities, address, "city_name", "city");
            Add(words.StreetSuffixes, address, "street_suffix", "common_street_suffix");
            Add(words.StreetPrefixes, address, "street_prefix");
        }

        return words;
    }

    /// <summary>The plain entries of some lists (formats such as <c>#{Name.first_name}ville</c> aside), without a final full stop.</summary>
    private static void Add(HashSet<string> set, BObject? data, params string[] keys)
    {
        foreach (var key in keys)
        {
            if (data?[key] is not BArray list)
            {
                continue;
            }

            for (var i = 0; i < list.Count; i++)
            {
                if (list[i].StringValue is { Length: > 0 } entry && !entry.Contains('#', StringComparison.Ordinal) && !entry.Contains('{', StringComparison.Ordinal))
                {
                    set.Add(entry.TrimEnd('.'));
                }
            }
        }
    }
}
