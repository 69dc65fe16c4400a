using DevDbSeed.Running;

namespace DevDbSeed.Journal;

/// <summary>Writes what a run tells its scheduler and its dashboard: the summary file and the metrics file, each atomically.</summary>
public static class RunJournal
{
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
            Try(summaryFile, () => AtomicFile.Write(summaryFile, RunSummaryDocument.Write(record)), problems);
        }

        if (!string.IsNullOrEmpty(metricsFile))
        {
            Try(metricsFile, () => AtomicFile.Write(metricsFile, RunMetrics.Write(record, Previous(metricsFile))), problems);
        }

        return problems;
    }

    /// <summary>The text of the metrics file a run replaces; null when there is none or it cannot be read (no last success to carry over).</summary>
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
