using System.Security.Cryptography;
using System.Text;

namespace DevDbSeed.Postgres.Target;

/// <summary>
/// How devdbseed names the databases it makes next to a target (<c>dev_devdbseed_new_1a2b3c4d</c>, the scratch restore,
/// the replaced previous copy) and writes names and texts into the SQL that creates, comments and configures them.
/// </summary>
internal static class DatabaseNames
{
    private const int MaxIdentifierBytes = 63;
    private const int RandomBytes = 4;

    /// <summary>
    /// A database name next to the target's, unique to this run, within 63 bytes:
    /// <c>dev_devdbseed_new_1a2b3c4d</c>.
    /// </summary>
    public static string NameFor(string target, string role) =>
        PrefixFor(target, role) + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(RandomBytes));

    /// <summary>What every <see cref="NameFor"/> of this target and role starts with: <c>dev_devdbseed_new_</c>.</summary>
    public static string PrefixFor(string target, string role)
    {
        var suffix = $"_devdbseed_{role}_";
        var prefix = target;
        while (Encoding.UTF8.GetByteCount(prefix + suffix) > MaxIdentifierBytes - (2 * RandomBytes))
        {
            prefix = prefix[..^1];
        }

        return prefix + suffix;
    }

    /// <summary>A SQL string literal: <c>'it''s'</c>.</summary>
    public static string Literal(string text) => "'" + text.Replace("'", "''", StringComparison.Ordinal) + "'";
}
