using DevDbSeed.Postgres.Backup;

namespace DevDbSeed.Tests.Postgres.Backup;

public sealed class ArchivedDatabaseTests
{
    [Fact]
    public void The_encoding_locale_and_settings_of_pg_restores_create_script_are_taken()
    {
        var archived = ArchivedDatabase.Parse("""
            CREATE DATABASE prod WITH TEMPLATE = template0 ENCODING = 'LATIN1' LOCALE_PROVIDER = libc LOCALE = 'C';
            ALTER DATABASE prod OWNER TO app;
            ALTER DATABASE prod SET "DateStyle" TO 'ISO, DMY';
            ALTER DATABASE prod SET search_path TO 'public, "my schema"';
            ALTER DATABASE prod SET work_mem TO '64MB';
            ALTER ROLE app IN DATABASE prod SET statement_timeout TO '5s';
            """);

        Assert.Equal("ENCODING = 'LATIN1' LOCALE_PROVIDER = libc LOCALE = 'C'", archived.CreateOptions);
        Assert.Equal(["\"DateStyle\" TO 'ISO, DMY'", "search_path TO 'public, \"my schema\"'", "work_mem TO '64MB'"], archived.Settings);
    }

    [Fact]
    public void Owner_tablespace_and_template_are_left_to_the_restore_server()
    {
        var archived = ArchivedDatabase.Parse("CREATE DATABASE \"prod db\" WITH TEMPLATE = template1 OWNER = app TABLESPACE = fast ENCODING = 'UTF8' ICU_LOCALE = 'de-DE' LOCALE_PROVIDER = icu;");

        Assert.Equal("ENCODING = 'UTF8' ICU_LOCALE = 'de-DE' LOCALE_PROVIDER = icu", archived.CreateOptions);
    }

    [Theory]
    [InlineData("CREATE DATABASE prod WITH TEMPLATE = template0 ENCODING = 'UTF8'; DROP DATABASE dev;", "ENCODING = 'UTF8'", 0)]
    [InlineData("ALTER DATABASE prod SET work_mem TO '64MB'; DROP DATABASE dev;", "", 0)]
    [InlineData("ALTER DATABASE prod SET work_mem TO '64MB''; DROP DATABASE dev; --';", "", 1)]
    public void Nothing_but_the_options_and_values_matched_is_ever_taken_from_the_archive(string script, string options, int settings)
    {
        var archived = ArchivedDatabase.Parse(script);

        Assert.Equal(options, archived.CreateOptions);
        Assert.Equal(settings, archived.Settings.Count);
        Assert.All(archived.Settings, s => Assert.StartsWith("work_mem TO '", s, StringComparison.Ordinal));
    }

    [Fact]
    public void A_script_without_database_entries_gives_nothing()
    {
        var archived = ArchivedDatabase.Parse("--\n-- PostgreSQL database dump complete\n--\n");

        Assert.Equal(ArchivedDatabase.None.CreateOptions, archived.CreateOptions);
        Assert.Empty(archived.Settings);
    }
}
