using DevDbSeed.Catalog;

namespace DevDbSeed.Tests.Support;

/// <summary>Source catalogs built by hand, the way the catalog reader would describe a database.</summary>
internal static class Catalogs
{
    public static readonly ColumnType Int4 = new("integer", TypeCategory.Integer, Precision: 4);
    public static readonly ColumnType Text = ColumnType.Text;
    public static readonly ColumnType Date = new("date", TypeCategory.Date);
    public static readonly ColumnType TimestampTz = new("timestamp with time zone", TypeCategory.TimestampTz);
    public static readonly ColumnType Jsonb = new("jsonb", TypeCategory.Jsonb, BinaryIsText: true);
    public static readonly ColumnType Bytea = new("bytea", TypeCategory.Bytea);
    public static readonly ColumnType Inet = new("inet", TypeCategory.Inet);
    public static readonly ColumnType TextArray = new("text[]", TypeCategory.Array, Element: ColumnType.Text);

    public static ColumnType Varchar(int length) => new($"character varying({length})", TypeCategory.Text, MaxLength: length, BinaryIsText: true);

    public static ColumnInfo Col(string name, ColumnType type, bool notNull = false, bool generated = false) => new(name, type, notNull, generated);

    public static UniqueKeyInfo Key(params string[] columns) => new(string.Join("_", columns) + "_key", columns, IsPartial: false, IsExpression: false);

    public static ForeignKeyInfo Fk(string[] columns, string table, string[] referenced) =>
        new(string.Join("_", columns) + "_fkey", columns, QualifiedName.TryParse(table)!, referenced);

    public static TableInfo Tbl(
        string name,
        IReadOnlyList<ColumnInfo> columns,
        IReadOnlyList<UniqueKeyInfo>? unique = null,
        IReadOnlyList<ForeignKeyInfo>? fks = null,
        TableKind kind = TableKind.Plain,
        string? root = null,
        long rows = 100) =>
        new(QualifiedName.TryParse(name)!, kind, root is null ? null : QualifiedName.TryParse(root), columns, rows, rows * 100, unique ?? [], fks ?? []);

    public static DatabaseCatalog Catalog(params TableInfo[] tables) => new("shop", 170000, tables, [], [], []);

    public static QualifiedName Name(string name) => QualifiedName.TryParse(name)!;
}
