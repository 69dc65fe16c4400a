using System.Globalization;
using DevDbSeed.Planning;
using DevDbSeed.Postgres.Copying;
using DevDbSeed.Postgres.Pipeline;
using DevDbSeed.Verification;

namespace DevDbSeed.Cli.Output;

/// <summary>
/// The wording of a run's lines, shared by the plain lines and the live display so that both say the same thing.
/// Nightly job logs, CI and the integration tests parse the plain lines: change nothing here lightly.
/// </summary>
internal static class RunText
{
    public const string RandomKeyWarning = "this run masked with a random key: its fakes differ from every other run's";

    /// <summary><c>[mm:ss]</c>, the time since the run began.</summary>
    public static string Stamp(TimeSpan elapsed) => "[" + elapsed.ToString(@"mm\:ss", CultureInfo.InvariantCulture) + "]";

    public static string Plan(PipelinePlan plan)
    {
        return $"plan: {plan.RuleTables.Count} tables ({plan.CountOf(CopyMode.Masked)} masked, {plan.CountOf(CopyMode.Passthrough)} copied as they are, "
            + $"{plan.CountOf(CopyMode.Emptied)} emptied), {plan.MaskedColumnCount} masked columns";
    }

    /// <summary>A long table's progress (indented under the step that copies it).</summary>
    public static string TableProgress(TablePlan table, long rows, long bytes) => $"  {table.Table.Name}: {Number(rows)} rows, {Megabytes(bytes)} so far";

    /// <summary>A table was copied (indented under the step that copies it).</summary>
    public static string TableFinished(TableCopyResult result)
    {
        var masked = result.Table.MaskedColumns.Count();
        var how = result.Table.Mode switch
        {
            CopyMode.Masked => $"masked {masked} column{(masked == 1 ? string.Empty : "s")}",
            CopyMode.Emptied => "emptied",
            _ => "copied",
        };
        return $"  {result.Table.Table.Name,-40} {Number(result.Rows),12} rows  {how,-18} {Seconds(result.Elapsed),8}";
    }

    /// <summary>The steps that report a verification.</summary>
    public static IEnumerable<string> Verified(VerifyResult result)
    {
        if (result.ComparedTables > 0)
        {
            yield return $"verify: {Number(result.ComparedRows)} rows of {result.ComparedTables} tables compared by key with the same source rows";
        }

        yield return $"verify: {Number(result.Values)} original values of {result.MaskedColumns} masked columns searched in "
            + $"{result.SearchedColumns} columns ({Number(result.SearchedRows)} rows): "
            + (result.Clean ? "none found" : $"{result.Hits.Sum(h => h.Count)} found") + $" ({Seconds(result.Elapsed)})";
    }

    /// <summary>The step that ends a run.</summary>
    public static string Done(RunSummary summary) => $"done: {summary.Target} replaced from {summary.Source}";

    /// <summary>The two lines after the last step: the totals, then the time of each step.</summary>
    public static IEnumerable<string> Summary(RunSummary summary)
    {
        yield return $"summary: {summary.Tables.Count} tables, {Number(summary.Rows)} rows, {summary.MaskedColumns} masked columns "
            + $"({Number(summary.MaskedValues)} values), {summary.Sequences} sequences, {Seconds(summary.Elapsed)}, "
            + $"{Number((long)summary.RowsPerSecond)} rows/s, {Megabytes(summary.Bytes)} read";
        yield return $"steps: {string.Join(", ", summary.Steps.Select(s => $"{s.Key} {Seconds(s.Value)}"))}";
    }

    public static string Number(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    public static string Seconds(TimeSpan time) => time.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture) + " s";

    public static string Megabytes(long bytes) => MegabyteCount(bytes) + " MB";

    /// <summary>Megabytes without the unit (<c>12.3</c>).</summary>
    public static string MegabyteCount(long bytes) => (bytes / 1048576.0).ToString("0.0", CultureInfo.InvariantCulture);
}
