using System.Security.Cryptography;
using DevDbSeed.Catalog;
using DevDbSeed.Errors;
using DevDbSeed.Journal;
using DevDbSeed.Postgres.Connections;
using DevDbSeed.Postgres.Schema;
using DevDbSeed.Postgres.Target;
using DevDbSeed.Running;
using DevDbSeed.Snapshots;
using Npgsql;

namespace DevDbSeed.Postgres.Snapshots;

/// <summary>
/// <c>devdbseed snapshot create</c>: packages a masked copy as one file. It refuses a database without the
/// <see cref="MaskedCopyMark"/> (exit 3), then, in one REPEATABLE READ READ ONLY transaction whose snapshot it exports,
/// counts the rows of every table and has pg_dump (custom format, compressed) dump that same snapshot into a temporary
/// file next to the output; the file (manifest, then the dump) replaces the output in one rename. With a signing key, read
/// before anything else, the manifest is signed (<see cref="ManifestSignature"/>). Only reads the database; any failure
/// or cancellation leaves no file.
/// </summary>
internal static class SnapshotCreator
{
    public static Task<SnapshotManifest> CreateAsync(ConnectionSettings from, string output, string? pgBin, CancellationToken cancellationToken) =>
        CreateAsync(from, output, pgBin, signKey: null, SilentObserver.Instance, cancellationToken);

    /// <param name="signKey">The PEM private key that signs the manifest; null: unsigned.</param>
    public static async Task<SnapshotManifest> CreateAsync(ConnectionSettings from, string output, string? pgBin, string? signKey, IRunObserver observer,
        CancellationToken cancellationToken)
    {
        using var signer = signKey is null ? null : SnapshotKey.LoadPrivate(signKey);
        observer.OnEvent(new CommandStarted(from.ToString(), null));
        var path = Path.GetFullPath(output);
        if (RunJournal.FolderIsMissing(path))
        {
            throw new ConfigurationException($"cannot write {output}: its folder does not exist");
        }

        await using var session = await Sessions.OpenAsync(from, "database to package", cancellationToken);
        var mark = await MaskedCopyMarks.ReadAsync(session, cancellationToken)
            ?? throw new NotAMaskedCopyException($"{from.Database} is not a masked DevDbSeed copy (no {MaskedCopyMark.Setting} mark): refusing to package it");
        var versionNumber = await ScalarAsync<int>(session, "SELECT current_setting('server_version_num')::int", cancellationToken);
        var tools = await PostgresTools.LocateAsync(pgBin, versionNumber, cancellationToken);

        await using var command = new NpgsqlCommand(
            "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY; SELECT pg_export_snapshot(), clock_timestamp(), current_setting('server_version');", session);
        string snapshot;
        DateTimeOffset takenAt;
        string serverVersion;
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            await reader.ReadAsync(cancellationToken);
            (snapshot, takenAt, serverVersion) = (reader.GetString(0), reader.GetFieldValue<DateTimeOffset>(1), reader.GetString(2));
        }

        var properties = await DatabaseProperties.ReadAsync(session, versionNumber, cancellationToken);
        var counts = await RowCountsAsync(session, cancellationToken);
        var dump = Path.Combine(Path.GetDirectoryName(path)!, $".{Path.GetFileName(path)}.{Path.GetRandomFileName().Replace(".", string.Empty, StringComparison.Ordinal)}.dump.tmp");
        try
        {
            await DumpAsync(tools, from, snapshot, dump, cancellationToken);
            var part = await PartOfAsync(dump, cancellationToken);
            var manifest = new SnapshotManifest(takenAt, RunSummaryDocument.ToolVersion, serverVersion, tools.MajorVersion, mark,
                new SnapshotDatabase(properties.Encoding, properties.Collate, properties.CType, properties.LocaleProvider, properties.IcuLocale, properties.Comment),
                counts, [part]);
            cancellationToken.ThrowIfCancellationRequested();
            SnapshotFile.Write(path, manifest, dump, signer);
            if (signer is not null)
            {
                observer.OnEvent(new SnapshotSigned(signer.Path, signer.Sha256));
            }

            return manifest;
        }
        finally
        {
            SnapshotFile.TryDelete(dump);
        }
    }

    private static async Task DumpAsync(PostgresTools tools, ConnectionSettings from, string snapshot, string file, CancellationToken cancellationToken)
    {
        var result = await ExternalProcess.RunAsync(tools.PgDump,
        [
            "--format=custom", $"--snapshot={snapshot}", "--no-subscriptions", "--no-publications", $"--file={file}", $"--dbname={SchemaArchive.ConnInfo(from.Database)}",
        ], from.LibpqEnvironment(), cancellationToken);
        if (result.ExitCode != 0)
        {
            throw new RunFailedException($"pg_dump of {from.Database} failed: {ErrorText.OfTool(result.StandardError)}");
        }
    }

    private static async Task<SnapshotPart> PartOfAsync(string file, CancellationToken cancellationToken)
    {
        await using var stream = File.OpenRead(file);
        var hash = await SHA256.HashDataAsync(stream, cancellationToken);
        return new SnapshotPart(SnapshotManifest.DataPart, stream.Length, Convert.ToHexStringLower(hash));
    }

    /// <summary>The rows of every table holding rows (plain tables and partitions) of every user schema, in the transaction's snapshot.</summary>
    private static async Task<Dictionary<string, long>> RowCountsAsync(NpgsqlConnection session, CancellationToken cancellationToken)
    {
        const string sql = """
            SELECT n.nspname, c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE c.relkind = 'r' AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\_toast%'
              AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.deptype = 'e')
            ORDER BY 1, 2
            """;
        var tables = new List<(string Schema, string Table)>();
        await using (var command = new NpgsqlCommand(sql, session))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                tables.Add((reader.GetString(0), reader.GetString(1)));
            }
        }

        var counts = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var (schema, table) in tables)
        {
            counts[$"{schema}.{table}"] = await ScalarAsync<long>(session,
                $"SELECT count(*) FROM ONLY {QualifiedName.QuoteIdentifier(schema)}.{QualifiedName.QuoteIdentifier(table)}", cancellationToken);
        }

        return counts;
    }

    private static async Task<T> ScalarAsync<T>(NpgsqlConnection session, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, session);
        var value = await command.ExecuteScalarAsync(cancellationToken);
        return value is DBNull ? default! : (T)value!;
    }
}
