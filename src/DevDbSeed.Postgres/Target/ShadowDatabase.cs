using DevDbSeed.Catalog;
using DevDbSeed.Postgres.Connections;
using DevDbSeed.Running;
using DevDbSeed.Snapshots;
using Npgsql;

namespace DevDbSeed.Postgres.Target;

/// <summary>
/// The new dev database, built under a temporary name next to the target and marked as devdbseed's until
/// <see cref="DatabaseSwap"/> renames it and gives it the source's comment, in one transaction: nobody uses it
/// before, any failure drops it and the target never changed, and a run killed before the swap leaves a database the
/// next run recognises.
/// </summary>
internal sealed class ShadowDatabase
{
    private const string Role = "new";
    private const string Marker = "devdbseed: being built to replace ";
    private readonly DatabaseProperties _source;

    private ShadowDatabase(TargetServer server, string name, DatabaseProperties source)
    {
        Server = server;
        Name = name;
        Settings = server.Target.ForDatabase(name);
        _source = source;
    }

    public TargetServer Server { get; }

    public string Name { get; }

    public ConnectionSettings Settings { get; }

    /// <summary>Creates the database with the source's encoding and locale, from template0, marked as devdbseed's.</summary>
    public static async Task<ShadowDatabase> CreateAsync(TargetServer server, DatabaseProperties source, Action<RunWarning> warn, CancellationToken cancellationToken)
    {
        await DropAbandonedAsync(server, warn, cancellationToken);
        var shadow = new ShadowDatabase(server, DatabaseNames.NameFor(server.TargetName, Role), source);
        var name = QualifiedName.QuoteIdentifier(shadow.Name);
        try
        {
            await server.Execute($"CREATE DATABASE {name} TEMPLATE template0 {source.CreateOptions(server.ServerVersion)}", cancellationToken);
        }
        catch (PostgresException e) when (e.SqlState is PostgresErrorCodes.InvalidParameterValue or PostgresErrorCodes.UndefinedObject or PostgresErrorCodes.FeatureNotSupported)
        {
            warn(new LocaleNotAvailable(source.Encoding, e.MessageText));
            await server.Execute($"CREATE DATABASE {name} TEMPLATE template0 ENCODING {DatabaseNames.Literal(source.Encoding)}", cancellationToken);
        }

        await server.Execute($"COMMENT ON DATABASE {name} IS {DatabaseNames.Literal(Marker + server.TargetName)}", cancellationToken);
        return shadow;
    }

    /// <summary>
    /// Gives the new database the source's settings (ALTER DATABASE ... SET), last, so they cannot disturb the load,
    /// and then its <see cref="MaskedCopyMark"/> (replacing one the source had, when the source is itself a masked copy).
    /// </summary>
    public async Task ApplySettingsAsync(MaskedCopyMark mark, CancellationToken cancellationToken)
    {
        var name = QualifiedName.QuoteIdentifier(Name);
        foreach (var setting in _source.Settings)
        {
            await Server.Execute($"ALTER DATABASE {name} SET {setting}", cancellationToken);
        }

        await Server.Execute($"ALTER DATABASE {name} SET {MaskedCopyMark.Setting} TO {DatabaseNames.Literal(mark.ToJson())}", cancellationToken);
    }

    /// <summary>
    /// Replaces the marker with the source's comment on the database now named <paramref name="database"/>: inside the
    /// swap's transaction (COMMENT is transactional), so the marker goes exactly when the database becomes the target.
    /// </summary>
    public Task TakeSourceCommentAsync(string database, CancellationToken cancellationToken) =>
        Server.Execute($"COMMENT ON DATABASE {QualifiedName.QuoteIdentifier(database)} IS {(_source.Comment is null ? "NULL" : DatabaseNames.Literal(_source.Comment))}",
            cancellationToken);

    /// <summary>Half-built databases and replaced previous copies that killed runs of this target left (no one connected, our name and marker).</summary>
    private static async Task DropAbandonedAsync(TargetServer server, Action<RunWarning> warn, CancellationToken cancellationToken)
    {
        await AbandonedDatabases.DropAsync(server, DatabaseNames.PrefixFor(server.TargetName, Role), Marker + server.TargetName,
            name => new AbandonedDatabaseDropped(name), warn, cancellationToken);
        await DatabaseSwap.DropAbandonedAsync(server, warn, cancellationToken);
    }
}
