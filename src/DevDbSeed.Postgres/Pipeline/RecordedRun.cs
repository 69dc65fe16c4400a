using DevDbSeed.Errors;
using DevDbSeed.Journal;
using DevDbSeed.Postgres.Connections;
using DevDbSeed.Running;

namespace DevDbSeed.Postgres.Pipeline;

/// <summary>
/// A run that tells its scheduler and its dashboard how it went: a <see cref="RunRecorder"/> hears its events on the way
/// to the caller's observer, and when it ends, whatever the outcome (success, failure, refusal, cancellation), the
/// summary and the metrics are written to <see cref="PipelineOptions.SummaryFile"/> and <see cref="PipelineOptions.MetricsFile"/>.
/// A file whose folder does not exist refuses the run before it begins (exit 2), and is not written: the other one says so.
/// </summary>
internal static class RecordedRun
{
    public static async Task<T> RunAsync<T>(PipelineOptions options, IRunObserver observer, Func<IRunObserver, Task<T>> run)
    {
        var target = TargetOf(options);
        var recorder = new RunRecorder(observer, RunJournal.PipelineLabel(options.Name, target?.Database), target?.ToString());
        var (summaryFile, metricsFile) = (Writable(options.SummaryFile), Writable(options.MetricsFile));
        try
        {
            CheckFolder(options.SummaryFile, "summary");
            CheckFolder(options.MetricsFile, "metrics");
            CheckFolder(options.SnapshotFile, "snapshot");
            var result = await run(recorder);
            Write(recorder.Finish(), summaryFile, metricsFile, observer);
            return result;
        }
        catch (Exception e)
        {
            Write(recorder.Finish(e), summaryFile, metricsFile, observer);
            throw;
        }
    }

    private static void Write(RunRecord record, string? summaryFile, string? metricsFile, IRunObserver observer)
    {
        foreach (var problem in RunJournal.Write(record, summaryFile, metricsFile))
        {
            observer.OnEvent(problem);
        }
    }

    /// <summary>The file, unless its folder is known to be missing: the refusal names it once, no warning repeats it.</summary>
    private static string? Writable(string? file) => RunJournal.FolderIsMissing(file) ? null : file;

    /// <summary>A file goes into a folder that exists: a run that could not say how it went is refused (exit 2) before it begins.</summary>
    private static void CheckFolder(string? file, string what)
    {
        if (RunJournal.FolderIsMissing(file))
        {
            throw new ConfigurationException($"the {what} file {file} cannot be written: its folder does not exist");
        }
    }

    /// <summary>The target, known before the run for its summary and metrics; null when it is not set or not valid (the run then says why).</summary>
    private static ConnectionSettings? TargetOf(PipelineOptions options)
    {
        try
        {
            return string.IsNullOrWhiteSpace(options.Target) ? null : ConnectionSettings.Parse(options.Target, "target");
        }
        catch (DevDbSeedException)
        {
            return null;
        }
    }
}
