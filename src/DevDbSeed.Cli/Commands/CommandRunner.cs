using System.Runtime.InteropServices;
using DevDbSeed.Errors;

namespace DevDbSeed.Cli.Commands;

/// <summary>
/// Runs one command: Ctrl+C and SIGTERM cancel it (exit 130 once it has cleaned up), known errors print their
/// one-line message and documented exit code, anything else is a bug and prints its stack (exit 1).
/// </summary>
internal static class CommandRunner
{
    public static async Task<int> RunAsync(TextWriter error, Func<CancellationToken, Task<int>> command)
    {
        using var interrupt = new CancellationTokenSource();
        void Cancel(PosixSignalContext context)
        {
            if (!interrupt.IsCancellationRequested)
            {
                context.Cancel = true; // a second signal ends the process at once
                interrupt.Cancel(); // first, so that a live progress display lets go of the terminal before the message
                error.WriteLine("devdbseed: interrupted; cleaning up (the target is not touched)");
            }
        }

        using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, Cancel);
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Cancel);
        try
        {
            return await command(interrupt.Token);
        }
        catch (Exception) when (interrupt.IsCancellationRequested)
        {
            // whatever an interrupted operation throws (a cancelled COPY ends its stream) is the interruption
            await error.WriteLineAsync("devdbseed: interrupted");
            return (int)ExitCode.Interrupted;
        }
        catch (DevDbSeedException e)
        {
            await error.WriteLineAsync($"error: {e.Message}");
            foreach (var problem in e.Problems)
            {
                await error.WriteLineAsync($"  {problem}");
            }

            return (int)e.ExitCode;
        }
        catch (Exception e)
        {
            await error.WriteLineAsync($"internal error (a bug: please report it with this trace): {e}");
            return (int)ExitCode.RuntimeFailure;
        }
    }
}
