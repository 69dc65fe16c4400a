using System.Globalization;
using System.Text.RegularExpressions;

namespace DevDbSeed.Postgres.Backup;

/// <summary>
/// What an archive says of itself in the header <c>pg_restore --list</c> prints before its table of contents: the
/// pg_dump that made it (a pg_restore at least as new must restore it) and when.
/// </summary>
/// <param name="PgDumpVersion">"16.4", from <c>;     Dumped by pg_dump version: 16.4 (Debian 16.4-1)</c>; null when absent.</param>
/// <param name="Created">From <c>; Archive created at 2026-12-06 02:00:03 UTC</c>; null when absent or unreadable.</param>
internal sealed partial record ArchiveHeader(string? PgDumpVersion, DateTimeOffset? Created)
{
    /// <summary>The pg_dump's major version: 16 for 16.4, 9 for 9.6.24.</summary>
    public int? PgDumpMajor => PgDumpVersion is null ? null : int.Parse(PgDumpVersion.Split('.')[0], CultureInfo.InvariantCulture);

    /// <summary>
    /// Reads the header from <paramref name="list"/>. pg_restore prints the creation time in its own (this process's)
    /// time zone, <paramref name="local"/>, naming UTC or GMT when that is the zone.
    /// </summary>
    public static ArchiveHeader Parse(string list, TimeZoneInfo local)
    {
        string? version = null;
        DateTimeOffset? created = null;
        foreach (var line in list.Split('\n').TakeWhile(l => l.StartsWith(';') || l.Trim().Length == 0))
        {
            if (DumpedBy().Match(line) is { Success: true } dumpedBy)
            {
                version = dumpedBy.Groups["version"].Value;
            }
            else if (CreatedAt().Match(line) is { Success: true } createdAt
                     && DateTime.TryParseExact(createdAt.Groups["at"].Value, "yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture, DateTimeStyles.None, out var at))
            {
                created = createdAt.Groups["zone"].Value is "UTC" or "GMT" or "Z"
                    ? new DateTimeOffset(at, TimeSpan.Zero)
                    : new DateTimeOffset(at, local.GetUtcOffset(at)).ToUniversalTime();
            }
        }

        return new ArchiveHeader(version, created);
    }

    [GeneratedRegex(@"^;\s+Dumped by pg_dump version: (?<version>\d+(?:\.\d+)*)")]
    private static partial Regex DumpedBy();

    [GeneratedRegex(@"^;\s+Archive created at (?<at>\d{4}-\d\d-\d\d \d\d:\d\d:\d\d)(?: (?<zone>\S+))?")]
    private static partial Regex CreatedAt();
}
