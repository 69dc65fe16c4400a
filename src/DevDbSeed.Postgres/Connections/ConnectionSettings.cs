using System.Globalization;
using System.Text;
using DevDbSeed.Errors;
using Npgsql;

namespace DevDbSeed.Postgres.Connections;

/// <summary>
/// A connection given as a <c>postgresql://user:pass@host:port/db?sslmode=require</c> URI or an Npgsql keyword
/// string. Passwords may also come from PGPASSWORD or .pgpass, as libpq and Npgsql do. Never printed whole:
/// <see cref="ToString"/> shows user@host:port/database only.
/// </summary>
internal sealed class ConnectionSettings
{
    private static readonly Dictionary<string, string> UriParameters = new(StringComparer.Ordinal)
    {
        ["sslmode"] = "SSL Mode",
        ["application_name"] = "Application Name",
        ["connect_timeout"] = "Timeout",
        ["sslrootcert"] = "Root Certificate",
        ["sslcert"] = "SSL Certificate",
        ["sslkey"] = "SSL Key",
        ["sslpassword"] = "SSL Password",
        ["options"] = "Options",
        ["target_session_attrs"] = "Target Session Attributes",
        ["passfile"] = "Passfile",
        ["host"] = "Host",
        ["port"] = "Port",
        ["user"] = "Username",
        ["password"] = "Password",
        ["dbname"] = "Database",
    };

    private readonly NpgsqlConnectionStringBuilder _builder;

    private ConnectionSettings(NpgsqlConnectionStringBuilder builder) => _builder = builder;

    public string Database => _builder.Database ?? _builder.Username ?? Environment.UserName;

    public string Host => _builder.Host ?? "localhost";

    public int Port => _builder.Port;

    public string? Username => _builder.Username;

    /// <summary>Parses a connection; <paramref name="what"/> (source, target) names it in errors (exit 2).</summary>
    public static ConnectionSettings Parse(string text, string what)
    {
        text = text.Trim();
        try
        {
            var builder = text.StartsWith("postgresql://", StringComparison.Ordinal) || text.StartsWith("postgres://", StringComparison.Ordinal)
                ? FromUri(text, what)
                : new NpgsqlConnectionStringBuilder(text);
            if (string.IsNullOrEmpty(builder.Host))
            {
                builder.Host = Environment.GetEnvironmentVariable("PGHOST") ?? "localhost";
            }

            if (string.IsNullOrEmpty(builder.Database) && Environment.GetEnvironmentVariable("PGDATABASE") is { Length: > 0 } database)
            {
                builder.Database = database;
            }

            if (string.IsNullOrEmpty(builder.Database))
            {
                throw new ConfigurationException($"the {what} connection names no database");
            }

            return new ConnectionSettings(builder);
        }
        catch (Exception e) when (e is ArgumentException or FormatException or KeyNotFoundException or InvalidCastException)
        {
            // Npgsql's messages quote pieces of the text, which may be a piece of the password: those are never echoed
            var why = HoldsPassword(text) ? "check its keywords and quoting (a value holding ';' or '=' goes in single quotes)" : e.Message;
            throw new ConfigurationException($"the {what} connection string is not valid: {why}", e);
        }
    }

    /// <summary>Whether the text gives a password (a Password or Pwd keyword, or user:password@ in a URI).</summary>
    private static bool HoldsPassword(string text) =>
        text.Contains("password", StringComparison.OrdinalIgnoreCase) || text.Contains("pwd", StringComparison.OrdinalIgnoreCase)
        || (text.Contains("://", StringComparison.Ordinal) && text.IndexOf('@', StringComparison.Ordinal) is var at and > 0
            && text[..at].LastIndexOf(':') > text.IndexOf("://", StringComparison.Ordinal));

    /// <summary>The same server and credentials, another database.</summary>
    public ConnectionSettings ForDatabase(string database) =>
        new(new NpgsqlConnectionStringBuilder(_builder.ConnectionString) { Database = database });

    /// <summary>The Npgsql connection string with session settings every devdbseed connection uses.</summary>
    public string ConnectionString(string applicationName, IEnumerable<string>? sessionSettings = null)
    {
        var builder = new NpgsqlConnectionStringBuilder(_builder.ConnectionString)
        {
            ApplicationName = string.IsNullOrEmpty(_builder.ApplicationName) ? applicationName : _builder.ApplicationName,
            IncludeErrorDetail = false, // details can quote row values
            Pooling = false,
            CommandTimeout = 0,
            Timeout = _builder.Timeout == 15 ? 30 : _builder.Timeout,
            ReadBufferSize = Math.Max(_builder.ReadBufferSize, 1 << 16),
            WriteBufferSize = Math.Max(_builder.WriteBufferSize, 1 << 16),
        };
        var options = new StringBuilder(builder.Options);
        foreach (var setting in sessionSettings ?? [])
        {
            options.Append(" -c ").Append(setting);
        }

        builder.Options = options.ToString().Trim();
        return builder.ConnectionString;
    }

    /// <summary>libpq environment variables for pg_dump and pg_restore (the password never goes on a command line).</summary>
    public IReadOnlyDictionary<string, string> LibpqEnvironment()
    {
        var environment = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["PGHOST"] = Host,
            ["PGPORT"] = Port.ToString(CultureInfo.InvariantCulture),
            ["PGAPPNAME"] = "devdbseed",
            ["PGCONNECT_TIMEOUT"] = "30",
        };
        if (!string.IsNullOrEmpty(_builder.Username))
        {
            environment["PGUSER"] = _builder.Username;
        }

        if (!string.IsNullOrEmpty(_builder.Password))
        {
            environment["PGPASSWORD"] = _builder.Password;
        }

        if (!string.IsNullOrEmpty(_builder.Passfile))
        {
            environment["PGPASSFILE"] = _builder.Passfile;
        }

        var sslMode = _builder.SslMode switch
        {
            SslMode.Disable => "disable",
            SslMode.Allow => "allow",
            SslMode.Require => "require",
            SslMode.VerifyCA => "verify-ca",
            SslMode.VerifyFull => "verify-full",
            _ => "prefer",
        };
        environment["PGSSLMODE"] = sslMode;
        if (!string.IsNullOrEmpty(_builder.RootCertificate))
        {
            environment["PGSSLROOTCERT"] = _builder.RootCertificate;
        }

        if (!string.IsNullOrEmpty(_builder.SslCertificate))
        {
            environment["PGSSLCERT"] = _builder.SslCertificate;
        }

        if (!string.IsNullOrEmpty(_builder.SslKey))
        {
            environment["PGSSLKEY"] = _builder.SslKey;
        }

        return environment;
    }

    /// <summary>user@host:port/database — never the password.</summary>
    public override string ToString() =>
        $"{(string.IsNullOrEmpty(_builder.Username) ? string.Empty : _builder.Username + "@")}{Host}:{Port}/{Database}";

    private static NpgsqlConnectionStringBuilder FromUri(string uri, string what)
    {
        var rest = uri[(uri.IndexOf("://", StringComparison.Ordinal) + 3)..];
        var builder = new NpgsqlConnectionStringBuilder();
        var query = string.Empty;
        var q = rest.IndexOf('?', StringComparison.Ordinal);
        if (q >= 0)
        {
            query = rest[(q + 1)..];
            rest = rest[..q];
        }

        var slash = rest.IndexOf('/', StringComparison.Ordinal);
        var authority = slash < 0 ? rest : rest[..slash];
        if (slash >= 0 && rest.Length > slash + 1)
        {
            builder.Database = Uri.UnescapeDataString(rest[(slash + 1)..]);
        }

        var at = authority.LastIndexOf('@');
        if (at >= 0)
        {
            var userInfo = authority[..at];
            authority = authority[(at + 1)..];
            var colon = userInfo.IndexOf(':', StringComparison.Ordinal);
            builder.Username = Uri.UnescapeDataString(colon < 0 ? userInfo : userInfo[..colon]);
            if (colon >= 0)
            {
                builder.Password = Uri.UnescapeDataString(userInfo[(colon + 1)..]);
            }
        }

        if (authority.Length > 0)
        {
            var hosts = new List<string>();
            foreach (var hostPort in authority.Split(','))
            {
                var (host, port) = SplitHostPort(hostPort, what);
                hosts.Add(port is null ? host : $"{host}:{port}");
                if (port is not null && authority.IndexOf(',', StringComparison.Ordinal) < 0)
                {
                    builder.Port = port.Value;
                    hosts[^1] = host;
                }
            }

            builder.Host = string.Join(',', hosts);
        }

        foreach (var pair in query.Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            var key = Uri.UnescapeDataString(equals < 0 ? pair : pair[..equals]);
            var value = equals < 0 ? string.Empty : Uri.UnescapeDataString(pair[(equals + 1)..].Replace('+', ' '));
            if (!UriParameters.TryGetValue(key, out var keyword))
            {
                throw new ConfigurationException($"the {what} URI has an unsupported parameter '{key}' (supported: {string.Join(", ", UriParameters.Keys)})");
            }

            builder[keyword] = keyword == "SSL Mode" ? SslModeName(value, what) : value;
        }

        return builder;
    }

    private static (string Host, int? Port) SplitHostPort(string hostPort, string what)
    {
        string host;
        string? port = null;
        if (hostPort.StartsWith('['))
        {
            var close = hostPort.IndexOf(']', StringComparison.Ordinal);
            host = hostPort[1..close];
            if (close + 1 < hostPort.Length && hostPort[close + 1] == ':')
            {
                port = hostPort[(close + 2)..];
            }
        }
        else
        {
            var colon = hostPort.LastIndexOf(':');
            host = colon < 0 ? hostPort : hostPort[..colon];
            port = colon < 0 ? null : hostPort[(colon + 1)..];
        }

        host = Uri.UnescapeDataString(host);
        if (port is null or "")
        {
            return (host, null);
        }

        return int.TryParse(port, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number is > 0 and < 65536
            ? (host, number)
            : throw new ConfigurationException($"the {what} URI has an invalid port '{port}'");
    }

    private static string SslModeName(string value, string what) => value switch
    {
        "disable" => "Disable",
        "allow" => "Allow",
        "prefer" => "Prefer",
        "require" => "Require",
        "verify-ca" => "VerifyCA",
        "verify-full" => "VerifyFull",
        _ => throw new ConfigurationException($"the {what} URI has an invalid sslmode '{value}'"),
    };
}
