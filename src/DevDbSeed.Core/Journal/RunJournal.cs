using DevDbSeed.Running;

namespace DevDbSeed.Journal;

/// <summary>Writes what a run tells its scheduler and its dashboard: the summary file and the metrics file, each atomically.</summary>
public static class RunJournal
{
    /// <summary>The <c>pipeline</c> of a run that has neither a pipeline name nor a target.</summary>
    public const string UnnamedPipeline = "devdbseed";

    /// <summary>
    /// The pipeline's name in the summary and the metrics' <c>pipeline</c> label: <paramref name="name"/> (a pipeline
    /// file's, <see cref="Configuration.PipelineReporting.NameOf"/>), else the target database's, else <see cref="UnnamedPipeline"/>.
    /// </summary>
    public static string PipelineLabel(string? name, string? targetDatabase = null) =>
        !string.IsNullOrEmpty(name) ? name : !string.IsNullOrEmpty(targetDatabase) ? targetDatabase : UnnamedPipeline;

    /// <summary>
    /// Writes <paramref name="record"/>'s summary to <paramref name="summaryFile"/> and its metrics to
    /// <paramref name="metricsFile"/> (null: not that one), each replacing the file in one step. A file that cannot be
    /// written does not stop the other: it is returned as a warning, for the caller to report.
    /// </summary>
    public static IReadOnlyList<RunFileNotWritten> Write(RunRecord record, string? summaryFile, string? metricsFile)
    {
        ArgumentNullException.ThrowIfNull(record);
        var problems = new List<RunFileNotWritten>();
        if (!string.IsNullOrEmpty(summaryFile))
        {
            Try(summaryFile, () => AtomicFile.Write(summaryFile, RunSummaryDocument.Render(record)), problems);
        }

        if (!string.IsNullOrEmpty(metricsFile))
        {
            Try(metricsFile, () => AtomicFile.Write(metricsFile, RunMetrics.Render(record, Previous(metricsFile))), problems);
        }

        return problems;
    }

    /// <summary>
    /// Writes the summary and metrics of a run refused before it began (exit 2: a command line or pipeline file that
    /// cannot be read), which heard no event: <see cref="Write"/> of a record with only <paramref name="failure"/>.
    /// </summary>
    /// <param name="pipeline">The pipeline's name (<see cref="PipelineLabel"/>); null: none is known.</param>
    /// <param name="failure">Why it was refused.</param>
    /// <param name="summaryFile">Where to write the summary; null: nowhere.</param>
    /// <param name="metricsFile">Where to write the metrics; null: nowhere.</param>
    public static IReadOnlyList<RunFileNotWritten> WriteRefusal(string? pipeline, Exception failure, string? summaryFile, string? metricsFile)
    {
        ArgumentNullException.ThrowIfNull(failure);
        return string.IsNullOrEmpty(summaryFile) && string.IsNullOrEmpty(metricsFile)
            ? []
            : Write(new RunRecorder(SilentObserver.Instance, PipelineLabel(pipeline)).Finish(failure), summaryFile, metricsFile);
    }

    /// <summary>Whether <paramref name="file"/> is set and its folder does not exist: it cannot be written, and a run that should write it is refused.</summary>
    public static bool FolderIsMissing(string? file) =>
        !string.IsNullOrEmpty(file) && Path.GetDirectoryName(Path.GetFullPath(file)) is { } folder && !Directory.Exists(folder);

    /// <summary>The text of the metrics file a run replaces; null when there is none or it cannot be read (nothing to carry over or keep).</summary>
    private static string? Previous(string metricsFile)
    {
        try
        {
            return File.Exists(metricsFile) ? File.ReadAllText(metricsFile) : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static void Try(string path, Action write, List<RunFileNotWritten> problems)
    {
        try
        {
            write();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            problems.Add(new RunFileNotWritten(path, e.Message));
        }
    }
}
