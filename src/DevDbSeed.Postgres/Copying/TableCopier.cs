using System.Buffers;
using DevDbSeed.Copying;
using DevDbSeed.Masking;
using DevDbSeed.Planning;
using DevDbSeed.Verification;
using Npgsql;

namespace DevDbSeed.Postgres.Copying;

/// <summary>
/// Copies one slice of a table from a snapshot reader to the new database. Tables with no masked column, and the rows
/// <c>keep_rows</c> keeps of a masked one, stream as raw binary COPY (text COPY when a type cannot travel in binary), never
/// decoded; masked tables stream through a row masker, in binary COPY when every masked type carries its text there
/// (<see cref="BinaryCopyRowMasker"/>), else as COPY text (<see cref="CopyTextRowMasker"/>); with <paramref name="search"/>
/// the masker also searches what it writes for originals. Memory is a few buffers, whatever the table size.
/// </summary>
internal sealed class TableCopier(MaskingSetup masking, CopiedFingerprints? fingerprints, CopySearch? search)
{
    private const int BufferSize = 1 << 17;
    private const int FlushSize = 1 << 16;
    private const long ProgressEvery = 1 << 20;

    /// <param name="progress">Called now and then with the slice's rows and source bytes so far.</param>
    public async Task<(long Rows, long Bytes, long Masked)> CopyAsync(CopySlice slice, NpgsqlConnection source, NpgsqlConnection target,
        Action<long, long> progress, CancellationToken cancellationToken) =>
        slice.Table.Mode switch
        {
            CopyMode.Emptied => (0L, 0L, 0L),
            CopyMode.Masked when !slice.Kept => await MaskAsync(slice, source, target, progress, cancellationToken),
            _ => await PassThroughAsync(slice, source, target, progress, cancellationToken), // kept rows of a masked table too
        };

    private static async Task<(long Rows, long Bytes, long Masked)> PassThroughAsync(
        CopySlice slice, NpgsqlConnection source, NpgsqlConnection target, Action<long, long> progress, CancellationToken cancellationToken)
    {
        var plan = slice.Table;
        var binary = slice.Binary;
        var format = binary ? " (FORMAT binary)" : string.Empty;
        var counter = binary ? new BinaryCopyRowCounter() : null;
        long newlines = 0, bytes = 0;
        var buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
        try
        {
            await using var reader = await source.BeginRawBinaryCopyAsync(slice.CopyOut(Columns(plan), format), cancellationToken);
            await using var writer = await target.BeginRawBinaryCopyAsync($"COPY {Destination(plan)} FROM STDIN{format}", cancellationToken);
            try
            {
                int read;
                var reported = 0L;
                while ((read = await CopyStreamReads.ReadAsync(reader, buffer.AsMemory(0, BufferSize), cancellationToken)) > 0)
                {
                    var chunk = buffer.AsSpan(0, read);
                    if (counter is not null)
                    {
                        counter.Consume(chunk);
                    }
                    else
                    {
                        newlines += chunk.Count(CopyText.RowEnd);
                    }

                    bytes += read;
                    await writer.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
                    if (bytes - reported >= ProgressEvery)
                    {
                        reported = bytes;
                        progress(counter?.Rows ?? newlines, bytes);
                    }
                }
            }
            catch
            {
                await writer.CancelAsync();
                throw;
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        return (counter?.Rows ?? newlines, bytes, 0);
    }

    private async Task<(long Rows, long Bytes, long Masked)> MaskAsync(
        CopySlice slice, NpgsqlConnection source, NpgsqlConnection target, Action<long, long> progress, CancellationToken cancellationToken)
    {
        var plan = slice.Table;
        var maskers = masking.MaskersFor(plan, fingerprints);
        var searched = search is null ? null : await search.ForAsync(plan, cancellationToken);
        var output = new Utf8Builder(FlushSize * 2);
        var binary = slice.Binary;
        ICopyRowMasker rowMasker = binary
            ? new BinaryCopyRowMasker(maskers, BinaryFields.OfCopied(plan), [.. plan.CopiedColumns.Select(c => $"{plan.Table.Name}.{c.Column.Name}")], searched)
            : new CopyTextRowMasker(maskers, searched);
        var (export, import) = binary
            ? await BinaryStreamsAsync(slice, source, target, cancellationToken)
            : await TextStreamsAsync(slice, source, target, cancellationToken);
        await using var exporting = export;
        await using var importing = import;
        ICopyRowReader reader = binary ? new BinaryCopyReader(export, BufferSize) : new CopyTextReader(export, BufferSize);
        try
        {
            if (binary)
            {
                BinaryCopy.WriteHeader(output);
            }

            ReadOnlyMemory<byte> rows;
            while (!(rows = await reader.ReadRowsAsync(cancellationToken)).IsEmpty)
            {
                rowMasker.MaskRows(rows.Span, output);
                if (output.Length >= FlushSize)
                {
                    await import.Stream.WriteAsync(output.WrittenMemory, cancellationToken);
                    output.Clear();
                    progress(rowMasker.Rows, reader.Bytes);
                }
            }

            if (binary)
            {
                BinaryCopy.WriteTrailer(output);
            }

            await import.Stream.WriteAsync(output.WrittenMemory, cancellationToken);
            progress(rowMasker.Rows, reader.Bytes);
            foreach (var masker in maskers)
            {
                masker?.Complete();
            }

            searched?.Complete(rowMasker.Rows);
        }
        catch
        {
            await import.CancelAsync();
            throw;
        }

        return (rowMasker.Rows, reader.Bytes, maskers.Sum(m => m?.Values ?? 0));
    }

    /// <summary>The slice's rows out of the source and into the new database in binary COPY.</summary>
    private static async Task<(Stream Export, CopyIn Import)> BinaryStreamsAsync(CopySlice slice, NpgsqlConnection source, NpgsqlConnection target,
        CancellationToken cancellationToken)
    {
        var export = await source.BeginRawBinaryCopyAsync(slice.BinaryMaskingCopyOut(Columns(slice.Table)), cancellationToken);
        try
        {
            var import = await target.BeginRawBinaryCopyAsync($"COPY {Destination(slice.Table)} FROM STDIN (FORMAT binary)", cancellationToken);
            return (export, new CopyIn(import, import, import.CancelAsync));
        }
        catch
        {
            await export.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// The slice's rows out of the source and into the new database in COPY text. Npgsql's raw COPY API is binary only; its
    /// text reader and writer sit on the raw stream, which is read and written directly as UTF-8 bytes, never decoded into
    /// .NET strings.
    /// </summary>
    private static async Task<(Stream Export, CopyIn Import)> TextStreamsAsync(CopySlice slice, NpgsqlConnection source, NpgsqlConnection target,
        CancellationToken cancellationToken)
    {
        var export = (StreamReader)await source.BeginTextExportAsync(slice.CopyOut(Columns(slice.Table)), cancellationToken);
        try
        {
            var import = (NpgsqlCopyTextWriter)await target.BeginTextImportAsync($"COPY {Destination(slice.Table)} FROM STDIN", cancellationToken);
            return (export.BaseStream, new CopyIn(import.BaseStream, import, import.CancelAsync));
        }
        catch
        {
            export.Dispose();
            throw;
        }
    }

    /// <summary>A COPY into the new database: the stream the rows are written to, what ends the COPY when disposed, and what cancels it.</summary>
    private sealed class CopyIn(Stream stream, IAsyncDisposable owner, Func<Task> cancel) : IAsyncDisposable
    {
        public Stream Stream => stream;

        public Task CancelAsync() => cancel();

        public ValueTask DisposeAsync() => owner.DisposeAsync();
    }

    private static string Columns(TablePlan plan) => string.Join(", ", plan.CopiedColumns.Select(c => c.Column.Sql));

    private static string Destination(TablePlan plan) =>
        plan.CopiedColumns.Count == 0 ? plan.Table.Name.Sql : $"{plan.Table.Name.Sql} ({Columns(plan)})";
}
