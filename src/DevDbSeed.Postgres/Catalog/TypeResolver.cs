using DevDbSeed.Catalog;
using Npgsql;

namespace DevDbSeed.Postgres.Catalog;

/// <summary>Turns a column's (type oid, typmod) into a <see cref="ColumnType"/>: domains resolved, limits decoded.</summary>
internal sealed class TypeResolver
{
    private const uint FirstNormalObjectId = 16384;

    private static readonly Dictionary<string, TypeCategory> BuiltIn = new(StringComparer.Ordinal)
    {
        ["text"] = TypeCategory.Text,
        ["varchar"] = TypeCategory.Text,
        ["name"] = TypeCategory.Text,
        ["char"] = TypeCategory.Text,
        ["bpchar"] = TypeCategory.FixedChar,
        ["int2"] = TypeCategory.Integer,
        ["int4"] = TypeCategory.Integer,
        ["int8"] = TypeCategory.Integer,
        ["numeric"] = TypeCategory.Numeric,
        ["float4"] = TypeCategory.Float,
        ["float8"] = TypeCategory.Float,
        ["bool"] = TypeCategory.Boolean,
        ["date"] = TypeCategory.Date,
        ["timestamp"] = TypeCategory.Timestamp,
        ["timestamptz"] = TypeCategory.TimestampTz,
        ["time"] = TypeCategory.Time,
        ["timetz"] = TypeCategory.Time,
        ["interval"] = TypeCategory.Interval,
        ["uuid"] = TypeCategory.Uuid,
        ["json"] = TypeCategory.Json,
        ["jsonb"] = TypeCategory.Jsonb,
        ["inet"] = TypeCategory.Inet,
        ["cidr"] = TypeCategory.Cidr,
        ["macaddr"] = TypeCategory.MacAddr,
        ["macaddr8"] = TypeCategory.MacAddr,
        ["bytea"] = TypeCategory.Bytea,
    };

    /// <summary>
    /// The types whose binary send and receive functions carry the text form itself (<c>pq_sendtext</c>, converted to the
    /// client encoding like COPY text) and read it as their input functions do; jsonb adds a version byte. Not <c>"char"</c>, whose
    /// text form escapes high bytes, nor <c>name</c>, whose input truncates a long value that its receive function refuses.
    /// </summary>
    private static readonly HashSet<string> BinaryText = new(StringComparer.Ordinal) { "text", "varchar", "bpchar", "json", "jsonb" };

    private readonly Dictionary<uint, PgType> _types;
    private readonly Dictionary<uint, List<string>> _enumLabels;

    private TypeResolver(Dictionary<uint, PgType> types, Dictionary<uint, List<string>> enumLabels)
    {
        _types = types;
        _enumLabels = enumLabels;
    }

    public static async Task<TypeResolver> LoadAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        const string typesSql = """
            SELECT t.oid, t.typname, n.nspname, t.typtype::text, t.typcategory::text, t.typelem, t.typbasetype, t.typtypmod,
                   t.typsend::oid <> 0 AND t.typreceive::oid <> 0, t.typrelid <> 0
            FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
            """;
        var types = new Dictionary<uint, PgType>();
        await using (var command = new NpgsqlCommand(typesSql, connection))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                var oid = reader.GetFieldValue<uint>(0);
                types[oid] = new PgType(oid, reader.GetString(1), reader.GetString(2), reader.GetString(3)[0], reader.GetString(4)[0],
                    reader.GetFieldValue<uint>(5), reader.GetFieldValue<uint>(6), reader.GetInt32(7), reader.GetBoolean(8), reader.GetBoolean(9));
            }
        }

        var labels = new Dictionary<uint, List<string>>();
        await using (var command = new NpgsqlCommand("SELECT enumtypid, enumlabel FROM pg_enum ORDER BY enumtypid, enumsortorder", connection))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                var oid = reader.GetFieldValue<uint>(0);
                if (!labels.TryGetValue(oid, out var list))
                {
                    labels[oid] = list = [];
                }

                list.Add(reader.GetString(1));
            }
        }

        return new TypeResolver(types, labels);
    }

    public ColumnType Resolve(uint oid, int typmod, string sqlName)
    {
        var type = _types[oid];
        while (type.Kind == 'd')
        {
            typmod = typmod >= 0 ? typmod : type.DomainTypmod;
            type = _types[type.BaseType];
        }

        if (type.Category == 'A' && type.Element != 0)
        {
            var element = Resolve(type.Element, typmod, _types[type.Element].Name);
            var elementType = _types[type.Element];
            var safe = element.BinaryCopySafe && type.Element < FirstNormalObjectId && !elementType.IsComposite;
            return new ColumnType(sqlName, TypeCategory.Array, Element: element, BinaryCopySafe: safe);
        }

        if (type.Kind == 'e')
        {
            return new ColumnType(sqlName, TypeCategory.Enum, EnumLabels: _enumLabels.GetValueOrDefault(type.Oid));
        }

        var category = type.Schema == "pg_catalog" && BuiltIn.TryGetValue(type.Name, out var builtIn) ? builtIn
            : type.Category == 'S' && type.Kind == 'b' ? TypeCategory.Text // string types of extensions (citext)
            : TypeCategory.Other;
        int? maxLength = category is TypeCategory.Text or TypeCategory.FixedChar && typmod > 4 ? typmod - 4 : null;
        int? precision = null, scale = null;
        if (category == TypeCategory.Numeric && typmod > 4)
        {
            precision = ((typmod - 4) >> 16) & 0xFFFF;
            scale = (typmod - 4) & 0xFFFF;
        }
        else if (category == TypeCategory.Integer)
        {
            precision = type.Name switch { "int2" => 2, "int4" => 4, _ => 8 };
        }

        var binaryIsText = type.Schema == "pg_catalog" ? BinaryText.Contains(type.Name) : type.Name == "citext" && type.Kind == 'b';
        return new ColumnType(sqlName, category, maxLength, precision, scale, null, null, BinaryCopySafe: !type.IsComposite && type.HasBinaryIo,
            BinaryIsText: binaryIsText && type.HasBinaryIo);
    }

    private sealed record PgType(uint Oid, string Name, string Schema, char Kind, char Category, uint Element, uint BaseType,
        int DomainTypmod, bool HasBinaryIo, bool IsComposite);
}
