using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using DevDbSeed.Journal;
using DevDbSeed.Planning;
using DevDbSeed.Running;

namespace DevDbSeed.Cli.Output;

/// <summary>
/// <c>--log-format json</c>: every event of a command as one JSON object per line (<see cref="JsonLines"/>), with the
/// words of the text output as its <c>message</c> and the event's data as fields (<see cref="RunEventJson"/>): events
/// on standard output, warnings on standard error, like the plain lines. A long table's or a download's progress every
/// few seconds; no live display, no ANSI. A failed step is an error line (a stopped one a warning), on standard error too.
/// </summary>
internal sealed partial class JsonLogObserver(TextWriter output, TextWriter error, TimeProvider? time = null) : IRunDisplay
{
    private static readonly TimeSpan ProgressEvery = TimeSpan.FromSeconds(10);
    private readonly TimeProvider _time = time ?? TimeProvider.System;
    private readonly ConcurrentDictionary<TablePlan, DateTimeOffset> _lastProgress = new(ReferenceEqualityComparer.Instance);
    private readonly Lock _lock = new();

    /// <summary>When a download's progress was last logged (or it began).</summary>
    private DateTimeOffset _lastDownload;

    /// <summary>Set once a run's post-data began: the verification that starts then is the new database's, not a target's.</summary>
    private volatile bool _postDataStarted;

    public void OnEvent(RunEvent runEvent)
    {
        var now = _time.GetUtcNow();
        switch (runEvent)
        {
            case TableStarted started:
                _lastProgress[started.Table] = now;
                break;
            case TableProgress progress when !_lastProgress.TryGetValue(progress.Table, out var last) || now - last < ProgressEvery:
                return;
            case TableProgress progress:
                _lastProgress[progress.Table] = now;
                break;
            case TableFinished finished:
                _lastProgress.TryRemove(finished.Result.Table, out _);
                break;
            case DownloadStarted:
                _lastDownload = now;
                break;
            case DownloadProgress when now - _lastDownload < ProgressEvery:
                return;
            case DownloadProgress:
                _lastDownload = now;
                break;
        }

        _postDataStarted |= runEvent is PostDataStarted;
        var level = runEvent switch
        {
            RunWarning or StepFailed { Cancelled: true } => JsonLines.Warning,
            StepFailed => JsonLines.Error,
            _ => JsonLines.Info,
        };
        var message = runEvent is StepStarted { Step: RunStep.Verify } && _postDataStarted ? "verify started" : Message(runEvent);
        Write(level == JsonLines.Info ? output : error, JsonLines.Line(now, level, RunEventJson.Name(runEvent), message, json => RunEventJson.WriteFields(json, runEvent)));
    }

    /// <summary>The run succeeded: one <c>run_finished</c> line with the totals and the steps' times; again the random key's warning.</summary>
    public void Summary(RunSummary summary)
    {
        var now = _time.GetUtcNow();
        Write(output, JsonLines.Line(now, JsonLines.Info, "run_finished", RunText.Done(summary), json =>
        {
            json.WriteString("source", summary.Source);
            json.WriteString("target", summary.Target);
            json.WriteNumber("tables", summary.Tables.Count);
            json.WriteNumber("rows", summary.Rows);
            json.WriteNumber("bytes", summary.Bytes);
            json.WriteNumber("masked_columns", summary.MaskedColumns);
            json.WriteNumber("masked_values", summary.MaskedValues);
            json.WriteNumber("sequences", summary.Sequences);
            json.WriteNumber("seconds", Math.Round(summary.Elapsed.TotalSeconds, 3));
            json.WriteNumber("rows_per_second", Math.Round(summary.RowsPerSecond));
            json.WriteStartArray("steps");
            foreach (var step in summary.Steps)
            {
                json.WriteStartObject();
                json.WriteString("step", RunEventJson.StepName(step.Step));
                json.WriteNumber("seconds", Math.Round(step.Elapsed.TotalSeconds, 3));
                json.WriteEndObject();
            }

            json.WriteEndArray();
        }));
        if (summary.RandomKey)
        {
            Write(error, JsonLines.Line(now, JsonLines.Warning, "random_key_used", RunText.RandomKeyWarning));
        }
    }

    /// <summary>Nothing to let go of: every line is written when it happens.</summary>
    public void Dispose()
    {
    }

    /// <summary>What the text output says of the event, on one line; for events it shows no line of their own, a few words.</summary>
    internal static string Message(RunEvent runEvent) => runEvent switch
    {
        RunWarning warning => RunText.Warning(warning),
        PlanReady ready => RunText.Plan(ready.Plan),
        TableProgress progress => OneLine(RunText.TableProgress(progress.Table, progress.Rows, progress.Bytes)),
        TableFinished finished => OneLine(RunText.TableFinished(finished.Result)),
        DownloadProgress progress => OneLine(RunText.DownloadProgress(progress)),
        Verified verified => string.Join("; ", RunText.Verified(verified.Result)),
        _ when RunText.Line(runEvent) is { } line => OneLine(line),
        StepStarted started => $"{RunText.StepName(started.Step)} started",
        StepFinished finished => $"{RunText.StepName(finished.Step)} finished in {RunText.Seconds(finished.Elapsed)}",
        StepFailed { Cancelled: true } failed => $"{RunText.StepName(failed.Step)} stopped",
        StepFailed failed => $"{RunText.StepName(failed.Step)} failed",
        TableStarted started => $"copying {started.Table.Table.Name}",
        RulesLoaded rules => $"rules: {string.Join(", ", rules.Files.Select(f => $"{f.DisplayPath} (sha256 {f.Sha256[..Math.Min(12, f.Sha256.Length)]})"))}",
        _ => RunEventJson.Name(runEvent).Replace('_', ' '),
    };

    /// <summary>The text without its indentation and column padding.</summary>
    private static string OneLine(string text) => Spaces().Replace(text.Trim(), " ");

    private void Write(TextWriter writer, string line)
    {
        lock (_lock)
        {
            writer.WriteLine(line);
            writer.Flush();
        }
    }

    [GeneratedRegex(@"\s{2,}")]
    private static partial Regex Spaces();
}
