namespace DevDbSeed.IntegrationTests.Infrastructure;

/// <summary>Runs the devdbseed command line in-process, as a user would, capturing its output and exit code.</summary>
public static class Devdbseed
{
    public sealed record Result(int ExitCode, string Output, string Error)
    {
        public string All => Output + Error;

        public override string ToString() => $"exit {ExitCode}\n--- stdout\n{Output}\n--- stderr\n{Error}";
    }

    public static async Task<Result> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = await DevDbSeed.Cli.Commands.Cli.RunAsync(args, output, error);
        return new Result(exit, output.ToString(), error.ToString());
    }
}
