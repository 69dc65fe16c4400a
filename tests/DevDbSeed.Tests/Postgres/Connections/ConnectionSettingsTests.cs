using DevDbSeed.Errors;
using DevDbSeed.Postgres.Connections;
using Npgsql;

namespace DevDbSeed.Tests.Postgres.Connections;

public sealed class ConnectionSettingsTests
{
    private const string Password = "p@ss/w0rd:;=&? é";

    [Fact]
    public void Reads_every_part_of_a_uri()
    {
        var settings = ConnectionSettings.Parse($"postgresql://alice:{Uri.EscapeDataString(Password)}@db.example.com:6543/app_db?sslmode=require&application_name=nightly+copy", "source");

        Assert.Equal("alice", settings.Username);
        Assert.Equal("db.example.com", settings.Host);
        Assert.Equal(6543, settings.Port);
        Assert.Equal("app_db", settings.Database);
        var builder = new NpgsqlConnectionStringBuilder(settings.ConnectionString("devdbseed"));
        Assert.Equal(Password, builder.Password);
        Assert.Equal(SslMode.Require, builder.SslMode);
        Assert.Equal("nightly copy", builder.ApplicationName);
    }

    [Theory]
    [InlineData("postgres://u@h/db")]
    [InlineData("postgresql://u@h/db")]
    [InlineData("  postgresql://u@h/db  ")]
    public void Accepts_both_uri_schemes(string uri)
    {
        var settings = ConnectionSettings.Parse(uri, "target");

        Assert.Equal("h", settings.Host);
        Assert.Equal(5432, settings.Port);
        Assert.Equal("db", settings.Database);
    }

    [Theory]
    [InlineData("postgresql://u@[::1]:5433/db", "::1", 5433)]
    [InlineData("postgresql://u@[::1]/db", "::1", 5432)]
    [InlineData("postgresql://u@[2001:db8::7]:6000/db", "2001:db8::7", 6000)]
    [InlineData("postgresql://u@127.0.0.1:15432/db", "127.0.0.1", 15432)]
    [InlineData("postgresql://u@%2Fvar%2Frun%2Fpostgresql/db", "/var/run/postgresql", 5432)]
    public void Reads_ipv6_ipv4_and_socket_hosts(string uri, string host, int port)
    {
        var settings = ConnectionSettings.Parse(uri, "source");

        Assert.Equal(host, settings.Host);
        Assert.Equal(port, settings.Port);
    }

    [Fact]
    public void Percent_encoded_user_and_database_are_decoded()
    {
        var settings = ConnectionSettings.Parse("postgresql://us%40er:pw@h/my%20db", "source");

        Assert.Equal("us@er", settings.Username);
        Assert.Equal("my db", settings.Database);
    }

    [Fact]
    public void A_password_may_hold_colons_and_a_plus()
    {
        var settings = ConnectionSettings.Parse("postgresql://u:a:b+c@h/db", "source");

        Assert.Equal("a:b+c", settings.LibpqEnvironment()["PGPASSWORD"]);
    }

    [Theory]
    [InlineData("disable", SslMode.Disable)]
    [InlineData("allow", SslMode.Allow)]
    [InlineData("prefer", SslMode.Prefer)]
    [InlineData("require", SslMode.Require)]
    [InlineData("verify-ca", SslMode.VerifyCA)]
    [InlineData("verify-full", SslMode.VerifyFull)]
    public void Sslmode_is_passed_to_npgsql_and_to_libpq(string mode, SslMode expected)
    {
        var settings = ConnectionSettings.Parse($"postgresql://u@h/db?sslmode={mode}", "source");

        Assert.Equal(expected, new NpgsqlConnectionStringBuilder(settings.ConnectionString("x")).SslMode);
        Assert.Equal(mode, settings.LibpqEnvironment()["PGSSLMODE"]);
    }

    [Fact]
    public void Other_libpq_parameters_are_understood()
    {
        var settings = ConnectionSettings.Parse("postgresql://u@h/db?connect_timeout=7&sslrootcert=%2Fetc%2Fca.pem&options=-c%20search_path%3Dapp&target_session_attrs=read-write", "source");

        var builder = new NpgsqlConnectionStringBuilder(settings.ConnectionString("x"));
        Assert.Equal(7, builder.Timeout);
        Assert.Equal("/etc/ca.pem", builder.RootCertificate);
        Assert.StartsWith("-c search_path=app", builder.Options, StringComparison.Ordinal);
        Assert.Equal("/etc/ca.pem", settings.LibpqEnvironment()["PGSSLROOTCERT"]);
    }

    [Fact]
    public void Query_parameters_can_name_the_database_user_and_password()
    {
        var settings = ConnectionSettings.Parse("postgresql://h:5433?dbname=app&user=bob&password=s3cret", "source");

        Assert.Equal("app", settings.Database);
        Assert.Equal("bob", settings.Username);
        Assert.Equal(5433, settings.Port);
        Assert.Equal("s3cret", settings.LibpqEnvironment()["PGPASSWORD"]);
    }

    [Theory]
    [InlineData("postgresql://u@h/db?sslmod=require", "sslmod")]
    [InlineData("postgresql://u@h/db?keepalives=1", "keepalives")]
    public void An_unknown_uri_parameter_is_a_configuration_error_naming_it(string uri, string parameter)
    {
        var error = Assert.Throws<ConfigurationException>(() => ConnectionSettings.Parse(uri, "source"));

        Assert.Equal(ExitCode.InvalidConfiguration, error.ExitCode);
        Assert.Contains($"'{parameter}'", error.Message, StringComparison.Ordinal);
        Assert.Contains("source", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("postgresql://u@h:99999/db")]
    [InlineData("postgresql://u@h:port/db")]
    [InlineData("postgresql://u@h:0/db")]
    [InlineData("postgresql://u@h/db?sslmode=sometimes")]
    [InlineData("Host=h;Database=d;Bogus Keyword=1")]
    [InlineData("Host=h;Database=d;Port=abc")]
    public void Invalid_connections_are_configuration_errors(string text)
    {
        var error = Assert.Throws<ConfigurationException>(() => ConnectionSettings.Parse(text, "target"));

        Assert.Contains("target", error.Message, StringComparison.Ordinal);
        Assert.Equal(ExitCode.InvalidConfiguration, error.ExitCode);
    }

    [Fact]
    public void Reads_npgsql_keyword_strings()
    {
        var settings = ConnectionSettings.Parse($"Host=db.internal;Port=5444;Database=prod;Username=reader;Password={Password.Replace(";", string.Empty, StringComparison.Ordinal)}", "source");

        Assert.Equal("db.internal", settings.Host);
        Assert.Equal(5444, settings.Port);
        Assert.Equal("prod", settings.Database);
        Assert.Equal("reader", settings.Username);
        Assert.Equal("p@ss/w0rd:=&? é", settings.LibpqEnvironment()["PGPASSWORD"]);
    }

    [Theory]
    [InlineData("postgresql://alice:hunter2secret@db:5433/app")]
    [InlineData("postgresql://alice@db:5433/app?password=hunter2secret")]
    [InlineData("Host=db;Port=5433;Database=app;Username=alice;Password=hunter2secret")]
    public void ToString_never_contains_the_password(string text)
    {
        var settings = ConnectionSettings.Parse(text, "source");

        Assert.Equal("alice@db:5433/app", settings.ToString());
        Assert.DoesNotContain("hunter2", settings.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", settings.ForDatabase("other").ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void The_libpq_environment_carries_the_password_in_PGPASSWORD_only()
    {
        var settings = ConnectionSettings.Parse("postgresql://alice:hunter2secret@db:5433/app?sslmode=verify-full", "source");

        var environment = settings.LibpqEnvironment();

        Assert.Equal("hunter2secret", environment["PGPASSWORD"]);
        Assert.DoesNotContain(environment, e => e.Key != "PGPASSWORD" && e.Value.Contains("hunter2", StringComparison.Ordinal));
        Assert.Equal("db", environment["PGHOST"]);
        Assert.Equal("5433", environment["PGPORT"]);
        Assert.Equal("alice", environment["PGUSER"]);
        Assert.Equal("verify-full", environment["PGSSLMODE"]);
        Assert.False(environment.ContainsKey("PGDATABASE"), "the database is named on the command line per call");
    }

    [Fact]
    public void Without_a_password_the_environment_has_no_PGPASSWORD()
    {
        Assert.False(ConnectionSettings.Parse("postgresql://alice@db/app", "source").LibpqEnvironment().ContainsKey("PGPASSWORD"));
    }

    [Fact]
    public void ForDatabase_keeps_server_and_credentials()
    {
        var settings = ConnectionSettings.Parse("postgresql://alice:pw@db:5433/app", "target").ForDatabase("app_previous");

        Assert.Equal("app_previous", settings.Database);
        Assert.Equal("db", settings.Host);
        Assert.Equal(5433, settings.Port);
        Assert.Equal("pw", settings.LibpqEnvironment()["PGPASSWORD"]);
    }

    [Fact]
    public void Connection_strings_append_session_settings_to_the_options()
    {
        var settings = ConnectionSettings.Parse("postgresql://u@h/db?options=-c%20work_mem%3D64MB", "source");

        var builder = new NpgsqlConnectionStringBuilder(settings.ConnectionString("devdbseed", ["row_security=off", "DateStyle=ISO"]));

        Assert.Equal("-c work_mem=64MB -c row_security=off -c DateStyle=ISO", builder.Options);
        Assert.Equal("devdbseed", builder.ApplicationName);
        Assert.False(builder.IncludeErrorDetail);
        Assert.False(builder.Pooling);
    }

    [Theory]
    [InlineData("Host=db;Password=Sup3r;S3cret;Database=app")]
    [InlineData("Host=db;Pwd=Sup3r;S3cret=x=y;Database=app")]
    public void A_connection_string_that_does_not_parse_never_echoes_a_piece_of_its_password(string text)
    {
        var error = Assert.Throws<ConfigurationException>(() => ConnectionSettings.Parse(text, "source"));

        Assert.StartsWith("the source connection string is not valid", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("3cret", error.Message, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("Sup3r", error.Message, StringComparison.OrdinalIgnoreCase);
    }
}
