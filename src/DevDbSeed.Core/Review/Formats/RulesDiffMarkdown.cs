using System.Text;

namespace DevDbSeed.Review.Formats;

/// <summary>
/// A diff as Markdown for a pull-request comment or a GitHub job summary: a heading with the verdict, a line of counts
/// and one table of every change, weakened first.
/// </summary>
public static class RulesDiffMarkdown
{
    public static string Write(RulesDiffResult result)
    {
        var text = new StringBuilder();
        var weakened = result.Count(ChangeKind.Weakened);
        text.Append("### devdbseed rules diff: ").Append(weakened > 0
            ? $":warning: {weakened} {(weakened == 1 ? "change weakens" : "changes weaken")} the masking"
            : "nothing weakens the masking").Append("\n\n");
        text.Append('`').Append(Cell(result.Old)).Append("` → `").Append(Cell(result.New)).Append("`: ")
            .Append(result.Changes.Count == 0 ? "no change to the masking." : RulesDiffFormats.Counts(result) + ".").Append('\n');
        if (result.Changes.Count == 0)
        {
            return text.ToString();
        }

        text.Append("\n| Change | Name | Before | After | Why | Where |\n|---|---|---|---|---|---|\n");
        foreach (var change in result.Changes)
        {
            var word = RulesDiffFormats.Word(change.Kind);
            text.Append("| ").Append(change.Kind == ChangeKind.Weakened ? $"**{word}**" : word)
                .Append(" | `").Append(Cell(change.Name)).Append('`')
                .Append(" | ").Append(Cell(change.Before ?? "—"))
                .Append(" | ").Append(Cell(change.After ?? "—"))
                .Append(" | ").Append(Cell(change.Reason))
                .Append(" | ").Append(change.Location is { } at ? $"`{Cell(at.ToString())}`" : string.Empty)
                .Append(" |\n");
        }

        return text.ToString();
    }

    /// <summary>Text safe in a table cell: no pipe, no line break, no backtick to end a code span.</summary>
    private static string Cell(string text) =>
        text.Replace("|", "\\|", StringComparison.Ordinal).Replace("\n", " ", StringComparison.Ordinal).Replace("`", "'", StringComparison.Ordinal);
}
