using System.Buffers;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;
using DevDbSeed.Catalog;
using DevDbSeed.Configuration;
using DevDbSeed.Copying;
using DevDbSeed.Masking;
using DevDbSeed.Masking.Transformers;
using DevDbSeed.Planning;
using DevDbSeed.Postgres.Connections;
using DevDbSeed.Postgres.Copying;
using Npgsql;

namespace DevDbSeed.Postgres.Verification;

/// <summary>
/// Proves that no original value of a masked column reached the new database, in two parts that never cry wolf
/// on a correct copy:
/// <list type="bullet">
/// <item>Where each original went: the distinct originals of every masked column (<see cref="NeedleCollector"/>) are
/// masked again with their rule (keyed, deterministic: exactly what the run wrote). A value its rule gives back
/// unchanged is a leak, unless the rule is a fake drawn from a list that may pick the original by chance.</item>
/// <item>Where else originals may sit: every text, JSON and array column the rules keep (kept columns, generated
/// columns, the members a json rule leaves, the text around what a scrub rule replaces) is searched for the
/// originals as whole words. A hit counts only where that column's source data did not already hold the value
/// (a customer's surname that is also a kept actor's surname is not a leak); an item a scrub rule should have
/// replaced always counts. Columns a rule rewrites whole hold only the rule's output and are not searched.</item>
/// </list>
/// Reports counts per column, never the values.
/// </summary>
public sealed class Verifier(PipelinePlan plan, MaskingSetup masking, VerifyOptions options)
{
    private const int BufferSize = 1 << 17;

    public async Task<VerifyResult> VerifyAsync(Func<CancellationToken, Task<NpgsqlConnection>> openSource, ConnectionSettings target, int jobs,
        CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        Dictionary<string, List<Origin>> needles;
        await using (var source = await openSource(cancellationToken))
        {
            needles = await NeedleCollector.CollectAsync(source, plan, options, cancellationToken);
        }
        var masked = plan.Tables.GroupBy(t => t.RuleName).Sum(g => g.First().MaskedColumns.Count());
        if (needles.Count == 0)
        {
            return new VerifyResult(masked, 0, 0, 0, [], clock.Elapsed);
        }

        var leaks = new Dictionary<(string FoundIn, Origin Origin), int>();
        foreach (var (needle, origins) in needles)
        {
            foreach (var origin in origins.Where(o => KeptByItsRule(o, needle)))
            {
                Count(leaks, (origin.Name, origin));
            }
        }
        var index = new NeedleIndex(needles);
        var scans = plan.Tables.Select(t => (Table: t, Columns: Searchable(t).ToList())).Where(s => s.Columns.Count > 0)
            .OrderByDescending(s => s.Table.Table.SizeBytes).ToList();
        var found = new ConcurrentDictionary<(QualifiedName Table, string Column), ConcurrentDictionary<string, bool>>();
        long rows = 0;
        var queue = new ConcurrentQueue<(TablePlan Table, List<ColumnPlan> Columns)>(scans);
        await Task.WhenAll(Enumerable.Range(0, Math.Clamp(jobs, 1, Math.Max(1, scans.Count))).Select(_ => Task.Run(async () =>
        {
            await using var connection = await Sessions.OpenAsync(target, "target", cancellationToken);
            while (queue.TryDequeue(out var scan))
            {
                Interlocked.Add(ref rows, await ScanAsync(connection, scan.Table.Table.Name, scan.Columns, index, (column, needle) =>
                    found.GetOrAdd((scan.Table.RuleName, column.Column.Name), _ => new(StringComparer.Ordinal))[needle] = true, cancellationToken));
            }
        }, cancellationToken)));
        await JudgeAsync(openSource, needles, found, leaks, cancellationToken);
        var hits = leaks.Select(l => new VerifyHit(l.Key.FoundIn, l.Key.Origin.Name, l.Value, l.Key.Origin.Rule.Describe(l.Key.Origin.Plan.Unique)))
            .OrderBy(h => h.FoundIn, StringComparer.Ordinal).ThenBy(h => h.OriginalsOf, StringComparer.Ordinal).ToList();
        return new VerifyResult(masked, needles.Count, scans.Sum(s => s.Columns.Count), rows, hits, clock.Elapsed);
    }

    /// <summary>
    /// The columns whose text the rules keep, in part or whole: kept text, JSON and array columns, generated columns,
    /// and columns with a json or scrub rule (their kept members and their text around replaced items).
    /// </summary>
    private static IEnumerable<ColumnPlan> Searchable(TablePlan table) => table.Action == TableAction.Empty ? [] :
        table.Columns.Where(c => c.Action == ColumnAction.Mask
            ? c.Rule is JsonRule or ScrubRule
            : c.Column.Type.Category is TypeCategory.Text or TypeCategory.FixedChar or TypeCategory.Json or TypeCategory.Jsonb or TypeCategory.Array);

    /// <summary>Streams the columns (as text) and reports every needle found in each.</summary>
    /// <remarks>In a column with a json rule only the members no rule masks are searched.</remarks>
    private static async Task<long> ScanAsync(NpgsqlConnection connection, QualifiedName table, IReadOnlyList<ColumnPlan> columns, NeedleIndex index,
        Action<ColumnPlan, string> report, CancellationToken cancellationToken)
    {
        var sql = $"COPY (SELECT {string.Join(", ", columns.Select(c => c.Column.Sql + "::text"))} FROM {table.Sql}) TO STDOUT";
        using var export = (StreamReader)await connection.BeginTextExportAsync(sql, cancellationToken);
        var stream = export.BaseStream;
        var input = new byte[BufferSize];
        var filled = 0;
        var field = new Utf8Builder();
        var chars = ArrayPool<char>.Shared.Rent(1024);
        long rows = 0;
        try
        {
            int read;
            while ((read = await stream.ReadAsync(input.AsMemory(filled), cancellationToken)) > 0)
            {
                filled += read;
                var consumed = 0;
                int end;
                while ((end = input.AsSpan(consumed, filled - consumed).IndexOf(CopyText.RowEnd)) >= 0)
                {
                    var row = input.AsSpan(consumed, end);
                    for (var i = 0; i < columns.Count; i++)
                    {
                        var tab = i < columns.Count - 1 ? row.IndexOf(CopyText.FieldSeparator) : row.Length;
                        var value = row[..tab];
                        row = tab < row.Length ? row[(tab + 1)..] : [];
                        if (CopyText.IsNull(value))
                        {
                            continue;
                        }

                        field.Clear();
                        CopyText.Unescape(value, field);
                        var column = columns[i];
                        if (column is { Action: ColumnAction.Mask, Rule: JsonRule json })
                        {
                            JsonLeaves.SearchKept(field.Written, json, index, needle => report(column, needle));
                            continue;
                        }

                        if (chars.Length < field.Length)
                        {
                            ArrayPool<char>.Shared.Return(chars);
                            chars = ArrayPool<char>.Shared.Rent(field.Length * 2);
                        }

                        var length = Encoding.UTF8.GetChars(field.Written, chars);
                        index.Find(chars.AsSpan(0, length), needle => report(column, needle));
                    }

                    consumed += end + 1;
                    rows++;
                }

                input.AsSpan(consumed, filled - consumed).CopyTo(input);
                filled -= consumed;
                if (filled == input.Length)
                {
                    Array.Resize(ref input, input.Length * 2);
                }
            }
        }
        finally
        {
            ArrayPool<char>.Shared.Return(chars);
        }

        return rows;
    }

    /// <summary>Hits in kept text: a leak where that column's source did not already hold the value; a missed scrub item always.</summary>
    private async Task JudgeAsync(Func<CancellationToken, Task<NpgsqlConnection>> openSource, Dictionary<string, List<Origin>> needles,
        ConcurrentDictionary<(QualifiedName Table, string Column), ConcurrentDictionary<string, bool>> found,
        Dictionary<(string FoundIn, Origin Origin), int> leaks, CancellationToken cancellationToken)
    {
        var toCheckInSource = new Dictionary<(QualifiedName Table, string Column), List<(string Needle, Origin Origin)>>();
        foreach (var ((table, columnName), values) in found)
        {
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
            var column = plan.Tables.First(t => t.RuleName == table).Columns.First(c => c.Column.Name == columnName);
            var index = new NeedleIndex(candidates.Select(c => c.Needle).Distinct(StringComparer.Ordinal).ToDictionary(n => n, _ => new List<Origin>(), StringComparer.Ordinal));
            var whole = column with { Action = ColumnAction.Keep, Rule = null }; // the source column is searched whole
            await ScanAsync(source, table, [whole], index, (_, needle) => alreadyThere.Add(needle), cancellationToken);
            foreach (var (_, origin) in candidates.Where(c => !alreadyThere.Contains(c.Needle)))
            {
                Count(leaks, ($"{table}.{columnName}", origin));
            }
        }
    }

    /// <summary>Whether the rule gives the original back unchanged (and that is not a list fake's chance pick): then it is in the new database.</summary>
    private bool KeptByItsRule(Origin origin, string value)
    {
        if (origin.Rule is ScrubRule)
        {
            return false; // judged by searching the text it leaves
        }

        var unique = origin.IsWholeValue ? origin.Plan.Unique : masking.UniqueRules?.Contains(origin.Rule.Canonical(false)) == true;
        return !origin.Rule.MayKeepByChance(unique) && Remask(origin, value) == value;
    }

    private string? Remask(Origin origin, string value)
    {
        if (origin.IsWholeValue)
        {
            return Masker(origin).MaskText(value);
        }

        var result = new Utf8Builder();
        return Transformer(origin).Transform(Encoding.UTF8.GetBytes(value), result) ? result.ToString() : null;
    }

    private readonly Dictionary<Origin, ColumnMasker> _maskers = [];
    private readonly Dictionary<Origin, IValueTransformer> _transformers = [];

    private ColumnMasker Masker(Origin origin)
    {
        if (!_maskers.TryGetValue(origin, out var masker))
        {
            _maskers[origin] = masker = masking.MaskerFor(origin.Plan, memoise: false);
        }

        return masker;
    }

    private IValueTransformer Transformer(Origin origin)
    {
        if (!_transformers.TryGetValue(origin, out var transformer))
        {
            var type = origin.Position == "[*]" ? origin.Plan.Column.Type.Element ?? ColumnType.Text : ColumnType.JsonMember;
            var context = new TransformerContext(masking.Keys, type, type.MaxLength, Unique: false, masking.Fakes, masking.Locale, masking.Overrides, masking.UniqueRules);
            _transformers[origin] = transformer = origin.Rule.CreateTransformer(context);
        }

        return transformer;
    }

    private static void Count(Dictionary<(string, Origin), int> leaks, (string, Origin) key) => leaks[key] = leaks.GetValueOrDefault(key) + 1;
}
