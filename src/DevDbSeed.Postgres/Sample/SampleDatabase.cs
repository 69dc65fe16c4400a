using System.Diagnostics;
using System.Globalization;
using DevDbSeed.Catalog;
using DevDbSeed.Errors;
using DevDbSeed.Parallelism;
using DevDbSeed.Postgres.Connections;
using DevDbSeed.Postgres.Target;
using DevDbSeed.Running;
using Npgsql;

namespace DevDbSeed.Postgres.Sample;

/// <summary>
/// Creates the Vibe Code Academy sample "production" database: users with full profiles, courses, lessons,
/// enrolments (popularity skewed towards a few courses), lesson progress (the biggest table), partitioned
/// payments with card numbers, newsletter subscriptions keyed by e-mail, support tickets with personal data
/// in free text, and an audit log. Rows are generated on the server, in parallel, from deterministic hashes
/// of their ids, so a sample of a given size is always the same and 1 M users take about a minute.
/// </summary>
internal static class SampleDatabase
{
    private const int LessonsPerCourse = 20;
    private const int Chunk = 100_000;

    public static async Task<SampleSummary> CreateAsync(ConnectionSettings settings, int users, bool replace, IRunObserver observer, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        await using (var server = await TargetServer.OpenAsync(settings, cancellationToken))
        {
            if (await server.ExistsAsync(settings.Database, cancellationToken))
            {
                if (!replace)
                {
                    throw new ConfigurationException($"database {settings.Database} already exists on {settings.Host}:{settings.Port}; drop it or pass --replace");
                }

                await server.DropAsync(settings.Database, cancellationToken);
            }

            await server.Execute($"CREATE DATABASE {QualifiedName.QuoteIdentifier(settings.Database)} TEMPLATE template0 ENCODING 'UTF8'", cancellationToken);
        }

        var courses = Math.Max(20, users / 500);
        if (courses % 7919 == 0)
        {
            courses++; // keeps each user's courses distinct (see Enrolments)
        }

        var jobs = Math.Clamp(Environment.ProcessorCount, 2, 4);
        observer.OnEvent(new SampleStarted(settings.ToString(), users, courses, jobs));
        await ExecuteAsync(settings, [SampleSql.Schema], 1, cancellationToken);
        await ExecuteAsync(settings,
        [
            SampleSql.Countries, SampleSql.Courses(courses), SampleSql.Lessons(courses, LessonsPerCourse), SampleSql.AuditLog,
            .. Ranges(users).Select(r => SampleSql.Users(r.From, r.To)),
            .. Ranges(users).Select(r => SampleSql.Enrolments(r.From, r.To, courses)),
            .. Ranges(users).Select(r => SampleSql.Payments(r.From, r.To)),
        ], jobs, cancellationToken);
        observer.OnEvent(new SampleTablesFilled(["users", "enrolments", "payments"], clock.Elapsed));

        var enrolments = await ScalarAsync(settings, "SELECT coalesce(max(id), 0) FROM enrolments", cancellationToken);
        await ExecuteAsync(settings,
        [
            SampleSql.Newsletter, SampleSql.Tickets,
            .. Ranges(enrolments, Chunk * 3).Select(r => SampleSql.LessonProgress(r.From, r.To, LessonsPerCourse)),
        ], jobs, cancellationToken);
        observer.OnEvent(new SampleTablesFilled(["lesson progress"], clock.Elapsed));

        await ExecuteAsync(settings, SampleSql.Constraints, jobs, cancellationToken);
        await ExecuteAsync(settings, SampleSql.ForeignKeys, jobs, cancellationToken);
        await ExecuteAsync(settings, [SampleSql.Finish], 1, cancellationToken);
        await ExecuteAsync(settings, ["VACUUM ANALYZE"], 1, cancellationToken);

        var rows = await ScalarAsync(settings, SampleSql.RowCount, cancellationToken);
        return new SampleSummary(settings.Database, rows, clock.Elapsed);
    }

    private static IEnumerable<(long From, long To)> Ranges(long count, int size = Chunk)
    {
        for (long from = 1; from <= count; from += size)
        {
            yield return (from, Math.Min(count, from + size - 1));
        }
    }

    /// <summary>Runs statements on <paramref name="jobs"/> connections, each statement in its own transaction.</summary>
    private static async Task ExecuteAsync(ConnectionSettings settings, IReadOnlyList<string> statements, int jobs, CancellationToken cancellationToken)
    {
        await Workers.RunAsync(statements, jobs,
            token => Sessions.OpenAsync(settings, "sample database", token, "synchronous_commit=off", "work_mem=64MB", "maintenance_work_mem=256MB"),
            async (connection, statement, token) =>
            {
                await using var command = new NpgsqlCommand(statement, connection);
                SampleSql.AddParameters(command);
                await command.ExecuteNonQueryAsync(token);
            }, cancellationToken);
    }

    private static async Task<long> ScalarAsync(ConnectionSettings settings, string sql, CancellationToken cancellationToken)
    {
        await using var connection = await Sessions.OpenAsync(settings, "sample database", cancellationToken);
        await using var command = new NpgsqlCommand(sql, connection);
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
    }
}
