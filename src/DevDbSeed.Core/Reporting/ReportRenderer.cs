using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using DevDbSeed.Serialization;

namespace DevDbSeed.Reporting;

/// <summary>Renders a <see cref="ReviewReport"/> as Markdown, one self-contained HTML file, or stable JSON.</summary>
public static class ReportRenderer
{
    public static readonly IReadOnlyList<string> Formats = ["md", "html", "json"];

    private static JsonSerializerOptions Json => DocumentJson.Options;

    public static string Render(ReviewReport report, string format) => format switch
    {
        "md" => Markdown(report),
        "html" => Html(report),
        "json" => JsonSerializer.Serialize(report, Json) + "\n",
        _ => throw new ArgumentOutOfRangeException(nameof(format), format, "md, html or json"),
    };

    private static string Markdown(ReviewReport report)
    {
        var md = new StringBuilder();
        md.AppendLine($"# Masking review: {report.Source}").AppendLine();
        md.AppendLine(Summary(report)).AppendLine();
        md.AppendLine("Rules files:").AppendLine();
        foreach (var file in report.RulesFiles)
        {
            md.AppendLine($"- `{file.Path}` (sha256 `{file.Sha256}`)");
        }

        md.AppendLine().AppendLine($"## Warnings ({report.Warnings.Count})").AppendLine();
        md.AppendLine(report.Warnings.Count == 0 ? "None: no kept column looks personal in the sample." : string.Join('\n', report.Warnings.Select(w => "- " + w)));
        if (report.KeptRows.Count > 0)
        {
            md.AppendLine().AppendLine($"## Rows kept unmasked (keep_rows: {report.KeptRows.Count})").AppendLine();
            md.AppendLine("| table | rows kept unmasked | predicate | rules |");
            md.AppendLine("| --- | --- | --- | --- |");
            foreach (var kept in report.KeptRows)
            {
                md.AppendLine($"| `{Cell(kept.Table)}` | {kept.Rows.ToString("N0", CultureInfo.InvariantCulture)} | `{Cell(kept.Predicate)}` | {Cell(kept.Location)} |");
            }
        }

        md.AppendLine().AppendLine("## Tables").AppendLine();
        foreach (var table in report.Tables)
        {
            md.AppendLine($"### `{table.Name}`: {Action(table, report)}").AppendLine();
            if (Reidentification(table) is { } risk)
            {
                md.AppendLine(risk).AppendLine();
            }

            md.AppendLine("| column | type | what happens | unique | verification | notes |");
            md.AppendLine("| --- | --- | --- | --- | --- | --- |");
            foreach (var column in table.Columns)
            {
                md.AppendLine($"| `{Cell(column.Name)}` | {Cell(column.Type)} | {Cell(What(column))} | {Cell(column.Unique ? column.UniqueHow ?? "yes" : string.Empty)} "
                    + $"| {Cell(column.Verification.Describe())} | {Cell(Notes(column))} |");
            }

            md.AppendLine();
        }

        if (report.Views.Count + report.MaterializedViews.Count > 0)
        {
            md.AppendLine($"Views (need no rule): {string.Join(", ", report.Views.Select(v => $"`{v}`"))}. "
                + $"Materialized views (refreshed from the masked data): {string.Join(", ", report.MaterializedViews.Select(v => $"`{v}`"))}.");
        }

        return md.ToString();
    }

    private static string Html(ReviewReport report)
    {
        static string E(string text) => WebUtility.HtmlEncode(text);
        var html = new StringBuilder();
        html.AppendLine("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width\">");
        html.AppendLine($"<title>Masking review: {E(report.Source)}</title>");
        html.AppendLine("""
            <style>
            body{font:14px/1.45 system-ui,-apple-system,Segoe UI,sans-serif;margin:2rem auto;max-width:72rem;padding:0 1rem;color:#1d2330}
            h1{font-size:1.5rem}h2{font-size:1.2rem;margin-top:2rem}h3{font-size:1rem;margin:1.5rem 0 .4rem}
            table{border-collapse:collapse;width:100%;margin-bottom:.5rem}th,td{border:1px solid #d6dae3;padding:.3rem .5rem;text-align:left;vertical-align:top}
            th{background:#f2f4f8}code{font:12px ui-monospace,Menlo,Consolas,monospace}
            .masked{background:#eef8ef}.kept{background:#fff}.emptied,.generated,.follows{background:#f4f6fb}
            .warn{background:#fff4e5}.tag{display:inline-block;border-radius:3px;padding:0 .35rem;font-size:12px;background:#e4e8f0}
            ul.warnings li{margin:.2rem 0}
            </style></head><body>
            """);
        html.AppendLine($"<h1>Masking review: {E(report.Source)}</h1>");
        html.AppendLine($"<p>{E(Summary(report))}</p>");
        html.AppendLine("<p>Rules files:</p><ul>");
        foreach (var file in report.RulesFiles)
        {
            html.AppendLine($"<li><code>{E(file.Path)}</code> (sha256 <code>{E(file.Sha256)}</code>)</li>");
        }

        html.AppendLine($"</ul><h2>Warnings ({report.Warnings.Count})</h2>");
        html.AppendLine(report.Warnings.Count == 0 ? "<p>None: no kept column looks personal in the sample.</p>"
            : "<ul class=\"warnings\">" + string.Concat(report.Warnings.Select(w => $"<li>{E(w)}</li>")) + "</ul>");
        if (report.KeptRows.Count > 0)
        {
            html.AppendLine($"<h2>Rows kept unmasked (keep_rows: {report.KeptRows.Count})</h2>");
            html.AppendLine("<table><thead><tr><th>table</th><th>rows kept unmasked</th><th>predicate</th><th>rules</th></tr></thead><tbody>");
            foreach (var kept in report.KeptRows)
            {
                html.AppendLine($"<tr class=\"warn\"><td><code>{E(kept.Table)}</code></td><td>{kept.Rows.ToString("N0", CultureInfo.InvariantCulture)}</td>"
                    + $"<td><code>{E(kept.Predicate)}</code></td><td>{E(kept.Location)}</td></tr>");
            }

            html.AppendLine("</tbody></table>");
        }

        html.AppendLine("<h2>Tables</h2>");
        foreach (var table in report.Tables)
        {
            html.AppendLine($"<h3 id=\"{E(table.Name)}\"><code>{E(table.Name)}</code> <span class=\"tag\">{E(Action(table, report))}</span></h3>");
            if (Reidentification(table) is { } risk)
            {
                html.AppendLine($"<p class=\"{(table.Reidentification!.SinglesPeopleOut() ? "warn" : "kept")}\">{E(risk)}</p>");
            }

            html.AppendLine("<table><thead><tr><th>column</th><th>type</th><th>what happens</th><th>unique</th><th>verification</th><th>notes</th></tr></thead><tbody>");
            foreach (var column in table.Columns)
            {
                var css = column.Warnings.Count > 0 ? "warn" : column.Action;
                html.AppendLine($"<tr class=\"{css}\"><td><code>{E(column.Name)}</code></td><td>{E(column.Type)}</td><td>{E(What(column))}</td>"
                    + $"<td>{E(column.Unique ? column.UniqueHow ?? "yes" : string.Empty)}</td><td>{E(column.Verification.Describe())}</td><td>{E(Notes(column))}</td></tr>");
            }

            html.AppendLine("</tbody></table>");
        }

        html.AppendLine($"<p>Views (need no rule): {E(string.Join(", ", report.Views))}. Materialized views (refreshed from the masked data): {E(string.Join(", ", report.MaterializedViews))}.</p>");
        html.AppendLine("</body></html>");
        return html.ToString();
    }

    private static string Summary(ReviewReport report)
    {
        var c = report.Counts;
        return string.Create(CultureInfo.InvariantCulture,
            $"{c.Tables} tables ({c.MaskedTables} masked, {c.KeptTables} kept as they are, {c.EmptiedTables} emptied), {c.Columns} columns, "
            + $"{c.MaskedColumns} of them masked; {c.Warnings} warnings from a content scan of {c.SampledRows} sampled rows. Fakes from Bogus locale {report.Locale}.");
    }

    private static string Action(TableReview table, ReviewReport report) =>
        Action(table) + (report.KeptRows.FirstOrDefault(k => k.Table == table.Name) is { } kept
            ? $", {kept.Rows.ToString("N0", CultureInfo.InvariantCulture)} rows kept unmasked (keep_rows)"
            : string.Empty);

    private static string Action(TableReview table) =>
        (table.Action switch { "mask" => "masked", "empty" => "emptied (structure only)", _ => "kept as it is" })
        + $", ~{table.EstimatedRows.ToString("N0", CultureInfo.InvariantCulture)} rows" + (table.Partitions > 0 ? $" in {table.Partitions} partitions" : string.Empty);

    /// <summary>"Re-identification: k = 1 over the kept quasi-identifiers birth_date, postcode; …", or null when the table was not measured.</summary>
    private static string? Reidentification(TableReview table)
    {
        if (table.Reidentification is not { } r)
        {
            return null;
        }

        var n = (long value) => value.ToString("N0", CultureInfo.InvariantCulture);
        var figures = r.Exact
            ? $"k = {r.K}, {n(r.RowsInGroupsBelow5)} of {n(r.RowsMeasured)} rows in groups smaller than {ReidentificationReview.Threshold} (exact)"
            : $"k ≤ {r.K}, about {n(r.RowsInGroupsBelow5)} rows in groups smaller than {ReidentificationReview.Threshold} (estimated: the combinations of "
                + $"{n(r.RowsMeasured)} rows of a {r.SamplePercent?.ToString("0.####", CultureInfo.InvariantCulture)} % block sample counted in the whole table)";
        return $"Re-identification: {figures}, over the kept quasi-identifiers {string.Join(", ", r.Columns)}"
            + (r.SinglesPeopleOut() ? ": they single people out." : ".");
    }

    private static string What(ColumnReview column) => column.Action switch
    {
        "masked" => column.Rule ?? "masked",
        "follows" => $"{column.Rule} (follows {column.Follows})",
        "generated" => "generated: recomputed from the masked columns",
        "emptied" => "emptied with its table",
        _ => "kept",
    };

    private static string Notes(ColumnReview column)
    {
        var notes = new List<string>();
        if (column.JsonMasked.Count > 0)
        {
            notes.Add("JSON masked: " + string.Join(", ", column.JsonMasked));
        }

        if (column.JsonUnmasked.Count > 0)
        {
            notes.Add("JSON left as is: " + string.Join(", ", column.JsonUnmasked));
        }

        notes.AddRange(column.Warnings.Select(w => "warning: " + w));
        return string.Join("; ", notes);
    }

    private static string Cell(string text) => text.Replace("|", "\\|", StringComparison.Ordinal).Replace('\n', ' ');
}
