using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using DevDbSeed.Journal;

namespace DevDbSeed.Cli.Output;

/// <summary>
/// One line of <c>--log-format json</c>: a JSON object with <c>time</c> (UTC ISO 8601), <c>level</c> (info, warning,
/// error), <c>event</c> (a stable snake_case name), <c>message</c> (the words of the text output) and the event's own
/// fields after them. No line break inside it and no ANSI: one object per line, for log collectors.
/// </summary>
internal static class JsonLines
{
    public const string Info = "info";
    public const string Warning = "warning";
    public const string Error = "error";

    private static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The line, without its line break.</summary>
    public static string Line(DateTimeOffset time, string level, string eventName, string message, Action<Utf8JsonWriter>? fields = null)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var json = new Utf8JsonWriter(buffer, Options))
        {
            json.WriteStartObject();
            json.WriteString("time", RunEventJson.Instant(time));
            json.WriteString("level", level);
            json.WriteString("event", eventName);
            json.WriteString("message", message);
            fields?.Invoke(json);
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
