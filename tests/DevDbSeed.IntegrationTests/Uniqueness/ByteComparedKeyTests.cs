using DevDbSeed.IntegrationTests.Infrastructure;
using DevDbSeed.Postgres.Catalog;

namespace DevDbSeed.IntegrationTests.Uniqueness;

/// <summary>
/// The check after the load answers from the copy's fingerprints only for a unique key whose values are equal exactly
/// when their bytes are; the catalog says which keys those are, on a real server.
/// </summary>
public sealed class ByteComparedKeyTests : IAsyncLifetime
{
    private TestDatabases _databases = null!;

    public async Task InitializeAsync() => _databases = await TestDatabases.CreateAsync();

    public async Task DisposeAsync() => await _databases.DisposeAsync();

    [Fact]
    public async Task Only_single_text_or_varchar_keys_under_a_deterministic_collation_compare_bytes()
    {
        var database = await _databases.CreateAsync("src", """
            CREATE EXTENSION citext;
            CREATE COLLATION case_insensitive (provider = icu, locale = 'und-u-ks-level2', deterministic = false);
            CREATE TABLE accounts (
                id int PRIMARY KEY,
                email text UNIQUE,
                login varchar(40) UNIQUE,
                german text COLLATE "C" UNIQUE,
                nick citext UNIQUE,
                handle text COLLATE case_insensitive UNIQUE,
                code char(6) UNIQUE,
                first_name text, last_name text, UNIQUE (first_name, last_name));
            CREATE UNIQUE INDEX accounts_lower_email ON accounts (lower(email));
            CREATE UNIQUE INDEX accounts_live_login ON accounts (login) WHERE id > 0;
            """);
        await using var connection = await _databases.OpenAsync(database);

        var catalog = await CatalogReader.ReadAsync(connection, CancellationToken.None);

        var keys = catalog.Tables.Single(t => t.Name.Name == "accounts").UniqueKeys.ToDictionary(k => k.Name, k => k.ComparesBytes);
        Assert.True(keys["accounts_email_key"]);
        Assert.True(keys["accounts_login_key"]);
        Assert.True(keys["accounts_german_key"]);
        Assert.True(keys["accounts_live_login"]); // bytes, though partial: the check leaves partial keys out on its own
        Assert.False(keys["accounts_pkey"]);
        Assert.False(keys["accounts_nick_key"]);
        Assert.False(keys["accounts_handle_key"]);
        Assert.False(keys["accounts_code_key"]);
        Assert.False(keys["accounts_first_name_last_name_key"]);
        Assert.False(keys["accounts_lower_email"]);
    }
}
