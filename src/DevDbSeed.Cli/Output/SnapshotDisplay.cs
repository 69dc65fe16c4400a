using System.Globalization;
using DevDbSeed.Configuration;
using DevDbSeed.Journal;
using DevDbSeed.Running;
using DevDbSeed.Snapshots;

namespace DevDbSeed.Cli.Output;

/// <summary>
/// How <c>snapshot create</c> and <c>snapshot restore</c> show what happens: their events as plain lines, or with
/// <see cref="LogFormat.Json"/> as JSON lines (<see cref="JsonLogObserver"/>); a download's progress as a live bar in a
/// capable terminal (<see cref="DownloadBar"/>), otherwise as a line every ten seconds; and the command's last line, which
/// in JSON is one <c>snapshot_created</c> or <c>snapshot_restored</c> object with the file's figures.
/// </summary>
internal sealed class SnapshotDisplay : IRunObserver, IDisposable
{
    private static readonly TimeSpan ProgressEvery = TimeSpan.FromSeconds(10);

    private readonly TextWriter _output;
    private readonly LogFormat _format;
    private readonly IRunObserver _lines;
    private readonly DownloadBar? _bar;
    private readonly TimeProvider _time;
    private readonly Lock _lock = new();
    private DateTimeOffset _lastProgress;
    private CommandStarted? _started;
    private SnapshotChecked? _checked;
    private SnapshotSigned? _signed;

    internal SnapshotDisplay(TextWriter output, TextWriter error, LogFormat format, DownloadBar? bar = null, TimeProvider? time = null)
    {
        _output = output;
        _format = format;
        _time = time ?? TimeProvider.System;
        _lines = format == LogFormat.Json ? new JsonLogObserver(output, error, _time) : new MessageObserver(output, error);
        _bar = format == LogFormat.Json ? null : bar;
    }

    /// <summary>The display for <paramref name="output"/>: a live bar for downloads only when it is a terminal that may show one.</summary>
    public static SnapshotDisplay Create(TextWriter output, TextWriter error, LogFormat format, CancellationToken cancellationToken) =>
        new(output, error, format, format == LogFormat.Text && RunDisplays.LiveConsole(output, plain: false) is { } console ? new DownloadBar(console, cancellationToken) : null);

    public void OnEvent(RunEvent runEvent)
    {
        lock (_lock)
        {
            switch (runEvent)
            {
                case CommandStarted started:
                    _started = started;
                    break;
                case SnapshotChecked found:
                    _checked = found;
                    break;
                case SnapshotSigned signed:
                    _signed = signed;
                    break;
            }
        }

        switch (runEvent)
        {
            case DownloadProgress progress when _bar is not null:
                _bar.Report(progress);
                return;
            case DownloadProgress progress when _format == LogFormat.Text:
                if (_time.GetUtcNow() - _lastProgress >= ProgressEvery)
                {
                    _lastProgress = _time.GetUtcNow();
                    Write(RunText.DownloadProgress(progress));
                }

                return;
            case DownloadStarted started:
                _lastProgress = _time.GetUtcNow();
                _lines.OnEvent(started);
                _bar?.Start(started);
                return;
            case DownloadFinished:
                _bar?.Close();
                break;
        }

        _lines.OnEvent(runEvent);
    }

    /// <summary><c>snapshot create</c> wrote <paramref name="path"/>.</summary>
    public void Created(string path, SnapshotManifest manifest)
    {
        var signed = _signed is { } key ? $"; signed with key {SnapshotKey.ShortName(key.KeySha256)}" : string.Empty;
        Finish("snapshot_created", $"snapshot {path} written: {Summary(manifest)}{signed}", manifest, json =>
        {
            json.WriteString("path", path);
            json.WriteBoolean("signed", _signed is not null);
            json.WriteString("key_sha256", _signed?.KeySha256);
        });
    }

    /// <summary><c>snapshot restore</c> swapped in the snapshot <paramref name="location"/> names (shown without credentials).</summary>
    public void Restored(string location, SnapshotManifest manifest)
    {
        var shown = SnapshotLocation.Display(location);
        var signature = _checked?.Signature ?? SignatureCheck.Unsigned;
        var words = signature switch
        {
            SignatureCheck.Verified => "signature verified",
            SignatureCheck.NotChecked => "signature not checked",
            _ => "not signed",
        };
        Finish("snapshot_restored", $"snapshot {shown} restored{(_started?.Target is { } target ? $" into {target}" : string.Empty)}: {Summary(manifest)}; {words}",
            manifest, json =>
            {
                json.WriteString("file", shown);
                json.WriteString("target", _started?.Target);
                json.WriteString("signature", RunEventJson.SignatureName(signature));
                json.WriteString("key_sha256", _checked?.KeySha256);
            });
    }

    public void Dispose() => _bar?.Dispose();

    private void Finish(string eventName, string message, SnapshotManifest manifest, Action<System.Text.Json.Utf8JsonWriter> fields)
    {
        _bar?.Close();
        Write(_format != LogFormat.Json ? message : JsonLines.Line(_time.GetUtcNow(), JsonLines.Info, eventName, message, json =>
        {
            fields(json);
            json.WriteNumber("tables", manifest.RowCounts.Count);
            json.WriteNumber("rows", manifest.RowCounts.Values.Sum());
            json.WriteNumber("bytes", manifest.Parts.Sum(p => p.Bytes));
            json.WriteString("source", manifest.Mark.Source);
            json.WriteString("made_at", RunEventJson.Instant(manifest.Mark.MadeAt));
            json.WriteString("created_at", RunEventJson.Instant(manifest.CreatedAt));
        }));
    }

    private void Write(string line)
    {
        lock (_lock)
        {
            _output.WriteLine(line);
            _output.Flush();
        }
    }

    private static string Summary(SnapshotManifest manifest) => string.Create(CultureInfo.InvariantCulture,
        $"{manifest.RowCounts.Count} tables, {manifest.RowCounts.Values.Sum():N0} rows, {RunText.Megabytes(manifest.Parts.Sum(p => p.Bytes))}, "
        + $"masked copy of {manifest.Mark.Source} made {manifest.Mark.MadeAt.UtcDateTime:yyyy-MM-dd HH:mm} UTC");
}
