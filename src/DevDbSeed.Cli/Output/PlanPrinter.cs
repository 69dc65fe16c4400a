using System.Globalization;
using DevDbSeed.Planning;

namespace DevDbSeed.Cli.Output;

/// <summary>Prints what a run would do, table by table: the masked columns and their rules, what is kept, what is emptied.</summary>
internal static class PlanPrinter
{
    public static void Print(PipelinePlan plan, TextWriter output)
    {
        foreach (var group in plan.Tables.GroupBy(t => t.RuleName).OrderBy(g => g.Key))
        {
            var first = group.First();
            var rows = group.Sum(t => t.Table.EstimatedRows).ToString("N0", CultureInfo.InvariantCulture);
            var partitions = first.Table.Root is null ? string.Empty : $" in {group.Count()} partitions";
            var action = first.Action switch
            {
                TableAction.Mask => "mask",
                TableAction.Empty => "empty (structure only)",
                _ => "copy as is",
            };
            output.WriteLine($"  {group.Key}  ~{rows} rows{partitions}: {action}");
            if (first.Action != TableAction.Mask)
            {
                continue;
            }

            var width = first.Columns.Max(c => c.Column.Name.Length);
            foreach (var column in first.Columns.Where(c => c.Action != ColumnAction.Keep))
            {
                output.WriteLine($"      {column.Column.Name.PadRight(width)}  {column.Describe()}");
            }

            var kept = first.Columns.Where(c => c.Action == ColumnAction.Keep).Select(c => c.Column.Name).ToList();
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
}
