using System.Diagnostics;
using System.Text;
using DevDbSeed.Errors;

namespace DevDbSeed.Postgres.Schema;

/// <summary>Runs pg_dump and pg_restore: environment for libpq, stdout and stderr kept, killed on cancellation.</summary>
internal static class ExternalProcess
{
    /// <summary>How the program ended: its exit code, standard output (<c>pg_restore --list</c>'s table of contents) and standard error.</summary>
    public sealed record Result(int ExitCode, string StandardError, string StandardOutput = "");

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
        var output = new StringBuilder();
        process.ErrorDataReceived += (_, e) => Append(error, e.Data);
        process.OutputDataReceived += (_, e) => Append(output, e.Data);
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
            lock (output)
            {
                return new Result(process.ExitCode, error.ToString(), output.ToString());
            }
        }
    }

    private static void Append(StringBuilder text, string? line)
    {
        if (line is not null)
        {
            lock (text)
            {
                text.AppendLine(line);
            }
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
