using System.Diagnostics;
using System.Text;

namespace DevDbSeed.IntegrationTests.Infrastructure;

/// <summary>
/// Headless Chromium, to open a file as a reviewer's browser would and read the DOM it builds. Never skipped:
/// without Chromium the test fails saying how to install it.
/// </summary>
public static class Chromium
{
    private static readonly string[] Names = ["chromium", "chromium-browser"];

    /// <summary>The Chromium executable: chromium or chromium-browser on PATH, or /usr/bin/chromium; fails the test when there is none.</summary>
    public static string Locate()
    {
        var path = (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries);
        foreach (var name in Names)
        {
            foreach (var directory in path)
            {
                var candidate = Path.Combine(directory, name);
                if (File.Exists(candidate))
                {
                    return candidate;
                }
            }
        }

        if (File.Exists("/usr/bin/chromium"))
        {
            return "/usr/bin/chromium";
        }

        Assert.Fail("Chromium is not installed: the HTML report must be opened in a real browser. Install it with `apt-get install -y chromium` "
            + "(Debian's package: /usr/bin/chromium), or put chromium or chromium-browser on PATH.");
        return null!;
    }

    /// <summary>The DOM Chromium builds for a local file (<c>--dump-dom</c>), with the network of a machine that has none.</summary>
    public static async Task<string> DumpDomAsync(string file)
    {
        var executable = Locate();
        var profile = Directory.CreateTempSubdirectory("devdbseed-chromium-").FullName;
        try
        {
            var start = new ProcessStartInfo(executable)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
                StandardOutputEncoding = Encoding.UTF8,
            };
            foreach (var argument in new[]
            {
                "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--user-data-dir=" + profile, "--dump-dom", new Uri(file).AbsoluteUri,
            })
            {
                start.ArgumentList.Add(argument);
            }

            using var process = Process.Start(start) ?? throw new InvalidOperationException($"{executable} did not start");
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            try
            {
                await process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException($"{executable} --dump-dom did not finish within 60 s");
            }

            var dom = await output;
            Assert.True(process.ExitCode == 0 && dom.Length > 0, $"{executable} --dump-dom failed (exit {process.ExitCode}): {await error}");
            return dom;
        }
        finally
        {
            try
            {
                Directory.Delete(profile, recursive: true);
            }
            catch (IOException)
            {
                // a helper process of Chromium may still be writing its profile: a temporary folder is left
            }
        }
    }
}
