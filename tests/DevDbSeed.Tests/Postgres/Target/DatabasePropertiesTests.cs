using DevDbSeed.Postgres.Target;

namespace DevDbSeed.Tests.Postgres.Target;

public sealed class DatabasePropertiesTests
{
    [Theory]
    [InlineData("DateStyle=ISO, DMY", "DateStyle TO 'ISO, DMY'")]
    [InlineData("search_path=public, \"my schema\"", "search_path TO 'public', 'my schema'")]
    [InlineData("search_path=\"a,b\", \"Upper\", \"with \"\"quote\"\"\"", "search_path TO 'a,b', 'Upper', 'with \"quote\"'")]
    [InlineData("search_path=\"$user\", public", "search_path TO '$user', 'public'")]
    [InlineData("work_mem=64MB", "work_mem TO '64MB'")]
    public void A_database_setting_is_given_again_as_the_catalog_means_it(string stored, string clause) =>
        Assert.Equal(clause, DatabaseProperties.SetClause(stored));
}
