using System.Collections.Concurrent;
using System.Diagnostics;
using DevDbSeed.Catalog;
using DevDbSeed.Configuration;
using DevDbSeed.Copying;
using DevDbSeed.Masking;
using DevDbSeed.Parallelism;
using DevDbSeed.Planning;
using DevDbSeed.Postgres.Connections;
using DevDbSeed.Verification;
using Npgsql;

namespace DevDbSeed.Postgres.Verification;

/// <summary>
/// Proves that no original value of a masked column reached a database masked with these rules (the new database of
/// a run, or any target given to <c>devdbseed verify</c>), doing what the <see cref="VerificationPlan"/> says, in four
/// parts that never cry wolf on a correct copy (<see cref="LeakTally"/> judges):
/// <list type="bullet">
/// <item>What the rule does: the distinct originals of every masked column are masked again with their rule (keyed,
/// deterministic: exactly what the run wrote). A value its rule gives back unchanged is a leak, unless the rule is a
/// fake drawn from a list that may pick the original by chance.</item>
/// <item>What the target holds, row by row: sampled rows of tables with a kept key are read again by key
/// (<see cref="RowComparer"/>); a masked value that is still that row's original, where the rule changes it, is a leak.</item>
/// <item>What the masked columns hold: a column whose rule cannot produce an original (hash, mask, unique fake) is
/// compared whole with the originals; any there is a leak, in whatever row.</item>
/// <item>Where else originals may sit: the text the rules keep is searched for the originals as whole words. A hit
/// counts only where that column's source data did not already hold the value; an item a scrub rule should have
/// replaced always counts.</item>
/// </list>
/// In a run without <c>after:</c> scripts, the masked text columns are searched as the copy writes them
/// (<see cref="CopySearch"/>), not read again from the new database.
/// The rows <c>keep_rows</c> keeps unmasked are excused, and no other: their values give no originals to look for, they are
/// not compared row by row, and an original found only where they hold it is not a leak (<see cref="KeptRowsExcuse"/>).
/// Reports counts per column, never the values.
/// </summary>
internal sealed class Verifier(PipelinePlan plan, MaskingSetup masking, VerifyOptions options)
{
    private const int BufferSize = 1 << 17;

    /// <summary>
    /// The originals a verification looks for, read from the source (only read: a run starts it while it copies, so that
    /// the verification after the copy has them at hand).
    /// </summary>
    public static async Task<Dictionary<string, List<Origin>>> OriginalsAsync(PipelinePlan plan, VerifyOptions options, VerifyScope scope,
        Func<CancellationToken, Task<NpgsqlConnection>> openSource, CancellationToken cancellationToken)
    {
        await using var source = await openSource(cancellationToken);
        return await NeedleCollector.CollectAsync(source, VerificationPlan.For(plan, scope), options, cancellationToken);
    }

    /// <summary>
    /// Verifies <paramref name="target"/>: the new database of a run, or any database said to be masked with these rules;
    /// <paramref name="originals"/>: what <see cref="OriginalsAsync"/> has read already (null: read them now);
    /// <paramref name="searched"/>: the search of its columns, made on the run's copy as it wrote them (null: made now, by
    /// reading them).
    /// </summary>
    public async Task<VerifyResult> VerifyAsync(Func<CancellationToken, Task<NpgsqlConnection>> openSource, ConnectionSettings target, VerifyScope scope,
        int jobs, CancellationToken cancellationToken, Task<Dictionary<string, List<Origin>>>? originals = null, CopySearch? searched = null)
    {
        var clock = Stopwatch.StartNew();
        var verification = VerificationPlan.For(plan, scope);
        var needles = await (originals ?? OriginalsAsync(plan, options, scope, openSource, cancellationToken));

        var remasker = new Remasker(masking);
        var tally = new LeakTally(verification, remasker, needles);
        tally.CountKeptByRules();

        var judge = new RowJudge(remasker);
        var gate = new Lock();
        var compared = await new RowComparer(verification, options).CompareAsync(openSource, target, jobs, (column, before, after) =>
        {
            lock (gate)
            {
                return judge.StillHoldsOriginal(column, before, after);
            }
        }, cancellationToken);
        tally.CountRows(compared);

        var searches = needles.Count == 0 ? [] : verification.Searches;
        var (found, rows) = await SearchAsync(target, jobs, needles, needles.Count == 0 ? [] : searched?.Rest ?? searches, cancellationToken);
        if (searched is not null)
        {
            searched.AddFoundTo(found);
            rows += searched.Rows;
        }

        await new KeptRowsExcuse(plan).ExcuseAsync(found, openSource, target, cancellationToken);
        var candidates = tally.CountFound(found.Select(f => KeyValuePair.Create(f.Key, (IEnumerable<string>)f.Value.Keys)));
        if (candidates.Count > 0)
        {
            await using var source = await openSource(cancellationToken);
            foreach (var (column, list) in candidates)
            {
                tally.CountNotInSource(column, list, await InSourceAsync(source, column, list.Select(c => c.Needle), cancellationToken));
            }
        }

        return new VerifyResult(plan.MaskedColumnCount, needles.Count, searches.Sum(s => s.Columns.Count), rows, tally.Hits(), clock.Elapsed,
            compared.Select(c => c.Table).Distinct().Count(), compared.GroupBy(c => c.Table).Sum(g => g.Max(c => c.Compared)));
    }

    /// <summary>Searches the columns of each table, <paramref name="jobs"/> tables at a time: the originals found per rule table and column.</summary>
    private static async Task<(ConcurrentDictionary<(QualifiedName Table, string Column), ConcurrentDictionary<string, bool>> Found, long Rows)> SearchAsync(
        ConnectionSettings target, int jobs, Dictionary<string, List<Origin>> needles, IReadOnlyList<TableSearch> searches, CancellationToken cancellationToken)
    {
        var found = new ConcurrentDictionary<(QualifiedName Table, string Column), ConcurrentDictionary<string, bool>>();
        long rows = 0;
        var index = new NeedleIndex(needles);
        await Workers.RunAsync([.. searches.OrderByDescending(s => s.Table.Table.SizeBytes)], jobs, token => Sessions.OpenAsync(target, "target", token), async (connection, search, token) =>
        {
            var reporters = search.Columns.Select(c => FieldSearch.Reporter(found, (search.Table.RuleName, c.Column.Column.Name))).ToList();
            Interlocked.Add(ref rows, await ScanAsync(connection, search.Table.Table.Name, new FieldSearch(search.Columns, index, reporters), search.Columns, token));
        }, cancellationToken);
        return (found, rows);
    }

    /// <summary>The originals among <paramref name="needles"/> that the same column of the source already holds, as words.</summary>
    private async Task<IReadOnlySet<string>> InSourceAsync(NpgsqlConnection source, (QualifiedName Table, string Column) column, IEnumerable<string> needles,
        CancellationToken cancellationToken)
    {
        var inSource = new HashSet<string>(StringComparer.Ordinal);
        var index = new NeedleIndex(needles.Distinct(StringComparer.Ordinal).ToDictionary(n => n, _ => new List<Origin>(), StringComparer.Ordinal));
        var kept = plan.RuleTable(column.Table).Column(column.Column) with { Action = ColumnAction.Keep, Rule = null, Uniqueness = null };
        ColumnSearch[] whole = [new(kept, TargetSearch.Words)]; // the source's column, searched whole
        await ScanAsync(source, column.Table, new FieldSearch(whole, index, [needle => inSource.Add(needle)]), whole, cancellationToken);
        return inSource;
    }

    /// <summary>Streams the columns of a table (as text) through <paramref name="search"/>; returns the rows read.</summary>
    private static async Task<long> ScanAsync(NpgsqlConnection connection, QualifiedName table, FieldSearch search, IReadOnlyList<ColumnSearch> columns,
        CancellationToken cancellationToken)
    {
        var sql = $"COPY (SELECT {string.Join(", ", columns.Select(c => c.Column.Column.Sql + "::text"))} FROM {table.Sql}) TO STDOUT";
        using var export = (StreamReader)await connection.BeginTextExportAsync(sql, cancellationToken);
        var reader = new CopyTextReader(export.BaseStream, BufferSize);
        long rows = 0;
        ReadOnlyMemory<byte> chunk;
        while (!(chunk = await reader.ReadRowsAsync(cancellationToken)).IsEmpty)
        {
            rows += search.SearchRows(chunk.Span);
        }

        return rows;
    }
}
