using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using DevDbSeed.Journal;
using DevDbSeed.Rules;
using DevDbSeed.Verification;

namespace DevDbSeed.Snapshots;

/// <summary>
/// What a database DevDbSeed built says about itself: that it is a masked copy, when it was made, by which version,
/// with which rules, from what, and what its verification found. It is kept in a database-level setting
/// (<see cref="Setting"/>, <c>ALTER DATABASE ... SET</c>): no object is added to the database, so a dev copy's schema
/// stays identical to production's, and the mark moves with the database through the swap and a rollback. A
/// session on the database reads it with <c>SELECT current_setting('devdbseed.masked_copy', true)</c>. Packaging a
/// snapshot refuses a database without it, so production can never be packaged by mistake.
/// </summary>
/// <param name="MadeAt">When the run that built the database finished verifying it.</param>
/// <param name="ToolVersion">The DevDbSeed version that built it.</param>
/// <param name="Source">What it was copied from, without a password: <c>user@host:port/database</c> or <c>backup /path/file.dump</c>.</param>
/// <param name="Rules">The rules files it was masked with, with their SHA-256.</param>
/// <param name="Verification">What the leak verification before the swap found; null when the pipeline turned it off.</param>
public sealed record MaskedCopyMark(DateTimeOffset MadeAt, string ToolVersion, string Source, IReadOnlyList<RulesFileInfo> Rules,
    MarkedVerification? Verification)
{
    /// <summary>The database-level setting holding the mark (a custom setting: PostgreSQL accepts any dotted name).</summary>
    public const string Setting = "devdbseed.masked_copy";

    /// <summary>The version of the mark's JSON.</summary>
    public const int FormatVersion = 1;

    private static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The mark of a run that built a database now, with this version of DevDbSeed.</summary>
    public static MaskedCopyMark Now(string source, IReadOnlyList<RulesFileInfo> rules, VerifyResult? verified, TimeProvider? time = null) =>
        new((time ?? TimeProvider.System).GetUtcNow(), RunSummaryDocument.ToolVersion, source, rules,
            verified is null ? null : new MarkedVerification(verified.Values, verified.SearchedColumns, verified.ComparedRows, verified.Hits.Sum(h => h.Count)));

    /// <summary>The mark as the setting holds it: one line of JSON.</summary>
    public string ToJson()
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, Options))
        {
            json.WriteStartObject();
            json.WriteString("masked_copy", "devdbseed");
            json.WriteNumber("format_version", FormatVersion);
            json.WriteString("made_at", RunEventJson.Instant(MadeAt));
            json.WriteString("tool_version", ToolVersion);
            json.WriteString("source", Source);
            json.WriteStartArray("rules_files");
            foreach (var file in Rules)
            {
                json.WriteStartObject();
                json.WriteString("path", file.DisplayPath);
                json.WriteString("sha256", file.Sha256);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            if (Verification is { } verified)
            {
                json.WriteStartObject("verification");
                json.WriteNumber("originals_searched", verified.OriginalsSearched);
                json.WriteNumber("searched_columns", verified.SearchedColumns);
                json.WriteNumber("compared_rows", verified.ComparedRows);
                json.WriteNumber("hits", verified.Hits);
                json.WriteEndObject();
            }
            else
            {
                json.WriteNull("verification");
            }

            json.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>The mark a setting holds; null when <paramref name="text"/> is not a mark DevDbSeed wrote (absent, empty, anything else).</summary>
    public static MaskedCopyMark? Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(text);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("masked_copy", out var kind) || kind.GetString() != "devdbseed"
                || root.GetProperty("format_version").GetInt32() != FormatVersion)
            {
                return null;
            }

            var rules = root.GetProperty("rules_files").EnumerateArray()
                .Select(f => new RulesFileInfo(f.GetProperty("path").GetString()!, f.GetProperty("sha256").GetString()!)).ToList();
            var verification = root.GetProperty("verification") is { ValueKind: JsonValueKind.Object } v
                ? new MarkedVerification(v.GetProperty("originals_searched").GetInt64(), v.GetProperty("searched_columns").GetInt32(),
                    v.GetProperty("compared_rows").GetInt64(), v.GetProperty("hits").GetInt64())
                : null;
            return new MaskedCopyMark(DateTimeOffset.Parse(root.GetProperty("made_at").GetString()!, CultureInfo.InvariantCulture),
                root.GetProperty("tool_version").GetString()!, root.GetProperty("source").GetString()!, rules, verification);
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            return null;
        }
    }
}

/// <summary>What the verification of a marked copy found: how much it looked for, and original values found (always 0: a hit stops the run).</summary>
/// <param name="OriginalsSearched">Distinct original values of masked columns searched for.</param>
/// <param name="SearchedColumns">Columns searched.</param>
/// <param name="ComparedRows">Rows compared by key with the same source rows.</param>
/// <param name="Hits">Original values found.</param>
public sealed record MarkedVerification(long OriginalsSearched, int SearchedColumns, long ComparedRows, long Hits);
