using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using DevDbSeed.Errors;
using DevDbSeed.Journal;

namespace DevDbSeed.Snapshots;

/// <summary>
/// What a snapshot file says about itself (<c>manifest.json</c>, its first entry): when and by which versions it was
/// made, the <see cref="MaskedCopyMark"/> of the database it packages, the row count of every table, the properties the
/// restored database is created with, and the size and SHA-256 of every part, checked before anything is restored.
/// </summary>
/// <param name="CreatedAt">When the snapshot was taken (the server's clock at the export).</param>
/// <param name="ToolVersion">The DevDbSeed version that wrote it.</param>
/// <param name="ServerVersion">The PostgreSQL server's version (<c>15.4</c>).</param>
/// <param name="PgDumpVersion">The major version of the pg_dump that wrote the data part.</param>
/// <param name="Mark">The mark of the packaged database; a restore marks the new database with it.</param>
/// <param name="Database">The packaged database's encoding, locale and comment.</param>
/// <param name="RowCounts">Rows per table (<c>schema.table</c>) in the snapshot the data part was dumped in.</param>
/// <param name="Parts">The entries after the manifest, in order.</param>
public sealed record SnapshotManifest(DateTimeOffset CreatedAt, string ToolVersion, string ServerVersion, int PgDumpVersion, MaskedCopyMark Mark,
    SnapshotDatabase Database, IReadOnlyDictionary<string, long> RowCounts, IReadOnlyList<SnapshotPart> Parts)
{
    /// <summary>The version of the manifest's JSON.</summary>
    public const int FormatVersion = 1;

    /// <summary>The name of the manifest entry, the first of the file.</summary>
    public const string EntryName = "manifest.json";

    /// <summary>The name of the part holding the pg_dump archive (custom format).</summary>
    public const string DataPart = "data.dump";

    private static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, Indented = true };

    /// <summary>The manifest as JSON (snake_case, indented).</summary>
    public string ToJson()
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, Options))
        {
            json.WriteStartObject();
            json.WriteNumber("format_version", FormatVersion);
            json.WriteString("created_at", RunEventJson.Instant(CreatedAt));
            json.WriteString("tool_version", ToolVersion);
            json.WriteString("server_version", ServerVersion);
            json.WriteNumber("pg_dump_version", PgDumpVersion);
            json.WritePropertyName("mark");
            json.WriteRawValue(Mark.ToJson());
            json.WriteStartObject("database");
            json.WriteString("encoding", Database.Encoding);
            json.WriteString("collate", Database.Collate);
            json.WriteString("ctype", Database.CType);
            json.WriteString("locale_provider", Database.LocaleProvider);
            json.WriteString("icu_locale", Database.IcuLocale);
            json.WriteString("comment", Database.Comment);
            json.WriteEndObject();
            json.WriteStartObject("row_counts");
            foreach (var (table, rows) in RowCounts.OrderBy(r => r.Key, StringComparer.Ordinal))
            {
                json.WriteNumber(table, rows);
            }

            json.WriteEndObject();
            json.WriteStartArray("parts");
            foreach (var part in Parts)
            {
                json.WriteStartObject();
                json.WriteString("name", part.Name);
                json.WriteNumber("bytes", part.Bytes);
                json.WriteString("sha256", part.Sha256);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>The manifest <paramref name="text"/> holds; a <see cref="ConfigurationException"/> (exit 2) naming <paramref name="file"/> when it is not one.</summary>
    public static SnapshotManifest Parse(string text, string file)
    {
        try
        {
            using var document = JsonDocument.Parse(text);
            var root = document.RootElement;
            var version = root.GetProperty("format_version").GetInt32();
            if (version != FormatVersion)
            {
                throw new ConfigurationException($"{file} is a snapshot of format version {version}; this DevDbSeed reads version {FormatVersion}");
            }

            var mark = MaskedCopyMark.Parse(root.GetProperty("mark").GetRawText()) ?? throw new JsonException("the mark is not a DevDbSeed mark");
            var database = root.GetProperty("database");
            var counts = root.GetProperty("row_counts").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetInt64(), StringComparer.Ordinal);
            var parts = root.GetProperty("parts").EnumerateArray()
                .Select(p => new SnapshotPart(p.GetProperty("name").GetString()!, p.GetProperty("bytes").GetInt64(), p.GetProperty("sha256").GetString()!)).ToList();
            return new SnapshotManifest(DateTimeOffset.Parse(root.GetProperty("created_at").GetString()!, CultureInfo.InvariantCulture),
                root.GetProperty("tool_version").GetString()!, root.GetProperty("server_version").GetString()!, root.GetProperty("pg_dump_version").GetInt32(), mark,
                new SnapshotDatabase(database.GetProperty("encoding").GetString()!, database.GetProperty("collate").GetString()!,
                    database.GetProperty("ctype").GetString()!, database.GetProperty("locale_provider").GetString(), database.GetProperty("icu_locale").GetString(),
                    database.GetProperty("comment").GetString()),
                counts, parts);
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException or ArgumentException)
        {
            throw new ConfigurationException($"{file} is not an intact DevDbSeed snapshot: its manifest cannot be read ({e.Message})", e);
        }
    }

    /// <summary>
    /// Null when a part named <paramref name="name"/> of <paramref name="bytes"/> bytes and SHA-256 <paramref name="sha256"/>
    /// is the one this manifest lists; otherwise what differs, one line (<c>data.dump SHA-256 differs from its manifest</c>).
    /// </summary>
    public string? Mismatch(string name, long bytes, string sha256)
    {
        var part = Parts.FirstOrDefault(p => p.Name == name);
        return part is null ? $"{name} is not listed in its manifest"
            : part.Bytes != bytes ? $"{name} is {bytes} bytes, its manifest says {part.Bytes}"
            : !string.Equals(part.Sha256, sha256, StringComparison.OrdinalIgnoreCase) ? $"{name} SHA-256 differs from its manifest"
            : null;
    }
}

/// <summary>One entry of a snapshot file after the manifest.</summary>
/// <param name="Name">The entry's name (<c>data.dump</c>).</param>
/// <param name="Bytes">Its size.</param>
/// <param name="Sha256">Its SHA-256, lower-case hex.</param>
public sealed record SnapshotPart(string Name, long Bytes, string Sha256);

/// <summary>The packaged database's own properties a restore creates the new database with.</summary>
/// <param name="Encoding">Its encoding (<c>UTF8</c>).</param>
/// <param name="Collate">Its LC_COLLATE.</param>
/// <param name="CType">Its LC_CTYPE.</param>
/// <param name="LocaleProvider">Its locale provider (<c>c</c>, <c>i</c>); null before PostgreSQL 15.</param>
/// <param name="IcuLocale">Its ICU locale, when the provider is ICU.</param>
/// <param name="Comment">Its comment, given to the target when a restore swaps it in.</param>
public sealed record SnapshotDatabase(string Encoding, string Collate, string CType, string? LocaleProvider, string? IcuLocale, string? Comment);
