using DevDbSeed.Errors;
using DevDbSeed.Journal;
using DevDbSeed.Postgres.Connections;
using DevDbSeed.Running;

namespace DevDbSeed.Postgres.Pipeline;

/// <summary>
/// A run that tells its scheduler and its dashboard how it went: a <see cref="RunRecorder"/> hears its events on the way
/// to the caller's observer, and when it ends, whatever the outcome (success, failure, refusal, cancellation), the
/// summary and the metrics are written to <see cref="PipelineOptions.SummaryFile"/> and <see cref="PipelineOptions.MetricsFile"/>.
/// </summary>
internal static class RecordedRun
{
    public static async Task<T> RunAsync<T>(PipelineOptions options, IRunObserver observer, Func<IRunObserver, Task<T>> run)
    {
        var target = Described(options.Target);
        var recorder = new RunRecorder(observer, options.Name ?? (target is null ? "devdbseed" : Database(target)), target);
        try
        {
            CheckFolder(options.SummaryFile, "SummaryFile");
            CheckFolder(options.MetricsFile, "MetricsFile");
            var result = await run(recorder);
            Write(recorder.Finish(), options, observer);
            return result;
        }
        catch (Exception e)
        {
            Write(recorder.Finish(e), options, observer);
            throw;
        }
    }

    private static void Write(RunRecord record, PipelineOptions options, IRunObserver observer)
    {
        foreach (var problem in RunJournal.Write(record, options.SummaryFile, options.MetricsFile))
        {
            observer.OnEvent(problem);
        }
    }

    /// <summary>A file goes into a folder that exists: a run that could not say how it went is refused before it starts.</summary>
    private static void CheckFolder(string? file, string setting)
    {
        if (!string.IsNullOrEmpty(file) && Path.GetDirectoryName(Path.GetFullPath(file)) is { } folder && !Directory.Exists(folder))
        {
            throw PipelineOptions.Invalid(setting, $"names {file}, in a folder that does not exist");
        }
    }

    /// <summary>The target as events describe it (user@host:port/database); null when it is not set or not valid (the run says why).</summary>
    private static string? Described(string? target)
    {
        try
        {
            return string.IsNullOrWhiteSpace(target) ? null : ConnectionSettings.Parse(target, "target").ToString();
        }
        catch (DevDbSeedException)
        {
            return null;
        }
    }

    private static string Database(string described) => described[(described.LastIndexOf('/') + 1)..];
}
