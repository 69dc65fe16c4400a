using System.Buffers;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;
using DevDbSeed.Catalog;
using DevDbSeed.Configuration;
using DevDbSeed.Copying;
using DevDbSeed.Masking;
using DevDbSeed.Masking.Transformers;
using DevDbSeed.Parallelism;
using DevDbSeed.Planning;
using DevDbSeed.Postgres.Connections;
using Npgsql;

namespace DevDbSeed.Postgres.Verification;

/// <summary>
/// Proves that no original value of a masked column reached a database masked with these rules (the new database of
/// a run, or any target given to <c>devdbseed verify</c>), in four parts that never cry wolf on a correct copy:
/// <list type="bullet">
/// <item>What the rule does: the distinct originals of every masked column (<see cref="NeedleCollector"/>) are masked
/// again with their rule (keyed, deterministic: exactly what the run wrote). A value its rule gives back unchanged is
/// a leak, unless the rule is a fake drawn from a list that may pick the original by chance.</item>
/// <item>What the target holds, row by row: sampled rows of tables with a kept key are read again by key
/// (<see cref="RowComparer"/>); a masked value that is still that row's original, where the rule changes it, is a
/// leak. This catches a copied column of first names, which values alone cannot tell from fakes.</item>
/// <item>What the masked columns hold: a column whose rule cannot produce an original (hash, mask, unique fake) is
/// compared whole with the originals; any there is a leak, in whatever row.</item>
/// <item>Where else originals may sit: every text, JSON and array column the rules keep (kept columns, generated
/// columns, the members a json rule leaves, the text around what a scrub rule replaces) is searched for the
/// originals as whole words. A hit counts only where that column's source data did not already hold the value
/// (a customer's surname that is also a kept actor's surname is not a leak); an item a scrub rule should have
/// replaced always counts.</item>
/// </list>
/// Reports counts per column, never the values.
/// </summary>
public sealed class Verifier(PipelinePlan plan, MaskingSetup masking, VerifyOptions options)
{
    private const int BufferSize = 1 << 17;
    private readonly Remasker _remasker = new(masking);

    /// <summary>Verifies <paramref name="target"/>: the new database of a run, or any database said to be masked with these rules.</summary>
    public async Task<VerifyResult> VerifyAsync(Func<CancellationToken, Task<NpgsqlConnection>> openSource, ConnectionSettings target, VerifyScope scope,
        int jobs, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        Dictionary<string, List<Origin>> needles;
        await using (var source = await openSource(cancellationToken))
        {
            needles = await NeedleCollector.CollectAsync(source, plan, options, cancellationToken);
        }

        var masked = plan.MaskedColumnCount;
        var kept = new Dictionary<(string FoundIn, Origin Origin), int>();
        foreach (var (needle, origins) in needles)
        {
            foreach (var origin in origins.Where(o => KeptByItsRule(o, needle)))
            {
                Count(kept, (origin.Name, origin));
            }
        }

        var inRows = new Dictionary<(string FoundIn, Origin Origin), int>();
        var compared = await CompareRowsAsync(new RowComparer(plan, options), openSource, target, jobs, inRows, cancellationToken);
        var scans = needles.Count == 0 ? [] : plan.Tables.Select(t => (Table: t, Columns: Searchable(t, scope).ToList()))
            .Where(s => s.Columns.Count > 0).OrderByDescending(s => s.Table.Table.SizeBytes).ToList();
        var (found, rows) = await SearchAsync(target, jobs, needles, scans, cancellationToken);
        var searched = new Dictionary<(string FoundIn, Origin Origin), int>();
        await JudgeAsync(openSource, needles, found, searched, cancellationToken);

        // one leak may show in several checks (a rule keeping its values: re-masked, and found in its column): the largest count stands
        var hits = kept.Concat(inRows).Concat(searched).GroupBy(l => l.Key, l => l.Value).Select(g => (g.Key, Value: g.Max()))
            .Select(l => new VerifyHit(l.Key.FoundIn, l.Key.Origin.Name, l.Value, l.Key.Origin.Rule.Describe(l.Key.Origin.Plan.Unique)))
            .OrderBy(h => h.FoundIn, StringComparer.Ordinal).ThenBy(h => h.OriginalsOf, StringComparer.Ordinal).ToList();
        return new VerifyResult(masked, needles.Count, scans.Sum(s => s.Columns.Count), rows, hits, clock.Elapsed,
            compared.Select(c => c.Table).Distinct().Count(), compared.GroupBy(c => c.Table).Sum(g => g.Max(c => c.Compared)));
    }

    /// <summary>Searches the columns of each table in <paramref name="scans"/>, <paramref name="jobs"/> tables at a time: the needles found per column.</summary>
    private static async Task<(ConcurrentDictionary<(QualifiedName Table, string Column), ConcurrentDictionary<string, bool>> Found, long Rows)> SearchAsync(
        ConnectionSettings target, int jobs, Dictionary<string, List<Origin>> needles, IReadOnlyList<(TablePlan Table, List<ColumnPlan> Columns)> scans,
        CancellationToken cancellationToken)
    {
        var found = new ConcurrentDictionary<(QualifiedName Table, string Column), ConcurrentDictionary<string, bool>>();
        long rows = 0;
        var index = new NeedleIndex(needles);
        await Workers.RunAsync(scans, jobs, token => Sessions.OpenAsync(target, "target", token), async (connection, scan, token) =>
            Interlocked.Add(ref rows, await ScanAsync(connection, scan.Table.Table.Name, scan.Columns, index, (column, needle) =>
            {
                var seen = found.GetOrAdd((scan.Table.RuleName, column.Column.Name), _ => new(StringComparer.Ordinal));
                if (!seen.ContainsKey(needle)) // lock-free for the many repeats of a word; an add takes a lock
                {
                    seen.TryAdd(needle, true);
                }
            }, token)), cancellationToken);
        return (found, rows);
    }

    /// <summary>
    /// Row by row: a masked column holding, in a row, that row's original where its rule changes it. Exact with the
    /// run's secret; without it a list fake may have kept a few originals by chance, so only more than 1 % counts.
    /// </summary>
    private async Task<IReadOnlyList<RowComparison>> CompareRowsAsync(RowComparer comparer, Func<CancellationToken, Task<NpgsqlConnection>> openSource,
        ConnectionSettings target, int jobs, Dictionary<(string FoundIn, Origin Origin), int> leaks, CancellationToken cancellationToken)
    {
        var gate = new Lock();
        var judge = new RowJudge(_remasker);
        var results = await comparer.CompareAsync(openSource, target, jobs, (column, before, after) =>
        {
            lock (gate)
            {
                return judge.StillHoldsOriginal(column, before, after);
            }
        }, cancellationToken);
        foreach (var result in results.Where(r => r.Original > 0))
        {
            var rule = result.Column.Rule!;
            var byChance = _remasker.RandomKey && rule.MayKeepByChance(result.Column.Unique) ? (result.Compared / 100) + 2 : 0;
            if (result.Original > byChance)
            {
                var origin = new Origin(result.Table, result.Column.Column.Name, null, rule, result.Column);
                Count(leaks, (origin.Name, origin), (int)Math.Min(int.MaxValue, result.Original));
            }
        }

        return results;
    }

    /// <summary>
    /// The columns searched: those whose text the rules keep, in part or whole (kept text, JSON and array columns,
    /// generated columns, the kept members of a json rule, the text a scrub rule leaves), and the masked columns whose
    /// rule cannot produce an original (hash, mask, unique fake), compared whole: any original there is a leak, in
    /// whatever row it sits. In a new database the run wrote, kept columns and kept JSON members are byte-for-byte
    /// copies of the source's, where anything found would be excused as already there: they are not read.
    /// </summary>
    private static IEnumerable<ColumnPlan> Searchable(TablePlan table, VerifyScope scope) =>
        table.Mode == CopyMode.Emptied ? [] :
        table.Columns.Where(c => c.Action switch
        {
            ColumnAction.Mask => c.Rule is ScrubRule || (c.Rule is JsonRule && scope == VerifyScope.ExistingDatabase)
                || (!c.Rule!.MayEqualAnotherOriginal(c.Unique) && c.Column.Type.Category != TypeCategory.Bytea),
            ColumnAction.Keep when scope == VerifyScope.NewDatabase => false,
            _ => c.Column.Type.Category is TypeCategory.Text or TypeCategory.FixedChar or TypeCategory.Json or TypeCategory.Jsonb or TypeCategory.Array,
        });

    /// <summary>Whether a column is compared by whole value (a masked column other than json and scrub) rather than searched for words.</summary>
    private static bool ComparedWhole(ColumnPlan column) => column is { Action: ColumnAction.Mask, Rule: not (JsonRule or ScrubRule) };

    /// <summary>Streams the columns (as text) and reports every needle found in each.</summary>
    /// <remarks>
    /// In a column with a json rule only the members no rule masks are searched; a column compared whole reports a
    /// value that is a needle.
    /// </remarks>
    private static async Task<long> ScanAsync(NpgsqlConnection connection, QualifiedName table, IReadOnlyList<ColumnPlan> columns, NeedleIndex index,
        Action<ColumnPlan, string> report, CancellationToken cancellationToken)
    {
        var reporters = columns.Select(c => (Action<string>)(needle => report(c, needle))).ToArray(); // one per column, not one per field
        var sql = $"COPY (SELECT {string.Join(", ", columns.Select(c => c.Column.Sql + "::text"))} FROM {table.Sql}) TO STDOUT";
        using var export = (StreamReader)await connection.BeginTextExportAsync(sql, cancellationToken);
        var reader = new CopyTextReader(export.BaseStream, BufferSize);
        var search = new FieldSearch(columns, index, reporters);
        long rows = 0;
        ReadOnlyMemory<byte> chunk;
        while (!(chunk = await reader.ReadRowsAsync(cancellationToken)).IsEmpty)
        {
            rows += search.SearchRows(chunk.Span);
        }

        return rows;
    }

    /// <summary>The needles in each field of rows of COPY text, column by column (one per scan: not thread-safe).</summary>
    private sealed class FieldSearch(IReadOnlyList<ColumnPlan> columns, NeedleIndex index, Action<string>[] reporters)
    {
        private readonly Utf8Builder _field = new();
        private char[] _chars = new char[1024];

        public int SearchRows(ReadOnlySpan<byte> rows)
        {
            var count = 0;
            while (CopyText.NextRow(ref rows, out var row))
            {
                var fields = new CopyTextFields(row, columns.Count);
                for (var i = 0; i < columns.Count; i++)
                {
                    Search(columns[i], fields.Next(), reporters[i]);
                }

                count++;
            }

            return count;
        }

        private void Search(ColumnPlan column, ReadOnlySpan<byte> value, Action<string> report)
        {
            if (CopyText.IsNull(value) || value.Length < index.MinLength)
            {
                return; // NULL, or too short for any needle (escaped text is never shorter than its characters)
            }

            _field.Clear();
            CopyText.Unescape(value, _field);
            if (column is { Action: ColumnAction.Mask, Rule: JsonRule json })
            {
                JsonLeaves.SearchKept(_field.Written, json, index, report);
                return;
            }

            if (_chars.Length < _field.Length)
            {
                _chars = new char[_field.Length * 2];
            }

            var text = _chars.AsSpan(0, Encoding.UTF8.GetChars(_field.Written, _chars));
            if (!ComparedWhole(column))
            {
                index.Find(text, report);
            }
            else if (index.TryGetWhole(text, out var needle))
            {
                report(needle);
            }
        }
    }

    /// <summary>
    /// Hits in kept text: a leak where that column's source did not already hold the value; a missed scrub item always.
    /// A masked column compared whole (its rule cannot produce an original) holding an original: a leak.
    /// </summary>
    private async Task JudgeAsync(Func<CancellationToken, Task<NpgsqlConnection>> openSource, Dictionary<string, List<Origin>> needles,
        ConcurrentDictionary<(QualifiedName Table, string Column), ConcurrentDictionary<string, bool>> found,
        Dictionary<(string FoundIn, Origin Origin), int> leaks, CancellationToken cancellationToken)
    {
        var toCheckInSource = new Dictionary<(QualifiedName Table, string Column), List<(string Needle, Origin Origin)>>();
        foreach (var ((table, columnName), values) in found)
        {
            var column = ColumnOf(table, columnName);
            if (ComparedWhole(column))
            {
                foreach (var needle in values.Keys)
                {
                    var origins = needles[needle];
                    Count(leaks, ($"{table}.{columnName}", origins.FirstOrDefault(o => o.Table == table && o.Column == columnName) ?? origins[0]));
                }

                continue;
            }

            foreach (var needle in values.Keys)
            {
                foreach (var origin in needles[needle])
                {
                    if (origin.Rule is ScrubRule && origin.Table == table && origin.Column == columnName)
                    {
                        Count(leaks, ($"{table}.{columnName}", origin)); // the scrub missed it
                        continue;
                    }

                    if (!toCheckInSource.TryGetValue((table, columnName), out var list))
                    {
                        toCheckInSource[(table, columnName)] = list = [];
                    }

                    list.Add((needle, origin));
                }
            }
        }

        if (toCheckInSource.Count == 0)
        {
            return;
        }

        await using var source = await openSource(cancellationToken);
        foreach (var ((table, columnName), candidates) in toCheckInSource)
        {
            var alreadyThere = new HashSet<string>(StringComparer.Ordinal);
            var column = ColumnOf(table, columnName);
            var index = new NeedleIndex(candidates.Select(c => c.Needle).Distinct(StringComparer.Ordinal).ToDictionary(n => n, _ => new List<Origin>(), StringComparer.Ordinal));
            var whole = column with { Action = ColumnAction.Keep, Rule = null }; // the source column is searched whole
            await ScanAsync(source, table, [whole], index, (_, needle) => alreadyThere.Add(needle), cancellationToken);
            foreach (var (_, origin) in candidates.Where(c => !alreadyThere.Contains(c.Needle)))
            {
                Count(leaks, ($"{table}.{columnName}", origin));
            }
        }
    }

    private ColumnPlan ColumnOf(QualifiedName table, string column) => plan.RuleTable(table).Column(column);

    /// <summary>Whether the rule gives the original back unchanged (and that is not a list fake's chance pick): then it is in the new database.</summary>
    private bool KeptByItsRule(Origin origin, string value)
    {
        if (origin.Rule is ScrubRule)
        {
            return false; // judged by searching the text it leaves
        }

        var unique = origin.IsWholeValue ? origin.Plan.Unique : _remasker.IsUnique(origin.Rule);
        var remasked = origin.IsWholeValue ? _remasker.Whole(origin.Plan, value) : _remasker.Part(origin.Plan, origin.Rule, value);
        return !origin.Rule.MayKeepByChance(unique) && remasked == value;
    }

    private static void Count(Dictionary<(string, Origin), int> leaks, (string, Origin) key, int count = 1) => leaks[key] = leaks.GetValueOrDefault(key) + count;
}
