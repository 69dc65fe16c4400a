using DevDbSeed.Configuration;
using DevDbSeed.Errors;
using DevDbSeed.Journal;
using DevDbSeed.Running;

namespace DevDbSeed.Cli.Output;

/// <summary>
/// The lines a command prints about itself rather than its events, on standard error: the interruption, the error
/// that ended it (with its problems), a bug's trace, a warning. Plain text, or with <see cref="LogFormat.Json"/> one
/// JSON object per line (<see cref="JsonLines"/>). The format may change once the command has read its pipeline file.
/// </summary>
internal sealed class CommandLog(TextWriter error, LogFormat format = LogFormat.Text, TimeProvider? time = null)
{
    private readonly TimeProvider _time = time ?? TimeProvider.System;
    private readonly Lock _lock = new();
    private volatile bool _json = format == LogFormat.Json;

    public LogFormat Format
    {
        get => _json ? LogFormat.Json : LogFormat.Text;
        set => _json = value == LogFormat.Json;
    }

    /// <summary>Ctrl+C or SIGTERM arrived: the command is cleaning up.</summary>
    public void Interrupting() =>
        Write("devdbseed: interrupted; cleaning up", JsonLines.Warning, "interrupting");

    /// <summary>The command ended because it was interrupted (exit 130), in the words its summary has.</summary>
    public void Interrupted() => Write($"devdbseed: {RunOutcomes.Interrupted}", JsonLines.Error, "interrupted", ExitCode.Interrupted);

    /// <summary>A known error ended the command: its one line, then each problem (indented; in JSON, a list).</summary>
    public void Failed(DevDbSeedException failure)
    {
        if (!_json)
        {
            var lines = new List<string> { $"error: {failure.Message}" };
            lines.AddRange(failure.Problems.Select(p => $"  {p}"));
            WriteLines(lines);
            return;
        }

        WriteLines([JsonLines.Line(_time.GetUtcNow(), JsonLines.Error, "error", failure.Message, json =>
        {
            json.WriteNumber("exit_code", (int)failure.ExitCode);
            json.WriteStartArray("problems");
            foreach (var problem in failure.Problems)
            {
                json.WriteStringValue(problem);
            }

            json.WriteEndArray();
        })]);
    }

    /// <summary>Anything else ended the command: a bug, printed with its trace (in JSON, inside the message).</summary>
    public void Bug(Exception bug) =>
        Write($"internal error (a bug: please report it with this trace): {bug}", JsonLines.Error, "internal_error", ExitCode.RuntimeFailure);

    /// <summary>The command line could not be parsed (exit 2): each problem, then where to find the usage.</summary>
    public void UsageErrors(IEnumerable<string> problems)
    {
        if (_json)
        {
            WriteLines([.. problems.Select(p => JsonLines.Line(_time.GetUtcNow(), JsonLines.Error, "usage_error", p,
                json => json.WriteNumber("exit_code", (int)ExitCode.InvalidConfiguration)))]);
            return;
        }

        WriteLines([.. problems.Select(p => $"devdbseed: {p}"), "run 'devdbseed --help' for usage"]);
    }

    /// <summary>A warning the command gives itself, outside its events' display.</summary>
    public void Warning(RunWarning warning)
    {
        var text = RunText.Warning(warning);
        WriteLines([_json
            ? JsonLines.Line(_time.GetUtcNow(), JsonLines.Warning, RunEventJson.Name(warning), text, json => RunEventJson.WriteFields(json, warning))
            : $"warning: {text}"]);
    }

    private void Write(string text, string level, string eventName, ExitCode? exitCode = null) =>
        WriteLines([_json
            ? JsonLines.Line(_time.GetUtcNow(), level, eventName, text, json =>
            {
                if (exitCode is { } code)
                {
                    json.WriteNumber("exit_code", (int)code);
                }
            })
            : text]);

    private void WriteLines(IReadOnlyList<string> lines)
    {
        lock (_lock)
        {
            foreach (var line in lines)
            {
                error.WriteLine(line);
            }

            error.Flush();
        }
    }
}
