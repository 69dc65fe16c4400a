using System.Text.RegularExpressions;

namespace DevDbSeed.Journal;

/// <summary>Reads a connection as events describe it, <c>user@host:port/database</c> (never a password).</summary>
internal static partial class ConnectionText
{
    /// <summary>The server (<c>user@host:port</c>) and the database; the whole text as the server when it has no <c>:port/</c>.</summary>
    public static (string Server, string Database) Split(string described) =>
        ServerAndDatabase().Match(described) is { Success: true } match
            ? (match.Groups["server"].Value, match.Groups["database"].Value)
            : (described, string.Empty);

    [GeneratedRegex(@"^(?<server>.*?:\d+)/(?<database>.*)$", RegexOptions.Singleline)]
    private static partial Regex ServerAndDatabase();
}
