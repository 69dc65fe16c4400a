using System.Globalization;
using DevDbSeed.Planning;

namespace DevDbSeed.Cli.Output;

/// <summary>Prints what a run would do, table by table: the masked columns and their rules, what is kept, what is emptied, the rows <c>keep_rows</c> keeps unmasked.</summary>
internal static class PlanPrinter
{
    public static void Print(PipelinePlan plan, TextWriter output)
    {
        foreach (var table in plan.RuleTables)
        {
            var rows = table.EstimatedRows.ToString("N0", CultureInfo.InvariantCulture);
            var partitions = table.IsPartitioned ? $" in {table.Parts.Count} partitions" : string.Empty;
            var mode = table.Mode switch
            {
                CopyMode.Masked => "mask",
                CopyMode.Emptied => "empty (structure only)",
                _ => "copy as is",
            };
            output.WriteLine($"  {table.Name}  ~{rows} rows{partitions}: {mode}");
            if (table.KeepRows is { } keep)
            {
                var count = plan.KeptRows.TryGetValue(table.Name, out var keptRows) ? $"{keptRows.ToString("N0", CultureInfo.InvariantCulture)} rows" : "rows";
                output.WriteLine($"      keep_rows: {count} copied unmasked where {OneLine(keep.Predicate)} ({keep.Location})");
            }

            if (table.Mode != CopyMode.Masked)
            {
                continue;
            }

            var width = table.Columns.Max(c => c.Column.Name.Length);
            foreach (var column in table.Columns.Where(c => c.Action != ColumnAction.Keep))
            {
                output.WriteLine($"      {column.Column.Name.PadRight(width)}  {column.Describe()}");
            }

            var kept = table.Columns.Where(c => c.Action == ColumnAction.Keep).Select(c => c.Column.Name).ToList();
            if (kept.Count > 0)
            {
                output.WriteLine($"      kept: {string.Join(", ", kept)}");
            }
        }

        if (plan.Catalog.Views.Count > 0)
        {
            output.WriteLine($"  views (need no rule): {string.Join(", ", plan.Catalog.Views)}");
        }

        if (plan.Catalog.MaterializedViews.Count > 0)
        {
            output.WriteLine($"  materialized views (refreshed from the masked data): {string.Join(", ", plan.Catalog.MaterializedViews)}");
        }
    }

    /// <summary>A predicate written over several lines, on one.</summary>
    private static string OneLine(string text) => string.Join(' ', text.Split((char[])['\n', '\r'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
}
