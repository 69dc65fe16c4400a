using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;
using DevDbSeed.IntegrationTests.Infrastructure;
using Xunit.Abstractions;

namespace DevDbSeed.IntegrationTests.Faults;

/// <summary>
/// A run killed outright (SIGKILL: no cleanup at all) while it copies the rows leaves the target exactly as it was;
/// the half-built database it leaves is removed by the next run of that target, and only that one.
/// </summary>
public sealed partial class KilledRunTests(SampleSource sample, ITestOutputHelper log) : IClassFixture<SampleSource>, IDisposable
{
    private readonly Pipelines _pipelines = new();

    private TestDatabases Databases => sample.Databases;

    public void Dispose() => _pipelines.Dispose();

    [Fact]
    public async Task A_run_killed_during_the_rows_leaves_the_target_as_it_was_and_the_next_run_removes_only_its_half_built_database()
    {
        var target = await Databases.CreateAsync("dev_killed", "CREATE TABLE marker (note text); INSERT INTO marker VALUES ('before the run');");
        var other = await Databases.CreateAsync("dev_other");
        var othersHalfBuilt = await HalfBuiltByAKilledRunAsync(other);
        var pipeline = _pipelines.Pipeline(Databases.Uri(sample.Source), Databases.Uri(target), Shipped.VcaRules, jobs: 1);
        var before = await Databases.StateAsync(target);

        var journal = new JournalFiles(_pipelines.Directory);
        var (killed, output) = await RunAndKillDuringTheRowsAsync(pipeline, journal.Options);
        log.WriteLine(output);

        Assert.True(killed, "the run ended before a table was copied:\n" + output);
        Assert.Equal(before, await Databases.StateAsync(target));
        await Databases.WaitForNoSessionsNextToAsync(target);
        var halfBuilt = Assert.Single(await Databases.BuiltNextToAsync(target));
        Assert.False(File.Exists(journal.Summary) || File.Exists(journal.Metrics), "a killed run wrote its summary or metrics");
        Assert.Empty(journal.Strays());

        var next = await Devdbseed.RunAsync(["run", pipeline, .. journal.Options]);
        log.WriteLine(next.ToString());

        Assert.Equal(0, next.ExitCode);
        Assert.Contains($"dropping {halfBuilt}, left half-built by an interrupted run", next.All, StringComparison.Ordinal);
        Assert.Empty(await Databases.BuiltNextToAsync(target));
        Assert.False(await Databases.ScalarAsync<bool>(target, "SELECT to_regclass('public.marker') IS NOT NULL"));
        Assert.True(await Databases.ExistsAsync(othersHalfBuilt), "the half-built database of another target was dropped");
        Assert.Equal("exit 0, succeeded", journal.Outcome());
        Assert.Contains("abandoned_database_dropped", journal.WarningKinds());
        Assert.Equal(0, journal.Metric("devdbseed_last_run_exit_code"));
    }

    /// <summary>A database as a killed run of <paramref name="target"/> leaves it: named and marked as devdbseed's, nobody connected.</summary>
    private async Task<string> HalfBuiltByAKilledRunAsync(string target)
    {
        var name = $"{target}_devdbseed_new_0badc0de";
        await Databases.AdminAsync($"CREATE DATABASE \"{name}\"");
        await Databases.AdminAsync($"COMMENT ON DATABASE \"{name}\" IS 'devdbseed: being built to replace {target}'");
        return name;
    }

    /// <summary>Runs the real devdbseed as a child process and kills it (SIGKILL) once the first table has been copied.</summary>
    private static async Task<(bool Killed, string Output)> RunAndKillDuringTheRowsAsync(string pipeline, string[] options)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in (string[])[Path.Combine(AppContext.BaseDirectory, "devdbseed.dll"), "run", pipeline, "--plain", .. options])
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("devdbseed did not start");
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        var error = process.StandardError.ReadToEndAsync(timeout.Token);
        var output = new StringBuilder();
        var killed = false;
        while (await process.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
        {
            output.AppendLine(line);
            if (!killed && TableCopiedLine().IsMatch(line))
            {
                process.Kill(); // SIGKILL: no handler runs, nothing is cleaned up
                killed = true;
            }
        }

        await process.WaitForExitAsync(timeout.Token);
        return (killed, $"{output}--- stderr\n{await error}");
    }

    /// <summary>A table finished: <c>[00:03]   public.users   20,000 rows ...</c>.</summary>
    [GeneratedRegex(@"^\[\d\d:\d\d\]   \S")]
    private static partial Regex TableCopiedLine();
}
