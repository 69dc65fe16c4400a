using DevDbSeed.Catalog;
using DevDbSeed.Errors;
using DevDbSeed.Postgres.Connections;
using DevDbSeed.Postgres.Target;
using DevDbSeed.Running;
using Npgsql;

namespace DevDbSeed.Postgres.Backup;

/// <summary>
/// The database a backup is restored into on the restore server, named next to the target
/// (<c>dev_devdbseed_restore_1a2b3c4d</c>) and marked as devdbseed's. It holds real data: nobody but the tool's
/// role may connect to it, and disposing it drops it, whatever the run's outcome. Scratch databases a killed run of
/// the same target left behind are dropped before a new one is created.
/// </summary>
internal sealed class ScratchDatabase : IAsyncDisposable
{
    private const string Role = "restore";
    private const string Marker = "devdbseed: scratch restore of a backup, read to replace ";
    private readonly TargetServer _server;
    private readonly Action<RunWarning> _warn;

    private ScratchDatabase(TargetServer server, string name, Action<RunWarning> warn)
    {
        _server = server;
        _warn = warn;
        Name = name;
        Settings = server.Target.ForDatabase(name);
    }

    public string Name { get; }

    /// <summary>How to connect to it: the restore server's credentials, this database.</summary>
    public ConnectionSettings Settings { get; }

    /// <summary>
    /// Creates the scratch database on <paramref name="server"/> (whose <see cref="TargetServer.TargetName"/> is the
    /// target it is read for), marking it as devdbseed's right after CREATE (a command killed from then on leaves a
    /// database the next one recognises) and revoking CONNECT from PUBLIC at once. Takes over <paramref name="server"/>:
    /// disposing the scratch database closes it; so does a failure here.
    /// </summary>
    public static async Task<ScratchDatabase> CreateAsync(TargetServer server, ArchivedDatabase archived, Action<RunWarning> warn, CancellationToken cancellationToken)
    {
        var scratch = new ScratchDatabase(server, DatabaseNames.NameFor(server.TargetName, Role), warn);
        var created = false;
        try
        {
            await AbandonedDatabases.DropAsync(server, DatabaseNames.PrefixFor(server.TargetName, Role), Marker + server.TargetName,
                name => new AbandonedScratchDropped(name), warn, cancellationToken);
            await AbandonedDatabases.ClaimAsync(server, scratch.Name, cancellationToken);
            created = true; // from here on a failure drops it (IF EXISTS): a cancelled CREATE may have completed
            await CreateEmptyAsync(server, scratch.Name, archived, warn, cancellationToken);
            var name = QualifiedName.QuoteIdentifier(scratch.Name);
            await server.Execute($"COMMENT ON DATABASE {name} IS {DatabaseNames.Literal(Marker + server.TargetName)}", cancellationToken);
            await server.Execute($"REVOKE CONNECT ON DATABASE {name} FROM PUBLIC", cancellationToken);
            await server.TerminateSessionsAsync(scratch.Name, cancellationToken); // anyone who slipped in before the REVOKE
            foreach (var setting in archived.Settings)
            {
                await server.Execute($"ALTER DATABASE {name} SET {setting}", cancellationToken); // before the rows, as pg_restore --create does
            }
            return scratch;
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.DuplicateDatabase)
        {
            await server.DisposeAsync(); // not ours: never dropped
            throw new RunFailedException($"the scratch database {scratch.Name} already exists on the restore server {server.Target.Host}:{server.Target.Port}", e);
        }
        catch when (created)
        {
            await scratch.DisposeAsync();
            throw;
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// Drops the database (disconnecting whoever is on it, trying again while the server restarts) and closes the
    /// restore server's connection; a scratch database that could not be dropped is a warning.
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        try
        {
            if (await DatabaseDropper.DropAsync(_server, Name) is { } error)
            {
                _warn(new ScratchDatabaseLeft(Name, error));
            }
        }
        finally
        {
            await _server.DisposeAsync();
        }
    }

    /// <summary>
    /// With the source database's encoding and locale as the archive records them; where the restore server cannot
    /// create those (a locale it does not have), with a warning: UTF8 (every encoding a dump can be converted from), the
    /// server's default locale, or C where that locale cannot hold UTF8.
    /// </summary>
    private static async Task CreateEmptyAsync(TargetServer server, string database, ArchivedDatabase archived, Action<RunWarning> warn,
        CancellationToken cancellationToken)
    {
        var name = QualifiedName.QuoteIdentifier(database);
        if (archived.CreateOptions.Length > 0)
        {
            try
            {
                await server.Execute($"CREATE DATABASE {name} WITH TEMPLATE = template0 {archived.CreateOptions}", cancellationToken);
                return;
            }
            catch (PostgresException e) when (e.SqlState is PostgresErrorCodes.InvalidParameterValue or PostgresErrorCodes.UndefinedObject
                                                  or PostgresErrorCodes.FeatureNotSupported or PostgresErrorCodes.SyntaxError)
            {
                warn(new LocaleNotAvailable("UTF8", ErrorText.WithoutValues(e.MessageText)));
            }
        }

        try
        {
            await server.Execute($"CREATE DATABASE {name} TEMPLATE template0 ENCODING 'UTF8'", cancellationToken);
        }
        catch (PostgresException e) when (e.SqlState is PostgresErrorCodes.InvalidParameterValue)
        {
            await server.Execute($"CREATE DATABASE {name} TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C' LC_CTYPE 'C'", cancellationToken);
        }
    }
}
