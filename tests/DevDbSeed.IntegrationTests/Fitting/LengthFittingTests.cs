using System.Globalization;
using System.Text.RegularExpressions;
using DevDbSeed.IntegrationTests.Infrastructure;

namespace DevDbSeed.IntegrationTests.Fitting;

/// <summary>Fakes respect their column's type: varchar(n) and char(n) lengths, numeric precision and scale.</summary>
public sealed partial class LengthFittingTests : IAsyncLifetime
{
    private readonly Pipelines _pipelines = new();
    private TestDatabases _databases = null!;

    public async Task InitializeAsync() => _databases = await TestDatabases.CreateAsync();

    public async Task DisposeAsync()
    {
        await _databases.DisposeAsync();
        _pipelines.Dispose();
    }

    [Fact]
    public async Task Long_fakes_are_fitted_into_short_columns()
    {
        var source = await _databases.CreateAsync("src", """
            CREATE TABLE shops (
                id int PRIMARY KEY, street varchar(12), street_code char(10), email varchar(16), city char(10), owner varchar(8),
                turnover numeric(6,2));
            INSERT INTO shops
            SELECT i, left(i || ' Elm Street', 12), left(i || ' Oak Road', 10), left('s' || i || '@example.org', 16), 'C' || i, 'N' || i,
                   9000 + i % 1000 + 0.99
            FROM generate_series(1, 2000) i;
            ANALYZE shops;
            """);
        var target = _databases.Name("dev");
        _pipelines.Write("rules.yaml", """
            version: 1
            tables:
              public.shops:
                columns:
                  id: keep
                  street: address.streetAddress
                  street_code: address.streetAddress
                  email: internet.email
                  city: address.city
                  owner: name.fullName
                  turnover: { noise: { ratio: 0.5 } }
            """);

        var result = await Devdbseed.RunAsync("run", _pipelines.Pipeline(_databases.Uri(source), _databases.Uri(target)));

        Outputs.ExitCode(0, result);
        var lengths = await _databases.RowsAsync(target, """
            SELECT max(char_length(street)), max(octet_length(street_code)), max(char_length(email)), max(octet_length(city)), max(char_length(owner)),
                   count(*) FILTER (WHERE street = '' OR street_code = '' OR email = '' OR city = '' OR owner = '')
            FROM shops
            """);
        Assert.True(Int(lengths[0][0]) <= 12, $"street: {lengths[0][0]} characters");
        Assert.Equal(10, Int(lengths[0][1])); // char(10) pads to exactly 10
        Assert.True(Int(lengths[0][2]) <= 16, $"email: {lengths[0][2]} characters");
        Assert.Equal(10, Int(lengths[0][3]));
        Assert.True(Int(lengths[0][4]) <= 8, $"owner: {lengths[0][4]} characters");
        Assert.Equal(0, Int(lengths[0][5]));
        Assert.All(await _databases.ColumnAsync(target, "SELECT email FROM shops"), email => Assert.Matches(Email(), email));

        const string originals = "SELECT id::text, street || '|' || street_code || '|' || email || '|' || city || '|' || owner FROM shops";
        var before = await _databases.MapAsync(source, originals);
        var after = await _databases.MapAsync(target, originals);
        Assert.All(after, pair => Assert.NotEqual(before[pair.Key], pair.Value));

        var amounts = await _databases.RowsAsync(target, "SELECT max(turnover), count(*) FILTER (WHERE scale(turnover) <> 2), count(DISTINCT turnover) FROM shops");
        Assert.True(decimal.Parse(amounts[0][0]!, CultureInfo.InvariantCulture) <= 9999.99m);
        Assert.Equal("0", amounts[0][1]);
        Assert.True(Int(amounts[0][2]) > 200, $"only {amounts[0][2]} distinct amounts: noise did not spread them");
    }

    [Fact]
    public async Task A_street_address_into_varchar_8_is_refused_naming_the_column_and_the_length_it_needs()
    {
        var source = await _databases.CreateAsync("src", """
            CREATE TABLE kiosks (id int PRIMARY KEY, street varchar(8) NOT NULL);
            INSERT INTO kiosks SELECT i, left(i || ' Elm St', 8) FROM generate_series(1, 500) i;
            """);
        var target = _databases.Name("dev");
        _pipelines.Write("rules.yaml", """
            version: 1
            tables:
              public.kiosks:
                columns:
                  id: keep
                  street: address.streetAddress
            """);

        var result = await Devdbseed.RunAsync("run", _pipelines.Pipeline(_databases.Uri(source), _databases.Uri(target)));

        Outputs.ExitCode(3, result);
        Outputs.NoStackTrace(result);
        Outputs.Mentions(result, "public.kiosks.street");
        Outputs.Mentions(result, "fake address.streetAddress needs at least 10 characters; the column holds 8");
        Assert.False(await _databases.ExistsAsync(target));
    }

    private static int Int(string? text) => int.Parse(text!, CultureInfo.InvariantCulture);

    [GeneratedRegex(@"^[A-Za-z0-9._%+'-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+$")]
    private static partial Regex Email();
}
