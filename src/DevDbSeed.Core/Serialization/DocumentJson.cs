using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace DevDbSeed.Serialization;

/// <summary>
/// How the JSON documents tools read are written (the plan, the reviewer's report, a rules diff and its SARIF):
/// camelCase keys, indented, "\n" line ends on every platform, and text as it is (no \u escapes for accents or
/// quotes), so that the same input gives the same bytes.
/// </summary>
public static class DocumentJson
{
    public static JsonSerializerOptions Options { get; } = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        WriteIndented = true,
        NewLine = "\n",
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>Like <see cref="Options"/>, with null members left out (formats whose readers expect absent keys, such as SARIF).</summary>
    public static JsonSerializerOptions WithoutNulls { get; } = new(Options) { DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull };
}
