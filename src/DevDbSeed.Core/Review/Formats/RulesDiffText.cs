using System.Text;

namespace DevDbSeed.Review.Formats;

/// <summary>
/// The text of a diff: one line per change (<c>weakened      public.customer.email: unique fake internet.email → keep
/// (copied as it is now)</c>), weakened first, then a line of counts.
/// </summary>
public static class RulesDiffText
{
    public static string Write(RulesDiffResult result)
    {
        var text = new StringBuilder();
        foreach (var change in result.Changes)
        {
            text.Append(RulesDiffFormats.Word(change.Kind).PadRight(14)).Append(RulesDiffFormats.Sentence(change));
            if (change.Location is { } at)
            {
                text.Append("  ").Append(at);
            }

            text.Append('\n');
        }

        text.Append(result.Changes.Count == 0
            ? $"no change to the masking between {result.Old} and {result.New}\n"
            : $"{RulesDiffFormats.Counts(result)}{(result.HasWeakening ? ": the masking is weakened" : string.Empty)}\n");
        return text.ToString();
    }
}
