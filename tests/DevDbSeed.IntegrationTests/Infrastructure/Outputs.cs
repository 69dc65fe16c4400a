using System.Text.RegularExpressions;

namespace DevDbSeed.IntegrationTests.Infrastructure;

/// <summary>Assertions on what devdbseed printed.</summary>
public static partial class Outputs
{
    /// <summary>A user-facing failure prints one message, never a .NET stack trace.</summary>
    public static void NoStackTrace(Devdbseed.Result result) =>
        Assert.False(StackFrame().IsMatch(result.All), "the output holds a stack trace:\n" + result);

    public static void ExitCode(int expected, Devdbseed.Result result) =>
        Assert.True(result.ExitCode == expected, $"expected exit {expected}\n{result}");

    public static void Mentions(Devdbseed.Result result, string text) =>
        Assert.True(result.All.Contains(text, StringComparison.Ordinal), $"expected the output to mention '{text}'\n{result}");

    [GeneratedRegex(@"^\s+at \S+\(", RegexOptions.Multiline)]
    private static partial Regex StackFrame();
}
