namespace DevDbSeed.Catalog;

/// <summary>What kind of values a column holds, as far as masking cares (domains resolved to their base type).</summary>
public enum TypeCategory
{
    Text,
    FixedChar,
    Integer,
    Numeric,
    Float,
    Boolean,
    Date,
    Timestamp,
    TimestampTz,
    Time,
    Interval,
    Uuid,
    Json,
    Jsonb,
    Inet,
    Cidr,
    MacAddr,
    Bytea,
    Enum,
    Array,

    /// <summary>A scalar inside a JSON document: a string, a number or a boolean.</summary>
    JsonScalar,
    Other,
}

/// <summary>A column's type: its SQL spelling, its category and the limits a masked value must fit.</summary>
/// <param name="SqlName">The type as <c>format_type</c> prints it, e.g. <c>character varying(50)</c>.</param>
/// <param name="Category">The category of the base type (after domains).</param>
/// <param name="MaxLength">Characters allowed by <c>varchar(n)</c>/<c>char(n)</c>; null when unbounded.</param>
/// <param name="Precision">Digits of <c>numeric(p,s)</c>; for integers, the byte width (2, 4 or 8).</param>
/// <param name="Scale">Decimals of <c>numeric(p,s)</c>.</param>
/// <param name="Element">The element type of an array.</param>
/// <param name="EnumLabels">The labels of an enum, in order.</param>
/// <param name="BinaryCopySafe">
/// Binary COPY can carry the values between databases: not a composite, and not an array of a type defined in
/// the database (binary arrays and records embed type OIDs, which differ in the target).
/// </param>
/// <param name="BinaryIsText">
/// In binary COPY a value is its text form in the client encoding, as in COPY text but without escapes (text, varchar,
/// char(n), json, citext; jsonb after a version byte): a masked value can travel in binary without a codec.
/// </param>
public sealed record ColumnType(
    string SqlName,
    TypeCategory Category,
    int? MaxLength = null,
    int? Precision = null,
    int? Scale = null,
    ColumnType? Element = null,
    IReadOnlyList<string>? EnumLabels = null,
    bool BinaryCopySafe = true,
    bool BinaryIsText = false)
{
    public static readonly ColumnType Text = new("text", TypeCategory.Text, BinaryIsText: true);

    /// <summary>A value inside a JSON document (what json rules apply their member rules to).</summary>
    public static readonly ColumnType JsonMember = new("json value", TypeCategory.JsonScalar);

    /// <summary>Text-like: values are free strings the fakes can produce (a JSON string is one).</summary>
    public bool IsTextual => Category is TypeCategory.Text or TypeCategory.FixedChar or TypeCategory.JsonScalar;

    /// <summary>Whether values may hold free text a person wrote (text, JSON, arrays): what content scans read and verification searches.</summary>
    public bool HoldsText => Category is TypeCategory.Text or TypeCategory.FixedChar or TypeCategory.Json or TypeCategory.Jsonb or TypeCategory.Array;

    public override string ToString() => SqlName;
}
