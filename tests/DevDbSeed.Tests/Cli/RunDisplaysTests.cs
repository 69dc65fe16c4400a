using DevDbSeed.Cli.Output;
using Spectre.Console;

namespace DevDbSeed.Tests.Cli;

public sealed class RunDisplaysTests
{
    private static readonly Capabilities Terminal = new() { Ansi = true, Interactive = true };

    [Fact]
    public void A_person_at_a_capable_terminal_gets_the_live_display() =>
        Assert.True(RunDisplays.UsesLiveDisplay(plain: false, outputIsTerminal: true, Environment(), Terminal));

    [Fact]
    public void Redirected_output_gets_the_plain_lines() =>
        Assert.False(RunDisplays.UsesLiveDisplay(plain: false, outputIsTerminal: false, Environment(), Terminal));

    [Fact]
    public void The_plain_option_gets_the_plain_lines_even_in_a_terminal() =>
        Assert.False(RunDisplays.UsesLiveDisplay(plain: true, outputIsTerminal: true, Environment(), Terminal));

    [Theory]
    [InlineData("NO_COLOR", "1")]
    [InlineData("TERM", "dumb")]
    public void An_environment_asking_for_plain_text_gets_the_plain_lines(string variable, string value) =>
        Assert.False(RunDisplays.UsesLiveDisplay(plain: false, outputIsTerminal: true, Environment((variable, value)), Terminal));

    [Fact]
    public void An_empty_no_color_variable_is_not_set() =>
        Assert.True(RunDisplays.UsesLiveDisplay(plain: false, outputIsTerminal: true, Environment(("NO_COLOR", "")), Terminal));

    [Theory]
    [InlineData(false, true)]
    [InlineData(true, false)]
    public void A_terminal_without_ansi_or_a_ci_system_gets_the_plain_lines(bool ansi, bool interactive) =>
        Assert.False(RunDisplays.UsesLiveDisplay(plain: false, outputIsTerminal: true, Environment(), new Capabilities { Ansi = ansi, Interactive = interactive }));

    [Fact]
    public void A_run_whose_output_is_not_the_console_prints_plain_lines()
    {
        using var display = RunDisplays.Create(new StringWriter(), new StringWriter(), plain: false, CancellationToken.None);

        Assert.IsType<ConsoleObserver>(display);
    }

    [Fact]
    public void A_run_with_the_plain_option_prints_plain_lines()
    {
        using var display = RunDisplays.Create(Console.Out, Console.Error, plain: true, CancellationToken.None);

        Assert.IsType<ConsoleObserver>(display);
    }

    [Fact]
    public async Task The_run_command_documents_the_plain_option()
    {
        var output = new StringWriter();

        Assert.Equal(0, await DevDbSeed.Cli.Commands.Cli.RunAsync(["run", "--help"], output, new StringWriter()));

        Assert.Contains("--plain", output.ToString(), StringComparison.Ordinal);
    }

    private static Func<string, string?> Environment(params (string Name, string Value)[] variables) =>
        name => variables.Where(v => v.Name == name).Select(v => v.Value).FirstOrDefault();
}
