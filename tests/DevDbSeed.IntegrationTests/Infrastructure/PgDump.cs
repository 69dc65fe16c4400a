using System.Diagnostics;
using System.Text;

namespace DevDbSeed.IntegrationTests.Infrastructure;

/// <summary>Runs PostgreSQL's own pg_dump (from PATH) against a test database, as a reviewer would to compare two databases.</summary>
public static class PgDump
{
    /// <summary>
    /// <c>pg_dump --schema-only --no-owner --no-privileges</c>, without what legitimately differs between two dumps:
    /// comment lines, SET lines, psql's per-dump <c>\restrict</c>/<c>\unrestrict</c> keys and blank lines.
    /// </summary>
    public static async Task<string> SchemaAsync(TestDatabases databases, string database)
    {
        var dump = await RunAsync(databases, database, "--schema-only", "--no-owner", "--no-privileges");
        var lines = dump.Split('\n')
            .Where(l => l.Trim().Length > 0)
            .Where(l => !l.StartsWith("--", StringComparison.Ordinal))
            .Where(l => !l.StartsWith("SET ", StringComparison.Ordinal))
            .Where(l => !l.StartsWith("\\restrict ", StringComparison.Ordinal) && !l.StartsWith("\\unrestrict ", StringComparison.Ordinal));
        return string.Join('\n', lines);
    }

    /// <summary><c>pg_dump --data-only</c>: every row of every table, in COPY text format.</summary>
    public static Task<string> DataAsync(TestDatabases databases, string database) =>
        RunAsync(databases, database, "--data-only", "--no-owner", "--no-privileges");

    /// <summary><c>pg_dump --format=FORMAT --file=PATH</c> of a whole database (custom, directory or tar), as a nightly backup job makes it.</summary>
    public static Task ArchiveAsync(TestDatabases databases, string database, string format, string path) =>
        RunAsync(databases, database, $"--format={format}", $"--file={path}");

    private static async Task<string> RunAsync(TestDatabases databases, string database, params string[] arguments)
    {
        var start = new ProcessStartInfo("pg_dump")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
        };
        foreach (var (name, value) in databases.Server.ForDatabase(database).LibpqEnvironment())
        {
            start.Environment[name] = value;
        }

        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.ArgumentList.Add("--dbname=" + database);
        using var process = Process.Start(start) ?? throw new InvalidOperationException("pg_dump did not start");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"pg_dump {string.Join(' ', arguments)} {database} failed ({process.ExitCode}): {await error}");
        }

        return await output;
    }
}
