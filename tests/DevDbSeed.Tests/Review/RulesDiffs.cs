using DevDbSeed.Review;
using DevDbSeed.Rules;

namespace DevDbSeed.Tests.Review;

/// <summary>Rules texts made from a table or column rule, and the changes between two of them.</summary>
internal static class RulesDiffs
{
    /// <summary>A rules file with <c>public.t</c> whose column <c>c</c> has <paramref name="rule"/>, and <c>id: keep</c>.</summary>
    public static string WithColumn(string rule) => $"""
        version: 1
        tables:
          public.t:
            columns:
              id: keep
              c: {rule}
        """;

    /// <summary>A rules file whose table <c>public.t</c> has <paramref name="tableRule"/> (keep, empty, or columns: ...).</summary>
    public static string WithTable(string tableRule) => $"""
        version: 1
        tables:
          public.t: {tableRule}
        """;

    /// <summary>Every change from <paramref name="oldText"/> to <paramref name="newText"/>, ordered as the formats show them.</summary>
    public static IReadOnlyList<RuleChange> Between(string oldText, string newText) =>
        RulesDiffResult.Ordered(TableComparer.Compare([Document("old.yaml", oldText)], [Document("new.yaml", newText)]));

    /// <summary>The one change from column rule <paramref name="before"/> to <paramref name="after"/>.</summary>
    public static RuleChange Column(string before, string after) => Assert.Single(Between(WithColumn(before), WithColumn(after)));

    public static RulesDocument Document(string path, string text) => new(path, RulesLoader.Parse(text, path).Tables);
}
