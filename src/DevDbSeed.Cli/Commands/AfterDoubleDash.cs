using DevDbSeed.Errors;

namespace DevDbSeed.Cli.Commands;

/// <summary>
/// The words a command line has after <c>--</c>, which the parser hands over as arguments, split into paths and the few
/// options a command accepts there too (git's habit: <c>rules diff main HEAD -- rules/ --format sarif</c>). Any other word
/// that looks like an option is exit 2.
/// </summary>
internal static class AfterDoubleDash
{
    /// <summary>The paths, and the value of each option found, by the option's first name.</summary>
    /// <param name="words">What followed <c>--</c>.</param>
    /// <param name="options">Each accepted option's names, its canonical name first.</param>
    public static (string[] Paths, Dictionary<string, string> Options) Split(IReadOnlyList<string> words, params string[][] options)
    {
        var paths = new List<string>();
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < words.Count; i++)
        {
            var word = words[i];
            if (!word.StartsWith('-') || word == "-")
            {
                paths.Add(word);
                continue;
            }

            var separator = word.IndexOfAny(['=', ':']);
            var name = separator > 0 ? word[..separator] : word;
            var names = options.FirstOrDefault(o => o.Contains(name, StringComparer.Ordinal))
                ?? throw new ConfigurationException($"'{word}' after --: only paths and {string.Join(", ", options.Select(o => o[0]))} may follow --");
            var value = separator > 0 ? word[(separator + 1)..]
                : i + 1 < words.Count ? words[++i]
                : throw new ConfigurationException($"{name} after -- needs a value");
            values[names[0]] = value;
        }

        return ([.. paths], values);
    }
}
