using DevDbSeed.Masking;
using DevDbSeed.Masking.Transformers;

namespace DevDbSeed.Detection;

/// <summary>
/// What a sample of a column's values holds: how many are wholly, or contain, each kind of personal data. Values
/// that are PostgreSQL array literals (<c>{a,"b c"}</c>, how array columns are sampled) also have their elements
/// profiled, one by one, in <see cref="Elements"/>.
/// </summary>
public sealed class ContentProfile
{
    private static readonly PiiKind[] Kinds = [PiiKind.Email, PiiKind.Phone, PiiKind.Ip, PiiKind.Card, PiiKind.Iban];
    private readonly Dictionary<PiiKind, int> _whole = [];
    private readonly Dictionary<PiiKind, int> _contains = [];
    private readonly string _noun;
    private long _length;
    private int _taxIds;
    private int _tokenLike;
    private int _mentions;
    private readonly Dictionary<PersonShape, int> _shapes = [];

    public ContentProfile()
        : this("values")
    {
    }

    private ContentProfile(string noun) => _noun = noun;

    public int Values { get; private set; }

    public double AverageLength => Values == 0 ? 0 : (double)_length / Values;

    /// <summary>The elements of the values that are array literals (NULL elements aside); null when none was one.</summary>
    public ContentProfile? Elements { get; private set; }

    public void Add(string value)
    {
        Values++;
        _length += value.Length;
        _taxIds += PiiDetector.IsTaxId(value) ? 1 : 0;
        _tokenLike += IsTokenLike(value) ? 1 : 0;
        var shape = PersonText.ShapeOf(value);
        _shapes[shape] = _shapes.GetValueOrDefault(shape) + 1;
        _mentions += shape == PersonShape.None && value.Length >= 12 && PersonText.MentionsName(value) ? 1 : 0;
        AddElements(value);
        var matches = PiiDetector.Find(value);
        foreach (var kind in Kinds)
        {
            var ofKind = matches.Where(m => m.Kind == kind).ToList();
            if (ofKind.Count == 0)
            {
                continue;
            }

            _contains[kind] = _contains.GetValueOrDefault(kind) + 1;
            var trimmed = value.Trim();
            if (ofKind is [var only] && only.Length == trimmed.Length && (kind != PiiKind.Phone || !trimmed.All(char.IsAsciiDigit)))
            {
                _whole[kind] = _whole.GetValueOrDefault(kind) + 1;
            }
        }
    }

    /// <summary>Profiles the elements of <paramref name="value"/> when it is an array literal, of any dimension.</summary>
    private void AddElements(string value)
    {
        if (value.Length < 2 || value[0] is not ('{' or '[') || value[^1] != '}')
        {
            return;
        }

        if (!PostgresArrayText.TryElements(value, out var elements))
        {
            return;
        }

        Elements ??= new ContentProfile("array elements");
        foreach (var element in elements)
        {
            Elements.Add(element);
        }
    }

    /// <summary>Share of sampled values that are wholly one item of <paramref name="kind"/>.</summary>
    public double WholeShare(PiiKind kind) => Values == 0 ? 0 : (double)_whole.GetValueOrDefault(kind) / Values;

    /// <summary>Share of sampled values that contain <paramref name="kind"/>.</summary>
    public double ContainsShare(PiiKind kind) => Values == 0 ? 0 : (double)_contains.GetValueOrDefault(kind) / Values;

    /// <summary>Share of sampled values that are wholly a VAT or tax identification number (<see cref="PiiDetector.IsTaxId"/>).</summary>
    public double TaxIdShare => Values == 0 ? 0 : (double)_taxIds / Values;

    /// <summary>
    /// Whether nearly every value is one opaque string (a token, a reference, a hash: 12 characters or more of letters,
    /// digits and the punctuation of base64 and URLs): personal data found in a few of them is chance, and only a rule replacing whole values protects them.
    /// </summary>
    public bool AreTokens => Values > 0 && _tokenLike >= 0.9 * Values;

    /// <summary>
    /// What a clear share of the values wholly are, by the words of people's names and addresses (at least 30 % full
    /// names; half of them street addresses or cities; 60 % single first or last names, the commoner of the two); null
    /// when nothing stands out.
    /// </summary>
    public (PersonShape Shape, string Described)? PersonFinding()
    {
        double Share(PersonShape shape) => Values == 0 ? 0 : (double)_shapes.GetValueOrDefault(shape) / Values;
        (PersonShape, string)? Found(PersonShape shape, double share) => (shape, $"{Percent(share)} of {Values} sampled {_noun} are {ShapeName(shape)}");
        var single = Share(PersonShape.FirstName) + Share(PersonShape.LastName);
        return Share(PersonShape.FullName) >= 0.3 ? Found(PersonShape.FullName, Share(PersonShape.FullName))
            : Share(PersonShape.StreetAddress) >= 0.5 ? Found(PersonShape.StreetAddress, Share(PersonShape.StreetAddress))
            : Share(PersonShape.City) >= 0.5 ? Found(PersonShape.City, Share(PersonShape.City))
            : single >= 0.6 ? Found(Share(PersonShape.FirstName) >= Share(PersonShape.LastName) ? PersonShape.FirstName : PersonShape.LastName, single)
            : null;
    }

    /// <summary>Share of sampled values that are not a name themselves but mention someone by name (free text).</summary>
    public double MentionShare => Values == 0 ? 0 : (double)_mentions / Values;

    /// <summary>"12 % of 50 sampled values mention people by name".</summary>
    public string DescribeMentions() => $"{Percent(MentionShare)} of {Values} sampled {_noun} mention people by name";

    private static string ShapeName(PersonShape shape) => shape switch
    {
        PersonShape.FullName => "people's names",
        PersonShape.FirstName or PersonShape.LastName => "first or last names",
        PersonShape.City => "city names",
        _ => "street addresses",
    };

    /// <summary>"98 % of sampled values are VAT or tax identification numbers".</summary>
    public string DescribeTaxIds() => $"{Percent(TaxIdShare)} of {Values} sampled {_noun} are VAT or tax identification numbers";

    private static bool IsTokenLike(string value) => value.Length >= 12 && value.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '+' or '/' or '=' or '.' or ':');

    /// <summary>The kind most values wholly are, when at least half of them are; None otherwise.</summary>
    public PiiKind Dominant => Kinds.Where(k => WholeShare(k) >= 0.5).OrderByDescending(WholeShare).FirstOrDefault();

    /// <summary>The kinds found inside at least one value.</summary>
    public PiiKind Contained => Kinds.Where(k => _contains.GetValueOrDefault(k) > 0).Aggregate(PiiKind.None, (a, k) => a | k);

    /// <summary>"98 % of sampled values are e-mail addresses".</summary>
    public string DescribeWhole(PiiKind kind) => $"{Percent(WholeShare(kind))} of {Values} sampled {_noun} are {KindNames(kind)}";

    /// <summary>"12 % of sampled values contain e-mail addresses, 3 % phone numbers".</summary>
    public string DescribeContained() =>
        $"of {Values} sampled {_noun}, " + string.Join(", ", Kinds.Where(k => _contains.GetValueOrDefault(k) > 0)
            .Select(k => $"{Percent(ContainsShare(k))} contain {KindNames(k)}"));

    public static string KindNames(PiiKind kinds) => string.Join(" or ", Kinds.Where(k => kinds.HasFlag(k)).Select(k => k switch
    {
        PiiKind.Email => "e-mail addresses",
        PiiKind.Phone => "phone numbers",
        PiiKind.Ip => "IP addresses",
        PiiKind.Card => "card numbers",
        _ => "IBANs",
    }));

    public static string ScrubList(PiiKind kinds) => string.Join(", ", ScrubRule.NamesOf(kinds));

    private static string Percent(double share) => share >= 0.995 ? "100 %" : share < 0.01 && share > 0 ? "<1 %" : $"{Math.Round(share * 100):0} %";
}
