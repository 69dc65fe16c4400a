using DevDbSeed.Catalog;
using DevDbSeed.Masking.Fakes;
using DevDbSeed.Masking.Transformers;
using DevDbSeed.Planning;

namespace DevDbSeed.Copying;

/// <summary>How a masked column's values travel in binary COPY: what the masker reads, and what it writes back.</summary>
public enum BinaryField
{
    /// <summary>The text form itself (<see cref="ColumnType.BinaryIsText"/>): read and written as it is.</summary>
    Text,

    /// <summary>jsonb: a version byte, then the text.</summary>
    Jsonb,

    /// <summary>A date: read through <c>date_out</c> as text, written as days since 2000-01-01.</summary>
    Date,

    /// <summary>An inet: read through <c>inet_out</c> as text, written as family, bits, flag, length and address.</summary>
    Inet,
}

/// <summary>Which masked columns can travel in binary COPY, and how.</summary>
public static class BinaryFields
{
    /// <summary>
    /// How <paramref name="column"/>'s masked values travel in binary COPY; null when they cannot. A type with a codec here (date,
    /// inet) qualifies only under rules whose output this program writes itself in the form the codec reads (a shifted date,
    /// a date or IP fake, NULL); a constant or a template may be any text the server would accept, so its table stays in COPY
    /// text, where the server parses what the rule wrote.
    /// </summary>
    public static BinaryField? Of(ColumnPlan column) => column.Column.Type switch
    {
        { BinaryIsText: true, Category: TypeCategory.Jsonb } => BinaryField.Jsonb,
        { BinaryIsText: true } => BinaryField.Text,
        { Category: TypeCategory.Date } when column.Rule is ShiftRule || WritesNull(column)
            || column.Rule is FakeRule { Generator.Output: FakeOutput.Date or FakeOutput.Timestamp } => BinaryField.Date,
        { Category: TypeCategory.Inet } when WritesNull(column) || column.Rule is FakeRule { Generator.Name: "internet.ip" or "internet.ipv6" } =>
            BinaryField.Inet,
        _ => null,
    };

    /// <summary>
    /// Per column COPY moves of <paramref name="table"/>, in their order, how its masked values travel in binary COPY; null for a
    /// kept column (and for a masked one that cannot, in a table that then does not travel in binary: <see cref="Carry"/>).
    /// </summary>
    public static IReadOnlyList<BinaryField?> OfCopied(TablePlan table) =>
        [.. table.CopiedColumns.Select(c => c.Action == ColumnAction.Mask ? Of(c) : null)];

    /// <summary>Whether <paramref name="table"/>'s masked rows travel in binary COPY: every copied type allows it, and every masked column can.</summary>
    public static bool Carry(TablePlan table) =>
        table.Mode == CopyMode.Masked && table.BinaryCopySafe && table.MaskedColumns.All(c => Of(c) is not null);

    /// <summary>The output function a column of <paramref name="field"/> is read through (its text form, as COPY text prints it); null: none.</summary>
    public static string? ReadThrough(BinaryField? field) => field switch
    {
        BinaryField.Date => "pg_catalog.date_out",
        BinaryField.Inet => "pg_catalog.inet_out",
        _ => null,
    };

    private static bool WritesNull(ColumnPlan column) => column.Rule is { AlwaysNull: true };
}
