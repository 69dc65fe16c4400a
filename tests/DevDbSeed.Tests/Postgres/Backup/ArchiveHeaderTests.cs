using DevDbSeed.Postgres.Backup;

namespace DevDbSeed.Tests.Postgres.Backup;

/// <summary>The header <c>pg_restore --list</c> prints: which pg_dump made the archive, and when.</summary>
public sealed class ArchiveHeaderTests
{
    private const string List = """
        ;
        ; Archive created at 2026-12-06 02:00:03 CET
        ;     dbname: prod
        ;     TOC Entries: 11
        ;     Compression: -1
        ;     Dump Version: 1.15-0
        ;     Format: CUSTOM
        ;     Integer: 4 bytes
        ;     Offset: 8 bytes
        ;     Dumped from database version: 15.18 (Debian 15.18-0+deb12u1)
        ;     Dumped by pg_dump version: 16.4 (Debian 16.4-1.pgdg120+1)
        ;
        ;
        ; Selected TOC Entries:
        ;
        214; 1259 180126 TABLE public people postgres
        3348; 0 180126 TABLE DATA public people postgres
        ; Archive created at 1999-01-01 00:00:00 UTC
        """;

    private static readonly TimeZoneInfo Berlin = TimeZoneInfo.CreateCustomTimeZone("CET", TimeSpan.FromHours(1), "CET", "CET");

    [Fact]
    public void The_header_names_the_pg_dump_that_made_the_archive_and_when_in_the_tools_time_zone()
    {
        var header = ArchiveHeader.Parse(List, Berlin);

        Assert.Equal("16.4", header.PgDumpVersion);
        Assert.Equal(16, header.PgDumpMajor);
        Assert.Equal(new DateTimeOffset(2026, 12, 6, 1, 0, 3, TimeSpan.Zero), header.Created);
    }

    [Fact]
    public void A_time_printed_in_utc_is_utc_whatever_the_local_zone()
    {
        var header = ArchiveHeader.Parse(";\n; Archive created at 2026-12-06 02:00:03 UTC\n;     Dumped by pg_dump version: 9.6.24\n", Berlin);

        Assert.Equal(9, header.PgDumpMajor);
        Assert.Equal(new DateTimeOffset(2026, 12, 6, 2, 0, 3, TimeSpan.Zero), header.Created);
    }

    [Fact]
    public void Without_a_header_nothing_is_known()
    {
        var header = ArchiveHeader.Parse("3348; 0 180126 TABLE DATA public people postgres\n", TimeZoneInfo.Utc);

        Assert.Null(header.PgDumpVersion);
        Assert.Null(header.PgDumpMajor);
        Assert.Null(header.Created);
    }
}
