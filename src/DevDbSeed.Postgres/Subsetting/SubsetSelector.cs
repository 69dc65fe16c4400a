using System.Diagnostics;
using DevDbSeed.Catalog;
using DevDbSeed.Configuration;
using DevDbSeed.Errors;
using DevDbSeed.Planning;
using DevDbSeed.Postgres.Source;
using DevDbSeed.Subsetting;
using Npgsql;
using NpgsqlTypes;

namespace DevDbSeed.Postgres.Subsetting;

/// <summary>
/// Chooses a subset's rows in the run's snapshot, as sets of row addresses held here (a read-only transaction cannot
/// create tables): the start tables' selections; then down the walk, to a fixed point, the rows referencing rows down the
/// walk; then up, to a fixed point, every row an included row references, from every included row and every row of a
/// table copied whole; then, with <see cref="NullableReferences.SetNull"/>, the references to rows left out, cut.
/// Each step queries only the rows added since the last (<see cref="SubsetQueries"/>), parents before children down the
/// walk and children before parents up it, so an acyclic schema reads each key once per direction; a cycle (a store
/// whose manager works at a store) goes round until no row is added. A table at the end of the walk down, reached by one
/// key and referencing no other table holding a subset (a user's lesson progress, payments), is not read row by row: the
/// keys it was reached by are kept, its rows counted by them, and the copy finds the rows by them (<see cref="SubsetKeys"/>).
/// </summary>
internal sealed class SubsetSelector
{
    private const int Batch = 100_000;

    private readonly NpgsqlConnection _source;
    private readonly IReadOnlyList<NpgsqlConnection> _readers;
    private readonly SubsetGraph _graph;
    private readonly Dictionary<QualifiedName, IReadOnlyList<TableInfo>> _parts;
    private readonly Dictionary<uint, TableInfo> _byOid;
    private readonly Dictionary<QualifiedName, int> _rank;
    private readonly DatabaseCatalog _catalog;
    private readonly Dictionary<TableInfo, HashSet<long>> _included = [];
    private readonly Dictionary<TableInfo, Dictionary<long, string?[]>> _down = [];
    private readonly Dictionary<TableInfo, List<long>> _pendingDown = [];
    private readonly Dictionary<TableInfo, List<long>> _pendingUp = [];
    private readonly Dictionary<(SubsetEdge, TableInfo), HashSet<long>> _reachedThrough = [];
    private readonly Dictionary<SubsetEdge, List<string[]>> _byKey;
    private readonly Dictionary<TableInfo, SubsetKeys> _keyed = [];
    private int _queries;

    private SubsetSelector(IReadOnlyList<NpgsqlConnection> readers, SubsetGraph graph, Dictionary<QualifiedName, IReadOnlyList<TableInfo>> parts, DatabaseCatalog catalog)
    {
        _source = readers[0];
        _readers = readers;
        _graph = graph;
        _parts = parts;
        _byOid = catalog.DataTables.ToDictionary(t => t.Oid);
        _rank = graph.DownOrder();
        _catalog = catalog;
        _byKey = ByKey(graph).ToDictionary<SubsetEdge, SubsetEdge, List<string[]>>(e => e, _ => [], ReferenceEqualityComparer.Instance);
    }

    /// <summary>
    /// The rows <paramref name="options"/> takes of the source <paramref name="plan"/> was made for, read on
    /// <paramref name="readers"/> (sessions in the run's snapshot; the keys followed from one table's new rows are
    /// looked up on all of them at once). The rows of tables copied by key are counted with <paramref name="countByKey"/>
    /// (<c>check</c>), else estimated from the catalog (a run finds them as it copies them, and reports what it copied).
    /// </summary>
    public static async Task<SubsetSelection> SelectAsync(IReadOnlyList<NpgsqlConnection> readers, PipelinePlan plan, SubsetOptions options,
        bool countByKey, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var graph = SubsetGraph.For(plan, options);
        var parts = await RelationParts.ReadAsync(readers[0], plan.Catalog, cancellationToken);
        var selector = new SubsetSelector(readers, graph, parts, plan.Catalog);
        foreach (var start in plan.RuleTables.Where(t => graph.Role(t.Name) == SubsetRole.Start))
        {
            await selector.StartAsync(start.Table, graph.Start(start.Name), cancellationToken);
        }

        await selector.AllowScansAsync(false, cancellationToken);
        await selector.WalkDownAsync(cancellationToken);
        if (countByKey)
        {
            await selector.CountByKeyAsync(cancellationToken);
        }
        else
        {
            selector.EstimateByKey();
        }

        await selector.AllowScansAsync(true, cancellationToken);
        foreach (var edge in graph.Up.Where(e => !graph.IsSubset(e.Child)))
        {
            foreach (var child in parts[edge.Child.Name])
            {
                await selector.QueryAsync(SubsetQueries.ReferencedByAll(edge, child), selector.Include, cancellationToken);
            }
        }

        await selector.AllowScansAsync(false, cancellationToken);
        await selector.WalkUpAsync(cancellationToken);
        await selector.AllowScansAsync(true, cancellationToken);
        var cut = await selector.CutAsync(cancellationToken);
        return new SubsetSelection(graph, selector.Rows(plan, cut), selector._queries, clock.Elapsed);
    }

    private async Task StartAsync(TableInfo table, SubsetTable selection, CancellationToken cancellationToken)
    {
        try
        {
            var carried = Carried(table.RuleName);
            await EachRowAsync(_source, SubsetQueries.Start(table, selection, carried), reader =>
            {
                if (RowOf(reader, carried.Count) is { } row)
                {
                    AddDown(row.Part, row.Tid, row.Keys);
                }
            }, cancellationToken);
        }
        catch (PostgresException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw new ConfigurationException(selection.At, $"subset {selection.Table} ({selection.Describe()}) cannot be read: {e.MessageText}", e);
        }
    }

    /// <summary>
    /// Down the walk, parents first, until no row is added: the keys of a table's new rows are read once for all its keys
    /// walked down, then the rows holding them are looked up on every reader at once.
    /// </summary>
    private async Task WalkDownAsync(CancellationToken cancellationToken)
    {
        while (Next(_pendingDown, parentsFirst: true) is { } part)
        {
            var tids = Take(_pendingDown, part);
            var edges = _graph.Down.Where(e => _parts[e.Parent.Name].Contains(part)).ToList();
            if (edges.Count == 0)
            {
                continue; // the end of the walk down: nothing references this table's rows
            }

            var columns = edges.SelectMany(e => e.Key.ReferencedColumns).Distinct(StringComparer.Ordinal).ToList();
            var carriedColumns = Carried(part.RuleName);
            var keys = columns.All(carriedColumns.Contains) // else a key of the partition itself: read by address
                ? new KeyRows(carriedColumns, [.. tids.Select(t => _down[part][t])])
                : await KeysAsync(part, columns, tids, cancellationToken);
            foreach (var edge in edges.Where(_byKey.ContainsKey))
            {
                _byKey[edge].AddRange(keys.Of(edge.Key.ReferencedColumns, unique: true)); // its rows are found by these keys when copied
            }

            var lookups = edges.Where(e => !_byKey.ContainsKey(e))
                .SelectMany(edge => Batches(keys.Of(edge.Key.ReferencedColumns, unique: true)).Select(batch => (Edge: edge, Keys: batch))).ToList();
            var found = await InParallelAsync(lookups, lookup => Carried(lookup.Edge.Child.Name).Count,
                lookup => SubsetQueries.Matching(lookup.Edge.Child, lookup.Edge.Key.Columns, lookup.Keys, Carried(lookup.Edge.Child.Name)), cancellationToken);
            foreach (var (lookup, rows) in lookups.Zip(found))
            {
                var through = _graph.Up.Contains(lookup.Edge) ? _reachedThrough : null;
                foreach (var (child, tid, carried) in rows)
                {
                    AddDown(child, tid, carried);
                    if (through is not null)
                    {
                        (through.TryGetValue((lookup.Edge, child), out var set) ? set : through[(lookup.Edge, child)] = []).Add(tid);
                    }
                }
            }
        }
    }

    /// <summary>
    /// Runs the queries of <paramref name="items"/> (each returning <c>tableoid, ctid</c> and <paramref name="carried"/>
    /// values) spread over the readers, one at a time on each; returns the rows each found, in the items' order.
    /// </summary>
    private async Task<List<(TableInfo Part, long Tid, string?[] Keys)>[]> InParallelAsync<T>(IReadOnlyList<T> items, Func<T, int> carried, Func<T, string> sql,
        CancellationToken cancellationToken)
    {
        var found = new List<(TableInfo, long, string?[])>[items.Count];
        await OnReadersAsync(items, async (reader, item, i) =>
        {
            var rows = found[i] = [];
            var values = carried(item);
            await EachRowAsync(reader, sql(item), row =>
            {
                if (RowOf(row, values) is { } found)
                {
                    rows.Add(found);
                }
            }, cancellationToken);
        });
        return found;
    }

    /// <summary>Runs <paramref name="run"/> for each of <paramref name="items"/> (with its index) spread over the readers, one at a time on each.</summary>
    private Task OnReadersAsync<T>(IReadOnlyList<T> items, Func<NpgsqlConnection, T, int, Task> run)
    {
        var next = -1;
        return Task.WhenAll(_readers.Select(async reader =>
        {
            for (var i = Interlocked.Increment(ref next); i < items.Count; i = Interlocked.Increment(ref next))
            {
                await run(reader, items[i], i);
            }
        }));
    }

    /// <summary>
    /// Counts, in every part of each table copied by key, the rows holding the keys its walk down collected (in batches,
    /// on every reader at once): what <c>check</c> and the run report, and the copy weighs.
    /// </summary>
    private async Task CountByKeyAsync(CancellationToken cancellationToken)
    {
        var counts = (from entry in _byKey
                      let all = KeysOf(entry.Key, entry.Value)
                      from batch in Enumerable.Range(0, (all.Values.Count + Batch - 1) / Batch)
                          .Select(b => all.Part(b * Batch, Math.Min(all.Values.Count, (b + 1) * Batch))).ToList()
                      from part in _parts[entry.Key.Child.Name] // the partitions share each batch's condition
                      select (Part: part, All: all, Batch: batch)).ToList();
        var rows = new long[counts.Count];
        await OnReadersAsync(counts, async (reader, count, i) =>
        {
            await using var command = new NpgsqlCommand(SubsetQueries.Count(count.Part, count.Batch), reader);
            Interlocked.Increment(ref _queries);
            rows[i] = (long)(await command.ExecuteScalarAsync(cancellationToken))!;
        });
        foreach (var part in counts.Zip(rows).GroupBy(c => c.First.Part))
        {
            _keyed[part.Key] = part.First().First.All.WithRows(part.Sum(c => c.Second));
        }
    }

    /// <summary>
    /// Estimates, in every part of each table copied by key, the rows holding the keys its walk down collected: the part's
    /// rows per row of the table it is reached from (the catalog's statistics), times the keys. What the copy weighs.
    /// </summary>
    private void EstimateByKey()
    {
        foreach (var (edge, values) in _byKey)
        {
            var keys = KeysOf(edge, values);
            var parents = Math.Max(1, _catalog.EstimatedRows(edge.Parent));
            foreach (var part in _parts[edge.Child.Name])
            {
                var rows = (long)Math.Round((double)Math.Max(0, part.EstimatedRows) * values.Count / parents);
                _keyed[part] = keys.WithRows(Math.Min(Math.Max(0, part.EstimatedRows), rows), exact: false);
            }
        }
    }

    /// <summary>The keys <paramref name="values"/> of <paramref name="edge"/>, as the rows of its child table hold them (rows not known yet).</summary>
    private static SubsetKeys KeysOf(SubsetEdge edge, IReadOnlyList<string[]> values) =>
        new(edge.Key.Columns, SubsetQueries.Types(edge.Child, edge.Key.Columns), values, 0, exact: false);

    private static IEnumerable<List<string[]>> Batches(List<string[]> keys)
    {
        for (var offset = 0; offset < keys.Count; offset += Batch)
        {
            yield return keys.GetRange(offset, Math.Min(Batch, keys.Count - offset));
        }
    }

    /// <summary>Up from every included row, children first, until no row is added: the rows a table's new rows reference, looked up on every reader at once.</summary>
    private async Task WalkUpAsync(CancellationToken cancellationToken)
    {
        while (Next(_pendingUp, parentsFirst: false) is { } part)
        {
            var tids = Take(_pendingUp, part);
            var lookups = new List<(SubsetEdge Edge, List<string[]> Keys)>();
            foreach (var edge in _graph.Up.Where(e => _graph.IsSubset(e.Child) && _parts[e.Child.Name].Contains(part)))
            {
                // a row reached down through this key references an included row through it already
                var reached = _reachedThrough.GetValueOrDefault((edge, part));
                var unknown = reached is null ? tids : [.. tids.Where(t => !reached.Contains(t))];
                if (unknown.Count > 0)
                {
                    var keys = await KeysAsync(part, edge.Key.Columns, unknown, cancellationToken);
                    lookups.AddRange(Batches(keys.Of(edge.Key.Columns)).Select(batch => (edge, batch)));
                }
            }

            var found = await InParallelAsync(lookups, _ => 0, lookup => SubsetQueries.Matching(lookup.Edge.Parent, lookup.Edge.Key.ReferencedColumns, lookup.Keys, []),
                cancellationToken);
            foreach (var (parent, tid, _) in found.SelectMany(rows => rows))
            {
                Include(parent, tid);
            }
        }
    }

    /// <summary>The cut references: per table holding rows, per column, the rows whose value is written as NULL.</summary>
    private async Task<Dictionary<TableInfo, Dictionary<string, SortedSet<long>>>> CutAsync(CancellationToken cancellationToken)
    {
        var cut = new Dictionary<TableInfo, Dictionary<string, SortedSet<long>>>();
        foreach (var edge in _graph.Cuts)
        {
            foreach (var part in _parts[edge.Child.Name])
            {
                var everyRow = !_graph.IsSubset(part);
                List<long>? rows = everyRow ? null : [.. _included.GetValueOrDefault(part) ?? []];
                if (rows is { Count: 0 })
                {
                    continue;
                }

                await EachBatchAsync(batch => SubsetQueries.References(edge, part, everyRow, batch), rows, reader =>
                {
                    var parent = _byOid.GetValueOrDefault(reader.GetFieldValue<uint>(1));
                    if (parent is not null && _included.GetValueOrDefault(parent)?.Contains(Tid(reader, 2)) != true)
                    {
                        var columns = cut.TryGetValue(part, out var c) ? c : cut[part] = [];
                        foreach (var column in edge.Key.Columns)
                        {
                            (columns.TryGetValue(column, out var set) ? set : columns[column] = []).Add(Tid(reader, 0));
                        }
                    }
                }, cancellationToken);
            }
        }

        return cut;
    }

    private Dictionary<QualifiedName, SubsetRows> Rows(PipelinePlan plan, Dictionary<TableInfo, Dictionary<string, SortedSet<long>>> cut)
    {
        var rows = new Dictionary<QualifiedName, SubsetRows>();
        foreach (var part in plan.Tables.Select(t => t.Table))
        {
            var nulled = cut.TryGetValue(part, out var columns)
                ? columns.ToDictionary(c => c.Key, c => c.Value.ToArray(), StringComparer.Ordinal)
                : new Dictionary<string, long[]>(StringComparer.Ordinal);
            if (_keyed.TryGetValue(part, out var keys))
            {
                rows[part.Name] = new SubsetRows(null, nulled, keys);
            }
            else if (_graph.IsSubset(part))
            {
                var tids = _included.TryGetValue(part, out var set) ? set.ToArray() : [];
                Array.Sort(tids);
                rows[part.Name] = new SubsetRows(tids, nulled);
            }
            else if (nulled.Count > 0)
            {
                rows[part.Name] = new SubsetRows(null, nulled);
            }
        }

        return rows;
    }

    private void AddDown(TableInfo part, long tid, string?[] carried)
    {
        var down = _down.TryGetValue(part, out var rows) ? rows : _down[part] = [];
        if (down.TryAdd(tid, carried))
        {
            Pending(_pendingDown, part).Add(tid);
            Include(part, tid);
        }
    }

    private void Include(TableInfo part, long tid)
    {
        if (Set(_included, part).Add(tid))
        {
            Pending(_pendingUp, part).Add(tid);
        }
    }

    /// <summary>
    /// The keys down the walk into a table at its end, whose rows are copied by key (<see cref="SubsetKeys"/>) instead of
    /// being read one by one: the only key the walk goes down into the table by, when no key goes down from the table and
    /// it references no other table holding a subset (its other references go to tables copied whole, so completeness asks
    /// nothing of its rows, and no reference of its rows is ever cut).
    /// </summary>
    private static IEnumerable<SubsetEdge> ByKey(SubsetGraph graph) =>
        graph.Down.Where(edge =>
        {
            var table = edge.Child.RuleName;
            return graph.Down.Count(e => e.Child.RuleName == table) == 1
                && !graph.Down.Any(e => e.Parent.RuleName == table)
                && graph.Up.Concat(graph.Cuts).All(e => e.Child.RuleName != table || ReferenceEquals(e, edge));
        });

    /// <summary>The values <paramref name="columns"/> hold in the rows <paramref name="tids"/> of <paramref name="part"/> (as text; null for NULL).</summary>
    private async Task<KeyRows> KeysAsync(TableInfo part, IReadOnlyList<string> columns, IReadOnlyList<long> tids, CancellationToken cancellationToken)
    {
        var rows = new List<string?[]>();
        await EachBatchAsync(batch => SubsetQueries.Values(part, columns, batch), tids, reader =>
        {
            var row = new string?[columns.Count];
            for (var i = 0; i < row.Length; i++)
            {
                row[i] = reader.IsDBNull(i) ? null : reader.GetString(i);
            }

            rows.Add(row);
        }, cancellationToken);
        return new KeyRows(columns, rows);
    }

    /// <summary>Whether the readers' planners may scan whole tables: not while the walk follows keys (<see cref="TableScans"/>).</summary>
    private async Task AllowScansAsync(bool allowed, CancellationToken cancellationToken)
    {
        foreach (var reader in _readers)
        {
            await TableScans.AllowAsync(reader, allowed, cancellationToken);
        }
    }

    /// <summary>Runs one query returning <c>tableoid, ctid</c> on the first reader, adding each row found.</summary>
    private Task QueryAsync(string sql, Action<TableInfo, long> add, CancellationToken cancellationToken) =>
        EachRowAsync(_source, sql, reader =>
        {
            if (RowOf(reader, 0) is { } row)
            {
                add(row.Part, row.Tid);
            }
        }, cancellationToken);

    /// <summary>
    /// A row a walk query returned (<c>tableoid, ctid</c>, then <paramref name="carried"/> values as text, null for NULL);
    /// null for a table outside the plan (a foreign partition).
    /// </summary>
    private (TableInfo Part, long Tid, string?[] Keys)? RowOf(NpgsqlDataReader reader, int carried)
    {
        if (!_byOid.TryGetValue(reader.GetFieldValue<uint>(0), out var part))
        {
            return null;
        }

        var keys = carried == 0 ? [] : new string?[carried];
        for (var i = 0; i < carried; i++)
        {
            keys[i] = reader.IsDBNull(2 + i) ? null : reader.GetString(2 + i);
        }

        return (part, Tid(reader, 1), keys);
    }

    /// <summary>
    /// The columns whose values the walk down goes on with from the rows of <paramref name="table"/> (the keys its rows
    /// are referenced by down the walk), read with the rows as they are found.
    /// </summary>
    private IReadOnlyList<string> Carried(QualifiedName table) =>
        [.. _graph.Down.Where(e => e.Parent.Name == table).SelectMany(e => e.Key.ReferencedColumns).Distinct(StringComparer.Ordinal)];

    /// <summary>Runs the query of each batch of <paramref name="tids"/>; null: once, for no batch.</summary>
    private async Task EachBatchAsync(SqlFor sql, IReadOnlyList<long>? tids, Action<NpgsqlDataReader> row, CancellationToken cancellationToken)
    {
        for (var from = 0; tids is null ? from == 0 : from < tids.Count; from += Batch)
        {
            var batch = tids is null ? [] : tids.Skip(from).Take(Batch).ToArray();
            await EachRowAsync(_source, sql(batch), row, cancellationToken);
        }
    }

    private async Task EachRowAsync(NpgsqlConnection connection, string sql, Action<NpgsqlDataReader> row, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        Interlocked.Increment(ref _queries);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            row(reader);
        }
    }

    /// <summary>The text of a walk query for a batch of row addresses.</summary>
    private delegate string SqlFor(long[] batch);

    private TableInfo? Next(Dictionary<TableInfo, List<long>> pending, bool parentsFirst) =>
        pending.Count == 0 ? null
        : parentsFirst ? pending.Keys.OrderBy(p => _rank.GetValueOrDefault(p.RuleName)).ThenBy(p => p.Name).First()
        : pending.Keys.OrderByDescending(p => _rank.GetValueOrDefault(p.RuleName)).ThenBy(p => p.Name).First();

    private static List<long> Take(Dictionary<TableInfo, List<long>> pending, TableInfo part)
    {
        var tids = pending[part];
        pending.Remove(part);
        tids.Sort();
        return tids;
    }

    private static HashSet<long> Set(Dictionary<TableInfo, HashSet<long>> sets, TableInfo part) =>
        sets.TryGetValue(part, out var set) ? set : sets[part] = [];

    private static List<long> Pending(Dictionary<TableInfo, List<long>> pending, TableInfo part) =>
        pending.TryGetValue(part, out var list) ? list : pending[part] = [];

    private static long Tid(NpgsqlDataReader reader, int ordinal)
    {
        var tid = reader.GetFieldValue<NpgsqlTid>(ordinal);
        return Tids.Encode(tid.BlockNumber, tid.OffsetNumber);
    }
}
