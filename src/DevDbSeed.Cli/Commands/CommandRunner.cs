using System.Runtime.InteropServices;
using DevDbSeed.Cli.Output;
using DevDbSeed.Errors;
using DevDbSeed.Journal;

namespace DevDbSeed.Cli.Commands;

/// <summary>
/// Runs one command: Ctrl+C and SIGTERM cancel it (exit 130 once it has cleaned up), known errors print their
/// one-line message and documented exit code, anything else is a bug and prints its stack (exit 1). What it prints
/// goes through the command's <see cref="CommandLog"/>: plain lines, or JSON lines with <c>--log-format json</c>.
/// </summary>
internal static class CommandRunner
{
    public static Task<int> RunAsync(TextWriter error, Func<CancellationToken, Task<int>> command) => RunAsync(new CommandLog(error), command);

    public static async Task<int> RunAsync(CommandLog log, Func<CancellationToken, Task<int>> command)
    {
        using var interrupt = new CancellationTokenSource();
        void Cancel(PosixSignalContext context)
        {
            if (!interrupt.IsCancellationRequested)
            {
                context.Cancel = true; // a second signal ends the process at once
                interrupt.Cancel(); // first, so that a live progress display lets go of the terminal before the message
                log.Interrupting();
            }
        }

        using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, Cancel);
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Cancel);
        try
        {
            return await command(interrupt.Token);
        }
        catch (Exception e)
        {
            // whatever an interrupted operation throws (a cancelled COPY ends its stream) is the interruption
            var exitCode = RunOutcomes.ExitCodeOf(e, interrupted: interrupt.IsCancellationRequested);
            if (exitCode == ExitCode.Interrupted)
            {
                log.Interrupted();
            }
            else if (e is DevDbSeedException known)
            {
                log.Failed(known);
            }
            else
            {
                log.Bug(e);
            }

            return (int)exitCode;
        }
    }
}
