using DevDbSeed.Planning;
using DevDbSeed.Subsetting;

namespace DevDbSeed.Copying;

/// <summary>
/// A part of one table's rows that one worker copies: the whole table, or a range of its heap blocks
/// (<c>ctid</c> range, a TID range scan since PostgreSQL 14), so a huge table does not serialise the run.
/// </summary>
/// <param name="Table">The table.</param>
/// <param name="Index">Which part (0-based).</param>
/// <param name="Count">How many parts the table has.</param>
/// <param name="FromBlock">First heap block of the part (null: from the start).</param>
/// <param name="ToBlock">First block after the part (null: to the end, including rows in blocks added since the estimate).</param>
/// <param name="Weight">Estimated cost, for scheduling the heaviest first.</param>
/// <param name="Rows">In a subset, the rows of this part (a run of the table's sorted addresses) and the references it cuts; null: every row.</param>
/// <param name="Kept">
/// The rows of a table with <c>keep_rows</c> that its predicate matches, copied as they are; the table's other slices copy the
/// rest, masked. False for every slice of a table without it.
/// </param>
public sealed record CopySlice(TablePlan Table, int Index, int Count, long? FromBlock, long? ToBlock, long Weight, SubsetRows? Rows = null, bool Kept = false)
{
    private const string BinaryOptions = " (FORMAT binary)";

    /// <summary>Whether the rows travel as they are: a passthrough table, or the kept rows of a masked one.</summary>
    public bool PassesThrough => Kept || Table.Mode == CopyMode.Passthrough;

    /// <summary>
    /// Whether the rows travel in binary COPY: rows passing through whose every type allows it, or masked rows whose masked
    /// columns can travel there (<see cref="BinaryFields.Carry"/>).
    /// </summary>
    public bool Binary => PassesThrough ? Table.BinaryCopySafe : BinaryFields.Carry(Table);

    /// <summary>
    /// The COPY source: the table with its column list, or a query (never reading an inheritance child's rows: <c>ONLY</c>)
    /// for a block range, a subset's rows, or either side of a <c>keep_rows</c> predicate.
    /// </summary>
    public string Source(string columns) => string.Concat(SourceParts(columns));

    /// <summary>
    /// The statement reading the slice, <c>COPY source TO STDOUT</c> with <paramref name="options"/> (e.g.
    /// <c> (FORMAT binary)</c>), written at once: a subset's list of rows can be megabytes.
    /// </summary>
    public string CopyOut(string columns, string options = "") => string.Concat(["COPY ", .. SourceParts(columns), " TO STDOUT", options]);

    /// <summary>
    /// The statement reading a masked slice in binary COPY (<see cref="Binary"/>): as <see cref="CopyOut"/>, with each masked
    /// column that carries no text in binary read through its type's output function, as COPY text prints it.
    /// </summary>
    public string BinaryMaskingCopyOut(string columns)
    {
        var functions = BinaryFields.OfCopied(Table).Select(BinaryFields.ReadThrough).ToList();
        return functions.All(f => f is null)
            ? CopyOut(columns, BinaryOptions)
            : string.Concat(["COPY ", .. SourceParts(columns, functions), " TO STDOUT", BinaryOptions]);
    }

    /// <param name="readThrough">Per copied column, the function its value is read through; null: the column is read as it is.</param>
    private List<string> SourceParts(string columns, IReadOnlyList<string?>? readThrough = null)
    {
        var table = Table.Table.Name.Sql;
        var conditions = new List<string>();
        if (readThrough is not null)
        {
            columns = string.Join(", ", Table.CopiedColumns.Select((c, i) => Read(c.Column.Sql, readThrough[i])));
        }

        if (Rows is { } rows)
        {
            var list = string.Join(", ", Table.CopiedColumns.Select((c, i) => Read(rows.Expression(c.Column), readThrough?[i])));
            if (rows.Tids is { } tids)
            {
                conditions.Add(Tids.Condition("ctid", tids));
            }
            else if (rows.Keys is { } keys)
            {
                conditions.Add(keys.Condition);
            }

            AddKeepRows(conditions);
            return ["(SELECT ", list, " FROM ONLY ", table, .. Where(conditions), ")"];
        }

        if (FromBlock is { } from)
        {
            conditions.Add($"ctid >= '({from},0)'::tid");
        }

        if (ToBlock is { } to)
        {
            conditions.Add($"ctid < '({to},0)'::tid");
        }

        AddKeepRows(conditions);
        if (conditions.Count == 0 && readThrough is null)
        {
            return columns.Length == 0 ? [table] : [table, " (", columns, ")"];
        }

        return ["(SELECT ", columns, " FROM ONLY ", table, .. Where(conditions), ")"];
    }

    public override string ToString() =>
        Kept ? $"{Table.Table.Name} (rows kept unmasked{(Count == 1 ? string.Empty : $", part {Index + 1} of {Count}")})"
        : Count == 1 ? Table.Table.Name.ToString() : $"{Table.Table.Name} (part {Index + 1} of {Count})";

    /// <summary>With <c>keep_rows</c>: the kept rows, or the others.</summary>
    private void AddKeepRows(List<string> conditions)
    {
        if (Table.KeepRows is { } keep)
        {
            conditions.Add(Kept ? keep.Kept : keep.Masked);
        }
    }

    private static string Read(string expression, string? function) => function is null ? expression : $"{function}({expression})";

    private static IEnumerable<string> Where(List<string> conditions) =>
        conditions.SelectMany((condition, i) => (string[])[i == 0 ? " WHERE " : " AND ", condition]);
}

/// <summary>Cuts the tables into slices so that <c>jobs</c> workers finish at about the same time.</summary>
public static class CopySlicer
{
    private const long BlockSize = 8192;
    private const long MinimumSliceBytes = 16L << 20;

    /// <summary>
    /// A masked byte costs about four raw bytes (measured at 1 M users: 0.067 s/MB for users, 0.015 s/MB for a raw table),
    /// so masked tables are weighed up to be split more.
    /// </summary>
    private const int MaskedWeight = 4;

    /// <summary>The weight of a slice of rows kept unmasked: test accounts, a few rows, copied last.</summary>
    private const long KeptWeight = 1;

    /// <summary>Most row addresses (or keys) one subset slice names in its query.</summary>
    private const int MaximumSliceRows = 100_000;

    public static IReadOnlyList<CopySlice> Slice(IReadOnlyList<TablePlan> tables, int jobs, int serverVersionNumber, SubsetSelection? subset = null)
    {
        var weights = tables.ToDictionary(t => t, t => Weight(t, subset?.RowsOf(t.Table)));
        var total = Math.Max(1, weights.Values.Sum());
        var target = Math.Max(MinimumSliceBytes, total / Math.Max(1, jobs * 4));
        var slices = new List<CopySlice>();
        foreach (var table in tables)
        {
            var weight = weights[table];
            if (subset?.RowsOf(table.Table) is { } rows && table.Mode != CopyMode.Emptied)
            {
                slices.AddRange(WithKeptRows(SubsetSlices(table, rows, weight, target, jobs).ToList()));
                continue;
            }

            if (table.KeepRows is not null)
            {
                slices.Add(new CopySlice(table, 0, 1, null, null, KeptWeight, Kept: true)); // one query: the predicate may use an index
            }

            var blocks = table.Table.SizeBytes / BlockSize;
            var parts = serverVersionNumber >= 140000 && table.Mode != CopyMode.Emptied
                ? (int)Math.Clamp(weight / target, 1, Math.Max(1, jobs * 4))
                : 1;
            if (parts == 1 || blocks < parts * 4)
            {
                slices.Add(new CopySlice(table, 0, 1, null, null, weight));
                continue;
            }

            for (var i = 0; i < parts; i++)
            {
                long? from = i == 0 ? null : blocks * i / parts;
                long? to = i == parts - 1 ? null : blocks * (i + 1) / parts;
                slices.Add(new CopySlice(table, i, parts, from, to, weight / parts));
            }
        }

        return [.. slices.OrderByDescending(s => s.Weight).ThenBy(s => s.Table.Table.Name).ThenBy(s => s.Index)];
    }

    /// <summary>
    /// A subset table in runs of its sorted addresses (so each part reads its own blocks) or of its keys, as many as its
    /// weight asks and enough to keep each query's list bounded; each part carries the cut references that fall in its run.
    /// </summary>
    private static IEnumerable<CopySlice> SubsetSlices(TablePlan table, SubsetRows rows, long weight, long target, int jobs)
    {
        var count = rows.Tids?.Length ?? rows.Keys?.Values.Count;
        if (count is not { } listed)
        {
            yield return new CopySlice(table, 0, 1, null, null, weight, rows);
            yield break;
        }

        var parts = (int)Math.Max(Math.Clamp(weight / target, 1, Math.Max(1, jobs * 4)), (listed + MaximumSliceRows - 1) / MaximumSliceRows);
        parts = Math.Max(1, Math.Min(parts, listed));
        for (var i = 0; i < parts; i++)
        {
            var (from, to) = ((int)((long)listed * i / parts), (int)((long)listed * (i + 1) / parts));
            if (rows.Keys is { } keys)
            {
                yield return new CopySlice(table, i, parts, null, null, weight / parts, rows with { Keys = keys.Part(from, to) });
                continue;
            }

            var run = rows.Tids![from..to];
            var nulled = rows.Nulled.ToDictionary(c => c.Key, c => c.Value.Where(t => t >= run[0] && t <= run[^1]).ToArray(), StringComparer.Ordinal);
            yield return new CopySlice(table, i, parts, null, null, weight / parts, new SubsetRows(run, nulled));
        }
    }

    /// <summary>
    /// A subset's slices of a table with <c>keep_rows</c>, each with its twin copying the kept rows among the same addresses (the
    /// rows the subset takes and the predicate matches).
    /// </summary>
    private static IEnumerable<CopySlice> WithKeptRows(IReadOnlyList<CopySlice> slices) =>
        slices.Count == 0 || slices[0].Table.KeepRows is null ? slices : slices.Concat(slices.Select(s => s with { Weight = KeptWeight, Kept = true }));

    /// <summary>The cost of copying a table: its size (masked bytes weigh more), a subset's share of it.</summary>
    private static long Weight(TablePlan table, SubsetRows? rows)
    {
        var bytes = table.Mode switch
        {
            CopyMode.Emptied => 0,
            CopyMode.Masked => table.Table.SizeBytes * MaskedWeight,
            _ => table.Table.SizeBytes,
        };
        return rows?.Count is { } count && table.Table.EstimatedRows > 0 ? (long)(bytes * Math.Min(1.0, (double)count / table.Table.EstimatedRows)) : bytes;
    }
}
