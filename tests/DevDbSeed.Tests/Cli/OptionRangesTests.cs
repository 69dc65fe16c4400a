using CommandLine = DevDbSeed.Cli.Commands.Cli;

namespace DevDbSeed.Tests.Cli;

/// <summary>Numeric options are checked the same way on every command, while parsing: nothing runs with a value out of range.</summary>
public sealed class OptionRangesTests
{
    private const string Jobs = "--jobs must be from 1 to 64";
    private const string Sample = "--sample must be from 0 to 1000000";
    private const string Users = "--users must be from 1 to 100000000";

    [Theory]
    [InlineData("run no-such-pipeline.yaml --jobs 0", Jobs)]
    [InlineData("run no-such-pipeline.yaml --jobs 65", Jobs)]
    [InlineData("run no-such-pipeline.yaml -j -1", Jobs)]
    [InlineData("verify no-such-pipeline.yaml --jobs 0", Jobs)]
    [InlineData("verify no-such-pipeline.yaml --jobs 65", Jobs)]
    [InlineData("report no-such-pipeline.yaml --sample -1", Sample)]
    [InlineData("report no-such-pipeline.yaml --sample 1000001", Sample)]
    [InlineData("rules init --source Host=nowhere --sample -1", Sample)]
    [InlineData("rules init --source Host=nowhere --sample 1000001", Sample)]
    [InlineData("sample create --target Host=nowhere --users 0", Users)]
    [InlineData("sample create --target Host=nowhere --users 100000001", Users)]
    public async Task A_value_out_of_range_is_exit_2_with_one_line_naming_the_option_and_its_range(string commandLine, string message)
    {
        var (exit, output, error) = await RunAsync(commandLine);

        Assert.Equal(2, exit);
        Assert.Equal(string.Empty, output);
        Assert.Equal([$"devdbseed: {message}"], error.Split('\n').Where(l => l.StartsWith("devdbseed:", StringComparison.Ordinal)));
    }

    [Theory]
    [InlineData("run no-such-pipeline.yaml --jobs 1")]
    [InlineData("verify no-such-pipeline.yaml --jobs 64")]
    [InlineData("report no-such-pipeline.yaml --sample 0")]
    [InlineData("report no-such-pipeline.yaml --sample 1000000")]
    [InlineData("rules init --source not-a-connection --sample 0")]
    [InlineData("rules init --source not-a-connection --sample 1000000")]
    [InlineData("sample create --target not-a-connection --users 1")]
    [InlineData("sample create --target not-a-connection --users 100000000")]
    public async Task A_value_at_either_end_of_its_range_is_accepted(string commandLine)
    {
        // the command runs, and stops at the missing pipeline file or the malformed connection
        var (exit, _, error) = await RunAsync(commandLine);

        Assert.Equal(2, exit);
        Assert.StartsWith("error: ", error, StringComparison.Ordinal);
        Assert.DoesNotContain("must be from", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("report no-such-pipeline.yaml --sample many", "--sample")]
    [InlineData("run no-such-pipeline.yaml --jobs many", "--jobs")]
    [InlineData("sample create --target Host=nowhere --users 99999999999", "--users")]
    public async Task A_value_that_is_not_a_32_bit_integer_is_exit_2_naming_the_option(string commandLine, string option)
    {
        var (exit, _, error) = await RunAsync(commandLine);

        Assert.Equal(2, exit);
        Assert.StartsWith("devdbseed: Cannot parse argument '", error, StringComparison.Ordinal);
        Assert.Contains($"for option '{option}'", error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", error, StringComparison.Ordinal); // no stack trace
    }

    private static async Task<(int Exit, string Output, string Error)> RunAsync(string commandLine)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var exit = await CommandLine.RunAsync(commandLine.Split(' '), output, error);
        return (exit, output.ToString(), error.ToString().ReplaceLineEndings("\n"));
    }
}
