using System.Diagnostics;

namespace DevDbSeed.IntegrationTests.Infrastructure;

/// <summary>Runs a program (the dotnet CLI, an installed tool) as a user would, outside the test's MSBuild environment.</summary>
public static class Processes
{
    /// <summary>Runs <paramref name="program"/> in <paramref name="directory"/> with these environment variables (null: unset); killed after <paramref name="timeout"/>.</summary>
    public static async Task<ProcessResult> RunAsync(string program, string[] arguments, string directory,
        IReadOnlyDictionary<string, string?> environment, TimeSpan timeout)
    {
        var start = new ProcessStartInfo(program)
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // The test host runs under dotnet test: MSBuild's variables of that build must not steer this one.
        foreach (var name in start.Environment.Keys.Where(k => k.StartsWith("MSBuild", StringComparison.OrdinalIgnoreCase)).ToList())
        {
            start.Environment.Remove(name);
        }

        start.Environment["DOTNET_NOLOGO"] = "1";
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        foreach (var (name, value) in environment)
        {
            if (value is null)
            {
                start.Environment.Remove(name);
            }
            else
            {
                start.Environment[name] = value;
            }
        }

        var clock = Stopwatch.StartNew();
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{program} did not start");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var limit = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(limit.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{program} {string.Join(' ', arguments)} did not end within {timeout}: {await output}{await error}");
        }

        return new ProcessResult(process.ExitCode, await output, await error, clock.Elapsed);
    }

    /// <summary>
    /// What starts devdbseed (this build) as a child process with <paramref name="arguments"/>, its output redirected, so that a
    /// SIGINT sent to it is Ctrl+C: through coreutils' <c>env --default-signal=INT</c>, because a test run started in the
    /// background (<c>cmd &amp;</c> in a script) inherits SIGINT ignored, and the runtime keeps a signal ignored at start ignored.
    /// </summary>
    public static ProcessStartInfo InterruptibleDevdbseed(params string[] arguments)
    {
        var start = new ProcessStartInfo("env") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[] { "--default-signal=INT", "dotnet", Path.Combine(AppContext.BaseDirectory, "devdbseed.dll") }.Concat(arguments))
        {
            start.ArgumentList.Add(argument);
        }

        return start;
    }

    /// <summary>
    /// Writes a NuGet.config clearing every package source into <paramref name="directory"/>: a restore or tool install
    /// there takes packages only from the folders it is given and the local package cache, never from a feed.
    /// </summary>
    public static Task WriteNuGetConfigWithoutSourcesAsync(string directory, string fileName = "NuGet.config") =>
        File.WriteAllTextAsync(Path.Combine(directory, fileName), """
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <clear />
              </packageSources>
            </configuration>
            """);
}

/// <summary>A finished process: exit code, output and how long it took.</summary>
public sealed record ProcessResult(int ExitCode, string Output, string Error, TimeSpan Elapsed)
{
    public override string ToString() => $"exit {ExitCode} after {Elapsed.TotalSeconds:0.0} s\n--- stdout\n{Output}\n--- stderr\n{Error}";
}
