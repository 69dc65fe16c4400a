using System.Security.Cryptography;
using System.Text;
using DevDbSeed.Catalog;
using DevDbSeed.Postgres.Connections;
using DevDbSeed.Running;
using Npgsql;

namespace DevDbSeed.Postgres.Target;

/// <summary>
/// The new dev database, built under a temporary name next to the target. Until <see cref="DatabaseSwap"/>
/// renames it, nobody uses it; any failure drops it and the target never changed.
/// </summary>
internal sealed class ShadowDatabase
{
    private const string Marker = "devdbseed: being built to replace ";

    private ShadowDatabase(TargetServer server, string name)
    {
        Server = server;
        Name = name;
        Settings = server.Target.ForDatabase(name);
    }

    public TargetServer Server { get; }

    public string Name { get; }

    public ConnectionSettings Settings { get; }

    /// <summary>Creates the database with the source's encoding and locale, from template0.</summary>
    public static async Task<ShadowDatabase> CreateAsync(TargetServer server, DatabaseProperties source, Action<RunWarning> warn, CancellationToken cancellationToken)
    {
        await DropAbandonedAsync(server, warn, cancellationToken);
        var shadow = new ShadowDatabase(server, NameFor(server.TargetName, "new"));
        var name = QualifiedName.QuoteIdentifier(shadow.Name);
        try
        {
            await server.Execute($"CREATE DATABASE {name} TEMPLATE template0 {source.CreateOptions(server.ServerVersion)}", cancellationToken);
        }
        catch (PostgresException e) when (e.SqlState is PostgresErrorCodes.InvalidParameterValue or PostgresErrorCodes.UndefinedObject or PostgresErrorCodes.FeatureNotSupported)
        {
            warn(new LocaleNotAvailable(source.Encoding, e.MessageText));
            await server.Execute($"CREATE DATABASE {name} TEMPLATE template0 ENCODING {Literal(source.Encoding)}", cancellationToken);
        }

        await server.Execute($"COMMENT ON DATABASE {name} IS {Literal(Marker + server.TargetName)}", cancellationToken);
        return shadow;
    }

    /// <summary>Gives the new database the source's comment and settings (ALTER DATABASE ... SET), last, so they cannot disturb the load.</summary>
    public async Task ApplyPropertiesAsync(DatabaseProperties source, CancellationToken cancellationToken)
    {
        var name = QualifiedName.QuoteIdentifier(Name);
        await Server.Execute($"COMMENT ON DATABASE {name} IS {(source.Comment is null ? "NULL" : Literal(source.Comment))}", cancellationToken);
        foreach (var setting in source.Settings)
        {
            await Server.Execute($"ALTER DATABASE {name} SET {setting}", cancellationToken);
        }
    }

    /// <summary>
    /// A database name next to the target's, unique to this run, within 63 bytes:
    /// <c>dev_devdbseed_new_1a2b3c4d</c>.
    /// </summary>
    internal static string NameFor(string target, string role)
    {
        var suffix = $"_devdbseed_{role}_{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4))}";
        var prefix = target;
        while (Encoding.UTF8.GetByteCount(prefix + suffix) > 63)
        {
            prefix = prefix[..^1];
        }

        return prefix + suffix;
    }

    internal static string Literal(string text) => "'" + text.Replace("'", "''", StringComparison.Ordinal) + "'";

    /// <summary>Half-built databases of runs that were killed (no one connected, our marker as comment).</summary>
    private static async Task DropAbandonedAsync(TargetServer server, Action<RunWarning> warn, CancellationToken cancellationToken)
    {
        const string sql = """
            SELECT d.datname FROM pg_database d
            WHERE shobj_description(d.oid, 'pg_database') = @marker
              AND NOT EXISTS (SELECT 1 FROM pg_stat_activity a WHERE a.datname = d.datname)
            """;
        var abandoned = new List<string>();
        await using (var command = new NpgsqlCommand(sql, server.Admin))
        {
            command.Parameters.AddWithValue("marker", Marker + server.TargetName);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                abandoned.Add(reader.GetString(0));
            }
        }

        foreach (var name in abandoned)
        {
            warn(new AbandonedDatabaseDropped(name));
            await server.DropAsync(name, cancellationToken);
        }
    }
}
