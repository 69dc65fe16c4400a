using System.Text.Json;
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

    /// <summary>Every line of stdout and stderr is one JSON object (<c>--log-format json</c>), and there is at least one.</summary>
    public static void AllJsonObjects(Devdbseed.Result result)
    {
        var lines = result.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Concat(result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries)).ToList();
        Assert.True(lines.Count > 0, "nothing printed");
        foreach (var line in lines)
        {
            try
            {
                using var json = JsonDocument.Parse(line);
                Assert.Equal(JsonValueKind.Object, json.RootElement.ValueKind);
            }
            catch (JsonException)
            {
                Assert.Fail($"not a JSON object: {line}\n{result}");
            }
        }
    }

    [GeneratedRegex(@"^\s+at \S+\(", RegexOptions.Multiline)]
    private static partial Regex StackFrame();
}
