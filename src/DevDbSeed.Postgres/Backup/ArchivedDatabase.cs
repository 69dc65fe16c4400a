using System.Text.RegularExpressions;

namespace DevDbSeed.Postgres.Backup;

/// <summary>
/// The database a backup was dumped from, as its archive describes it (the DATABASE and DATABASE PROPERTIES entries,
/// which pg_restore prints with <c>--create</c>): its encoding and locale, and its <c>ALTER DATABASE ... SET</c>
/// settings. The scratch database is created with them, so that the dev database, which takes the source's properties,
/// gets production's rather than the restore server's defaults. The archive is input: only options and settings of a
/// known, plain shape are taken, each rebuilt from what was matched, never as SQL text from the file.
/// </summary>
/// <param name="CreateOptions">The CREATE DATABASE options after the template (<c>ENCODING = 'LATIN1' LOCALE_PROVIDER = libc LOCALE = 'C'</c>); empty when the archive gives none.</param>
/// <param name="Settings">The settings, each as <c>ALTER DATABASE x SET</c> takes it (<c>"DateStyle" TO 'ISO, DMY'</c>).</param>
internal sealed partial record ArchivedDatabase(string CreateOptions, IReadOnlyList<string> Settings)
{
    /// <summary>What a database is created with when the archive says nothing: nothing beyond the server's defaults.</summary>
    public static ArchivedDatabase None { get; } = new(string.Empty, []);

    /// <summary>The options of CREATE DATABASE that describe the data's encoding and collation (never owner, tablespace or template).</summary>
    private static readonly HashSet<string> Kept = new(StringComparer.Ordinal)
    {
        "ENCODING", "LOCALE_PROVIDER", "LOCALE", "LC_COLLATE", "LC_CTYPE", "ICU_LOCALE", "ICU_RULES", "BUILTIN_LOCALE",
    };

    /// <summary>Reads pg_restore's <c>--create</c> script of the DATABASE entries; what it does not recognise is left out.</summary>
    public static ArchivedDatabase Parse(string script)
    {
        var options = new List<string>();
        var settings = new List<string>();
        foreach (var line in script.Split('\n', StringSplitOptions.TrimEntries))
        {
            if (Create().Match(line) is { Success: true } create)
            {
                options.AddRange(Option().Matches(create.Groups["options"].Value)
                    .Where(o => Kept.Contains(o.Groups["key"].Value))
                    .Select(o => $"{o.Groups["key"].Value} = {o.Groups["value"].Value}"));
            }
            else if (Setting().Match(line) is { Success: true } setting)
            {
                settings.Add($"{setting.Groups["name"].Value} TO {setting.Groups["value"].Value}");
            }
        }

        return new ArchivedDatabase(string.Join(' ', options), settings);
    }

    /// <summary>A literal (<c>'...'</c>, quotes doubled) or a plain word or number.</summary>
    private const string Value = @"(?:'(?:[^']|'')*'|[A-Za-z0-9_.+-]+)";

    /// <summary>A database name: a plain identifier or a quoted one.</summary>
    private const string Name = @"(?:""(?:[^""]|"""")+""|[A-Za-z_][A-Za-z0-9_$]*)";

    [GeneratedRegex($@"^CREATE DATABASE {Name} WITH (?<options>.+);$")]
    private static partial Regex Create();

    [GeneratedRegex($@"(?<key>[A-Z_]+) = (?<value>{Value})")]
    private static partial Regex Option();

    /// <summary><c>ALTER DATABASE x SET name TO value[, value...];</c> (a database's own setting; a role's in it is not taken: the role may not exist).</summary>
    [GeneratedRegex($@"^ALTER DATABASE {Name} SET (?<name>""[A-Za-z_][A-Za-z0-9_.]*""|[A-Za-z_][A-Za-z0-9_.]*) TO (?<value>{Value}(?:, {Value})*);$")]
    private static partial Regex Setting();
}
