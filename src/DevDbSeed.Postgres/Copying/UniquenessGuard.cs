using System.Runtime.InteropServices;
using System.Text;
using DevDbSeed.Copying;
using DevDbSeed.Errors;
using DevDbSeed.Masking;
using DevDbSeed.Planning;
using DevDbSeed.Postgres.Connections;
using DevDbSeed.Postgres.Source;
using Npgsql;

namespace DevDbSeed.Postgres.Copying;

/// <summary>
/// Makes sure unique masked columns stayed unique before the indexes are built, so the load never fails on a
/// duplicate. It checks the columns the plan marks for it (<see cref="Uniqueness.Checked"/>): if two distinct originals
/// got the same masked value, the originals behind it are found; all but the first (in byte order, so independent of
/// row order) take the next keyed attempt whose value is still free. It returns the repairs and the tables that use
/// the repaired mappings, to be copied again with them; it never changes what it was given. Without a copy (a subset,
/// checked before its rows are copied), collisions are looked for among the masked values of every original of the
/// source, as a full run finds them in its copy, so the repairs, and with them every masked value, are those of a full
/// run. The rows <c>keep_rows</c> keeps hold their originals: a fake equal to one of them collides with it, and the fake
/// moves.
/// </summary>
internal sealed class UniquenessGuard(SourceSnapshot source, ConnectionSettings? copy)
{
    private const int MaxAttempts = 64;

    /// <summary>
    /// The collisions in the new database masked with <paramref name="masking"/> (without a copy: among the source's
    /// originals masked with it), and their repair; null when there are none. A column whose copied values
    /// <paramref name="fingerprints"/> show all distinct is not read.
    /// </summary>
    public async Task<UniquenessRepair?> CheckAsync(PipelinePlan plan, MaskingSetup masking, CopiedFingerprints? fingerprints, CancellationToken cancellationToken)
    {
        var collisions = await FindCollisionsAsync(plan, masking, fingerprints, cancellationToken);
        if (collisions.Count == 0)
        {
            return null;
        }

        var overrides = masking.Overrides;
        foreach (var collision in collisions)
        {
            overrides = await RepairAsync(collision, masking with { Overrides = overrides }, cancellationToken);
        }

        var recopy = plan.TablesMappingWith(collisions.Select(c => c.Canonical).ToHashSet(StringComparer.Ordinal));
        return new UniquenessRepair(collisions, recopy, overrides);
    }

    /// <summary>Checked unique columns whose masked values are fewer than their distinct originals.</summary>
    private async Task<List<UniqueCollision>> FindCollisionsAsync(PipelinePlan plan, MaskingSetup masking, CopiedFingerprints? fingerprints,
        CancellationToken cancellationToken)
    {
        var collisions = new List<UniqueCollision>();
        await using var writer = copy is null ? null : await Sessions.OpenAsync(copy, "new database", cancellationToken);
        await using var reader = await source.OpenReaderAsync(cancellationToken);
        foreach (var table in plan.RuleTables)
        {
            foreach (var column in table.CheckedUniqueColumns)
            {
                if (fingerprints?.Of(table.Name, column.Column.Name) is { } prints && !prints.MayHoldDuplicates())
                {
                    continue;
                }

                var collision = writer is not null
                    ? await CopiedCollisionAsync(writer, reader, table, column, cancellationToken)
                    : await SourceCollisionAsync(reader, table, column, masking, cancellationToken);
                if (collision is not null)
                {
                    collisions.Add(collision);
                }
            }
        }

        return collisions;
    }

    /// <summary>
    /// A collision in the copy: fewer distinct values in the new database than distinct originals in the source.
    /// Where the source's own unique key on the column keeps its originals distinct, a value held twice in the copy is one,
    /// and the source is not read (one aggregate instead of two: a unique e-mail of a million rows is checked in about a
    /// second). Otherwise, with <c>keep_rows</c>, an original of the rows kept and the same original masked in another row
    /// are two values (the kept one and its fake), so the originals are counted apart on each side of the predicate: a
    /// fake equal to a kept original is then a collision like any other.
    /// </summary>
    private static async Task<UniqueCollision?> CopiedCollisionAsync(NpgsqlConnection writer, NpgsqlConnection reader, RuleTablePlan table, ColumnPlan column,
        CancellationToken cancellationToken)
    {
        long originals;
        if (KeptDistinctBySource(table, column))
        {
            if (await HeldTwiceAsync(writer, table, column, cancellationToken) == 0)
            {
                return null;
            }

            originals = await ScalarAsync(writer, $"SELECT count({column.Column.Sql}) FROM {table.Name.Sql}", cancellationToken);
        }
        else
        {
            var distinct = $"SELECT count(DISTINCT {column.Column.Sql}) FROM {table.Name.Sql}";
            originals = await ScalarAsync(reader, table.KeepRows is null ? distinct : $"SELECT count(*) FROM ({DistinctOriginals(table, column)}) AS originals",
                cancellationToken);
            if (await ScalarAsync(writer, distinct, cancellationToken) >= originals)
            {
                return null;
            }
        }

        var (all, duplicates) = await MaskedValuesAsync(writer, table, column, cancellationToken);
        return new UniqueCollision(table, column, originals, duplicates, all);
    }

    /// <summary>
    /// How many values the copy's column holds more than once, counted in parallel workers where the server has them: the
    /// rows were just loaded, and this first scan of them is the slowest.
    /// </summary>
    private static async Task<long> HeldTwiceAsync(NpgsqlConnection writer, RuleTablePlan table, ColumnPlan column, CancellationToken cancellationToken)
    {
        await using var transaction = await writer.BeginTransactionAsync(cancellationToken);
        await using (var settings = new NpgsqlCommand("SET LOCAL parallel_setup_cost = 0; SET LOCAL parallel_tuple_cost = 0", writer))
        {
            await settings.ExecuteNonQueryAsync(cancellationToken);
        }

        var name = column.Column.Sql;
        return await ScalarAsync(writer, $"SELECT count(*) FROM (SELECT FROM {table.Name.Sql} WHERE {name} IS NOT NULL GROUP BY {name} HAVING count(*) > 1) d",
            cancellationToken); // read only: the transaction ends, rolled back, with its settings
    }

    /// <summary>
    /// A collision among the masked values of every distinct original of the source (masked here, not read from a copy):
    /// what a full run's copy would hold. A subset's rows alone would miss collisions with rows it leaves out, and repair
    /// differently from a full run: the same original would get another masked value. A first pass keeps only the
    /// fingerprints of the masked values (8 bytes each, of their COPY text, as the copy takes them), reading and masking
    /// the originals as COPY text like the copy does; only when two are equal does a second keep the values themselves.
    /// </summary>
    private static async Task<UniqueCollision?> SourceCollisionAsync(NpgsqlConnection reader, RuleTablePlan table, ColumnPlan column, MaskingSetup masking,
        CancellationToken cancellationToken)
    {
        if (!await MayCollideAsync(reader, table, column, masking, cancellationToken))
        {
            return null;
        }

        var all = new HashSet<string>(StringComparer.Ordinal);
        var duplicates = new HashSet<string>(StringComparer.Ordinal);
        var originals = await EachOriginalAsync(reader, table, column, masking, original =>
        {
            if (original.Value is { } value && !all.Add(value))
            {
                duplicates.Add(value);
            }
        }, cancellationToken);
        return duplicates.Count == 0 ? null : new UniqueCollision(table, column, originals, duplicates, all);
    }

    /// <summary>
    /// Whether two distinct originals of the source may take the same value in a copy: two fingerprints of their values
    /// are equal. The originals come as COPY text and are masked as the copy masks them (a row <c>keep_rows</c> keeps
    /// holds its original), without a string per value.
    /// </summary>
    private static async Task<bool> MayCollideAsync(NpgsqlConnection reader, RuleTablePlan table, ColumnPlan column, MaskingSetup masking,
        CancellationToken cancellationToken)
    {
        using var prints = new ColumnFingerprints(table.EstimatedRows);
        var masker = masking.MaskerFor(column, memoise: false, prints);
        var kept = new List<ulong>();
        var masked = new Utf8Builder(256);
        using var export = (StreamReader)await reader.BeginTextExportAsync($"COPY ({DistinctOriginals(table, column)}) TO STDOUT", cancellationToken);
        var rows = new CopyTextReader(export.BaseStream);
        ReadOnlyMemory<byte> chunk;
        while (!(chunk = await rows.ReadRowsAsync(cancellationToken)).IsEmpty)
        {
            var rest = chunk.Span;
            while (CopyText.NextRow(ref rest, out var row))
            {
                var fields = new CopyTextFields(row, 2);
                var original = fields.Next();
                if (fields.Next()[0] == (byte)'t')
                {
                    kept.Add(ColumnFingerprints.Of(original));
                }
                else
                {
                    masked.Clear();
                    masker.Mask(original, masked);
                }
            }
        }

        masker.Complete();
        prints.Add(CollectionsMarshal.AsSpan(kept));
        return prints.MayHoldDuplicates();
    }

    /// <summary>
    /// Hands each distinct original of the source (<see cref="DistinctOriginals"/>) to <paramref name="take"/> with the
    /// value it takes in a copy, masked with <paramref name="masking"/>, and returns how many originals there were.
    /// </summary>
    private static async Task<long> EachOriginalAsync(NpgsqlConnection reader, RuleTablePlan table, ColumnPlan column, MaskingSetup masking,
        Action<OriginalInCopy> take, CancellationToken cancellationToken)
    {
        var masker = masking.MaskerFor(column, memoise: false);
        var originals = 0L;
        await using var command = new NpgsqlCommand(DistinctOriginals(table, column), reader);
        await using var rows = await command.ExecuteReaderAsync(cancellationToken);
        while (await rows.ReadAsync(cancellationToken))
        {
            originals++;
            var original = rows.GetString(0);
            var kept = rows.GetBoolean(1);
            take(new OriginalInCopy(original, kept ? original : masker.MaskText(original), kept));
        }

        return originals;
    }

    /// <summary>
    /// The distinct non-NULL originals of a column, as text (without sorting them where the source's key keeps them
    /// distinct), each with whether it is one of the rows <c>keep_rows</c> keeps unmasked (which hold it as it is); an
    /// original in rows on both sides comes twice.
    /// </summary>
    private static string DistinctOriginals(RuleTablePlan table, ColumnPlan column) =>
        $"SELECT {(KeptDistinctBySource(table, column) ? string.Empty : "DISTINCT ")}{column.Column.Sql}::text, {table.KeepRows?.Kept ?? "false"} " +
        $"FROM {table.Name.Sql} WHERE {column.Column.Sql} IS NOT NULL";

    /// <summary>Whether a unique key of the source on this column alone (not partial, not on an expression) keeps its non-NULL originals distinct.</summary>
    private static bool KeptDistinctBySource(RuleTablePlan table, ColumnPlan column) =>
        table.Table.UniqueKeys.Any(k => !k.IsPartial && !k.IsExpression && k.Columns.Count == 1 && k.Columns[0] == column.Column.Name);

    /// <summary>
    /// Finds the originals behind each duplicate and gives all but one of them the next attempt whose value is free. A value
    /// that a kept row holds as it is stays: every masked original sharing it moves.
    /// </summary>
    private async Task<UniqueOverrides> RepairAsync(UniqueCollision collision, MaskingSetup masking, CancellationToken cancellationToken)
    {
        var byMasked = new Dictionary<string, SortedSet<string>>(StringComparer.Ordinal);
        var heldByKeptRows = new HashSet<string>(StringComparer.Ordinal);
        await using (var reader = await source.OpenReaderAsync(cancellationToken))
        {
            await EachOriginalAsync(reader, collision.Table, collision.Column, masking, original =>
            {
                if (original.Kept)
                {
                    heldByKeptRows.Add(original.Original);
                }
                else if (original.Value is { } masked && collision.Duplicates.Contains(masked))
                {
                    if (!byMasked.TryGetValue(masked, out var set))
                    {
                        byMasked[masked] = set = new SortedSet<string>(StringComparer.Ordinal);
                    }

                    set.Add(original.Original);
                }
            }, cancellationToken);
        }

        var overrides = masking.Overrides;
        var taken = new HashSet<string>(collision.Taken, StringComparer.Ordinal);
        var moving = byMasked.SelectMany(g => heldByKeptRows.Contains(g.Key) ? g.Value : g.Value.Skip(1)).ToList();
        foreach (var original in moving)
        {
            var first = UniqueOverrides.AttemptOf(overrides.For(collision.Canonical), Encoding.UTF8.GetBytes(original)) + 1;
            var repaired = Enumerable.Range(first, MaxAttempts)
                .Select(attempt => overrides.With(collision.Canonical, original, attempt))
                .FirstOrDefault(candidate => (masking with { Overrides = candidate }).MaskerFor(collision.Column, memoise: false).MaskText(original) is { } value
                    && taken.Add(value));
            overrides = repaired ?? throw collision.TooShort();
        }

        return overrides;
    }

    /// <summary>The distinct masked values of the column, and those held by more than one row.</summary>
    private static async Task<(HashSet<string> All, HashSet<string> Duplicates)> MaskedValuesAsync(
        NpgsqlConnection connection, RuleTablePlan table, ColumnPlan column, CancellationToken cancellationToken)
    {
        var all = new HashSet<string>(StringComparer.Ordinal);
        var duplicates = new HashSet<string>(StringComparer.Ordinal);
        await using var command = new NpgsqlCommand(
            $"SELECT {column.Column.Sql}::text, count(*) > 1 FROM {table.Name.Sql} WHERE {column.Column.Sql} IS NOT NULL GROUP BY 1", connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var value = reader.GetString(0);
            all.Add(value);
            if (reader.GetBoolean(1))
            {
                duplicates.Add(value);
            }
        }

        return (all, duplicates);
    }

    private static async Task<long> ScalarAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }
}

/// <summary>A distinct original of the source and the value it takes in a copy (null: the rule makes it NULL).</summary>
/// <param name="Original">The original, as text.</param>
/// <param name="Value">Its masked value; the original itself in a row <c>keep_rows</c> keeps.</param>
/// <param name="Kept">Whether it is one of the rows <c>keep_rows</c> keeps unmasked.</param>
internal readonly record struct OriginalInCopy(string Original, string? Value, bool Kept);

/// <summary>What a uniqueness check found: the collisions, the tables to copy again, and the repairs to copy them with.</summary>
/// <param name="Collisions">The unique columns whose masked values collided.</param>
/// <param name="Recopy">The tables using a repaired mapping: copied again, from empty, with <paramref name="Overrides"/>.</param>
/// <param name="Overrides">The repairs so far, these included.</param>
internal sealed record UniquenessRepair(IReadOnlyList<UniqueCollision> Collisions, IReadOnlyList<TablePlan> Recopy, UniqueOverrides Overrides);

/// <summary>A checked unique column whose masked values collided.</summary>
/// <param name="Table">Its table.</param>
/// <param name="Column">The column.</param>
/// <param name="Originals">Its distinct originals.</param>
/// <param name="Duplicates">The masked values more than one row holds.</param>
/// <param name="Taken">Every masked value it holds.</param>
internal sealed record UniqueCollision(RuleTablePlan Table, ColumnPlan Column, long Originals, IReadOnlySet<string> Duplicates, IReadOnlySet<string> Taken)
{
    public string Name => $"{Table.Name}.{Column.Column.Name}";

    public string Canonical => Column.Rule!.Canonical(Column.Unique);

    /// <summary>Exit 3: the column cannot hold its values distinctly under this rule.</summary>
    public RulesMismatchException TooShort() => new(
        "the rules do not fit the source schema (1 problem)",
        [$"{Name} ({Column.Rule!.Location}): {Originals} distinct values cannot all get distinct masked values "
            + $"({Column.Rule.Describe(true)}{(Column.FitLength is { } max ? $", {max} characters" : string.Empty)}); "
            + "widen the column, or use a longer hash or a fake"]);
}
