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
    internal static string NameFor(string target, string role) =>
        NamePrefixFor(target, role) + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4));

    /// <summary>What every <see cref="NameFor"/> of this target and role starts with: <c>dev_devdbseed_new_</c>.</summary>
    internal static string NamePrefixFor(string target, string role)
    {
        var suffix = $"_devdbseed_{role}_";
        var prefix = target;
        while (Encoding.UTF8.GetByteCount(prefix + suffix) > 63 - 8)
        {
            prefix = prefix[..^1];
        }

        return prefix + suffix;
    }

    internal static string Literal(string text) => "'" + text.Replace("'", "''", StringComparison.Ordinal) + "'";

    /// <summary>Half-built databases of runs of this target that were killed (no one connected, our name and marker).</summary>
    private static Task DropAbandonedAsync(TargetServer server, Action<RunWarning> warn, CancellationToken cancellationToken) =>
        AbandonedDatabases.DropAsync(server, NamePrefixFor(server.TargetName, "new"), Marker + server.TargetName, warn, cancellationToken);
}
