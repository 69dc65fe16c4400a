using System.Diagnostics;
using System.Text;
using DevDbSeed.Errors;

namespace DevDbSeed.Postgres.Schema;

/// <summary>Runs pg_dump and pg_restore: environment for libpq, stderr kept for messages, killed on cancellation.</summary>
internal static class ExternalProcess
{
    public sealed record Result(int ExitCode, string StandardError);

    public static async Task<Result> RunAsync(string program, IEnumerable<string> arguments, IReadOnlyDictionary<string, string> environment,
        CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(program)
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var name in new[] { "PGSERVICE", "PGSERVICEFILE", "PGOPTIONS", "PGDATABASE" }) // PGPASSWORD and .pgpass keep working
        {
            start.Environment.Remove(name);
        }

        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        using var process = Start(start, program);
        var error = new StringBuilder();
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                lock (error)
                {
                    error.AppendLine(e.Data);
                }
            }
        };
        process.OutputDataReceived += (_, _) => { };
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();
        try
        {
            await process.WaitForExitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(CancellationToken.None);
            throw;
        }

        lock (error)
        {
            return new Result(process.ExitCode, error.ToString());
        }
    }

    /// <summary>Starts the program, or fails as the run's failure (exit 1) saying why it could not.</summary>
    private static Process Start(ProcessStartInfo start, string program)
    {
        try
        {
            return Process.Start(start) ?? throw new RunFailedException($"could not start {program}");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new RunFailedException($"could not start {program}: {e.Message}", e);
        }
    }
}
