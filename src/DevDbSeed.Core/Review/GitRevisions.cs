using System.ComponentModel;
using System.Diagnostics;
using System.Text;
using DevDbSeed.Errors;

namespace DevDbSeed.Review;

/// <summary>
/// Reads files as they are at a git revision of the repository holding <paramref name="directory"/>: <c>git rev-parse</c>
/// to check a ref, <c>git ls-tree</c> to list the files under a path, <c>git show REF:PATH</c> to read one. An unknown ref,
/// a folder outside a repository or no git at all is exit 2, one line.
/// </summary>
public sealed class GitRevisions(string directory)
{
    /// <summary>Fails (exit 2) unless <paramref name="reference"/> names a commit.</summary>
    public async Task CheckAsync(string reference, CancellationToken cancellationToken)
    {
        var result = await GitAsync(["rev-parse", "--verify", "--quiet", "--end-of-options", reference + "^{commit}"], cancellationToken);
        if (result.ExitCode != 0)
        {
            throw new ConfigurationException(FirstLine(result.Error) is { Length: > 0 } problem && problem.Contains("not a git repository", StringComparison.Ordinal)
                ? $"git: {problem}"
                : $"unknown git ref '{reference}' (git rev-parse finds no commit of that name)");
        }
    }

    /// <summary>The files under <paramref name="paths"/> at <paramref name="reference"/>, relative to the repository's root.</summary>
    public async Task<IReadOnlyList<string>> ListAsync(string reference, IReadOnlyList<string> paths, CancellationToken cancellationToken)
    {
        var result = await GitAsync(["ls-tree", "-r", "--full-name", "--name-only", reference, "--", .. paths], cancellationToken);
        return result.ExitCode == 0
            ? result.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            : throw new ConfigurationException($"git ls-tree {reference}: {FirstLine(result.Error)}");
    }

    /// <summary>The text of <paramref name="path"/> (relative to the repository's root) at <paramref name="reference"/>.</summary>
    public async Task<string> ReadAsync(string reference, string path, CancellationToken cancellationToken)
    {
        var result = await GitAsync(["show", $"{reference}:{path}"], cancellationToken);
        return result.ExitCode == 0 ? result.Output : throw new ConfigurationException($"git show {reference}:{path}: {FirstLine(result.Error)}");
    }

    private static string FirstLine(string text) =>
        text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault()?.Replace("fatal: ", string.Empty, StringComparison.Ordinal)
        ?? "failed";

    private async Task<(int ExitCode, string Output, string Error)> GitAsync(IEnumerable<string> arguments, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo("git")
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardOutputEncoding = Encoding.UTF8,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["GIT_TERMINAL_PROMPT"] = "0";
        Process process;
        try
        {
            process = Process.Start(start) ?? throw new ConfigurationException("could not start git");
        }
        catch (Win32Exception e)
        {
            throw new ConfigurationException($"comparing git refs needs git on the PATH: {e.Message}", e);
        }

        using (process)
        {
            var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
            var error = process.StandardError.ReadToEndAsync(cancellationToken);
            try
            {
                await process.WaitForExitAsync(cancellationToken);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                throw;
            }

            return (process.ExitCode, await output, await error);
        }
    }
}
