using System.CommandLine;
using DevDbSeed.Cli.Output;
using DevDbSeed.Configuration;
using DevDbSeed.Errors;

namespace DevDbSeed.Cli.Commands;

/// <summary>The devdbseed command line: parses, then hands each command to the library. No logic lives here.</summary>
public static class Cli
{
    /// <summary>The exit codes of every command, shown once, at the end of <c>devdbseed --help</c>.</summary>
    public const string ExitCodes = """
        Exit codes:
          0    success
          1    runtime failure (the target is left exactly as it was); snapshot restore: a download that fails
          2    invalid usage or configuration (YAML errors give file:line:column); a snapshot file that is not intact
               or, with --verify-key, not signed by that key; a signing or verify key that is not ECDSA P-256
          3    the rules do not fit the source schema (unclassified or unknown tables and columns, values that cannot fit);
               snapshot create: the database is not a masked DevDbSeed copy; rules diff: a change weakens the masking
          130  interrupted (Ctrl+C or SIGTERM); the target is left exactly as it was
        """;

    /// <summary>
    /// The command tree, help included, without running anything: what <see cref="RunAsync"/> parses with, and what a test
    /// can parse a command line with (the deploy/ examples). Commands write to <paramref name="output"/> and <paramref name="error"/>.
    /// </summary>
    public static RootCommand Build(TextWriter output, TextWriter error)
    {
        var root = new RootCommand("devdbseed copies a PostgreSQL production snapshot into a dev database, "
            + "replacing every sensitive value with a realistic fake on the way.")
        {
            RunCommand.Create(output, error),
            RollbackCommand.Create(output, error),
            CheckCommand.Create(output, error),
            VerifyCommand.Create(output, error),
            RulesCommand.Create(output, error),
            ReportCommand.Create(output, error),
            SampleCommand.Create(output, error),
            SnapshotCommand.Create(output, error),
        };
        CommandHelp.Install(root);
        return root;
    }

    public static async Task<int> RunAsync(string[] args, TextWriter? output = null, TextWriter? error = null)
    {
        output ??= Console.Out;
        error ??= Console.Error;
        var parse = Build(output, error).Parse(args);
        if (parse.Errors.Count > 0)
        {
            var problems = parse.Errors.Select(e => e.Message).ToList();
            var reporting = RunFiles.OfUsageError(parse);
            var log = new CommandLog(error, LogFormatAsked(args) ?? reporting?.LogFormat ?? LogFormat.Text);
            log.UsageErrors(problems);
            if (reporting is not null)
            {
                RunFiles.Write(reporting, RunFiles.UsageError(problems), log);
            }

            return (int)ExitCode.InvalidConfiguration;
        }

        return await parse.InvokeAsync(new InvocationConfiguration
        {
            Output = output,
            Error = error,
            EnableDefaultExceptionHandler = false,
            ProcessTerminationTimeout = null, // CommandRunner handles SIGINT and SIGTERM so it can clean up
        });
    }

    /// <summary>
    /// The log format a command line that does not parse asks for (<c>--log-format json</c>, <c>--log-format=json</c>,
    /// <c>--log-format:json</c>), wherever it stands among the arguments: its errors then print in that format. Null: none.
    /// </summary>
    internal static LogFormat? LogFormatAsked(IReadOnlyList<string> args)
    {
        const string Name = "--log-format";
        for (var i = args.Count - 1; i >= 0; i--)
        {
            var value = args[i] == Name && i + 1 < args.Count ? args[i + 1]
                : args[i].Length > Name.Length + 1 && args[i].StartsWith(Name, StringComparison.Ordinal) && args[i][Name.Length] is '=' or ':'
                    ? args[i][(Name.Length + 1)..]
                    : null;
            if (value is not null && LogFormats.Find(value) is { } format)
            {
                return format;
            }
        }

        return null;
    }
}
