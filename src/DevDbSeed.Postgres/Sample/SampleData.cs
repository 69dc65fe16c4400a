using Bogus;

namespace DevDbSeed.Postgres.Sample;

/// <summary>
/// The word lists the sample is drawn from: real-world names of several locales (non-ASCII included),
/// cities, streets and text with the characters that break naive tools (tabs, newlines, backslashes,
/// quotes, a literal \N, emoji). Built with a fixed seed, so every sample of a size is the same.
/// </summary>
internal static class SampleData
{
    private static readonly string[] NameLocales = ["en", "de", "fr", "es", "pl", "it", "pt_BR", "nl", "sv", "tr"];

    public static string[] FirstNames { get; } = Names("first_name", "male_first_name", "female_first_name");

    public static string[] LastNames { get; } = Names("last_name", "male_last_name", "female_last_name");

    public static string[] Cities { get; } =
    [
        .. Generate(600, f => f.Address.City()),
        "Zürich", "Kraków", "São Paulo", "Malmö", "Łódź", "Düsseldorf", "Montréal", "Reykjavík", "Ōsaka", "Île-de-France",
    ];

    public static string[] Streets { get; } = Generate(3000, f => f.Address.StreetAddress());

    public static string[] Domains { get; } =
        ["gmail.com", "yahoo.com", "outlook.com", "hotmail.com", "proton.me", "icloud.com", "gmx.de", "orange.fr", "acme-corp.com", "uni-example.edu"];

    public static string[] Countries { get; } = ["US", "US", "US", "US", "GB", "GB", "DE", "DE", "FR", "ES", "PL", "IN", "BR", "CA", "NL", "SE", "IT", "JP", "TR", "AU"];

    public static string[] Topics { get; } =
        ["Python", "TypeScript", "Rust", "SQL", "PostgreSQL", "React", "Go", "Kotlin", "machine learning", "prompt engineering", "Docker", "C#", "data viz", "system design"];

    /// <summary>Bio templates: {first}, {last}, {email}, {phone}, {city}, {topic} are replaced per user.</summary>
    public static string[] Bios { get; } =
    [
        "Hi! I'm {first}, learning {topic} in {city}.",
        "Backend dev from {city}. Reach me at {email} or {phone}.",
        "{first} {last} — vibe coder 🚀 building side projects in {topic}.",
        "Career changer.\tPreviously: accountant.\nNow: {topic} every evening.",
        "Windows user: my notes live in C:\\Users\\{first}\\learning\\{topic}.",
        "I said \"hello world\" in {topic} and never looked back.",
        "Teacher at a school in {city}; tabs\tand\tnewlines\nare part of my style \\o/",
        "\\N",
        "",
        "Ask me anything about {topic}: {email}",
        "Mentor, parent, night owl. Call {phone} after 6pm (CET).",
    ];

    /// <summary>Support ticket bodies: free text with personal data inside.</summary>
    public static string[] Tickets { get; } =
    [
        "Hello,\n\nI was charged twice for {topic}. My card ends in {last4}. Please refund to the same card.\n\nThanks, {first} {last}",
        "I can't log in with {email}. My phone is {phone} if you need to call.",
        "Please change my billing address to {street}, {city}.",
        "Lesson 3 of the {topic} course has a broken video. -- {first}",
        "Delete my account please. GDPR request from {email} (ref #{ref}).",
    ];

    private static string[] Names(string key, string male, string female)
    {
        var names = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var locale in NameLocales)
        {
            var data = Bogus.Database.GetLocale(locale)["name"] as Bogus.Bson.BObject;
            foreach (var list in new[] { key, male, female })
            {
                if (data?[list] is Bogus.Bson.BArray array)
                {
                    for (var i = 0; i < array.Count; i++)
                    {
                        var name = array[i].StringValue;
                        if (!string.IsNullOrWhiteSpace(name) && name.Length <= 40 && !name.Contains('#', StringComparison.Ordinal))
                        {
                            names.Add(name);
                        }
                    }
                }
            }
        }

        return [.. names];
    }

    private static string[] Generate(int count, Func<Faker, string> make)
    {
        var faker = new Faker("en") { Random = new Randomizer(20261127) };
        return [.. Enumerable.Range(0, count * 2).Select(_ => make(faker)).Distinct(StringComparer.Ordinal).Take(count)];
    }
}
