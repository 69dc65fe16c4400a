using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;
using DevDbSeed.IntegrationTests.Infrastructure;
using DevDbSeed.Running;
using Xunit.Abstractions;

namespace DevDbSeed.IntegrationTests.Interruption;

/// <summary>
/// An interrupted run (cancellation in the library, Ctrl+C at the command line) stops cleanly: the existing target
/// is exactly as it was and the half-built database is gone.
/// </summary>
public sealed partial class InterruptionTests(SampleSource sample, ITestOutputHelper log) : IClassFixture<SampleSource>, IAsyncLifetime
{
    private readonly Pipelines _pipelines = new();
    private string _target = null!;

    private TestDatabases Databases => sample.Databases;

    public async Task InitializeAsync() =>
        _target = await Databases.CreateAsync("dev_" + Guid.NewGuid().ToString("N")[..6], """
            CREATE TABLE marker (note text);
            INSERT INTO marker VALUES ('the dev database before the run');
            """);

    public Task DisposeAsync()
    {
        _pipelines.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Cancelling_when_the_first_table_starts_throws_and_leaves_the_target_untouched()
    {
        var before = await Databases.StateAsync(_target);
        var databases = await Databases.OursAsync();
        var pipeline = _pipelines.Pipeline(Databases.Uri(sample.Source), Databases.Uri(_target), Shipped.VcaRules);
        var options = PipelineOptions.Load(pipeline);
        using var interrupt = new CancellationTokenSource();
        var observer = new CancelOnFirstTable(interrupt);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Seeder.RunAsync(options, observer, interrupt.Token));

        Assert.True(observer.TablesStarted >= 1);
        Assert.Equal(before, await Databases.StateAsync(_target));
        Assert.Equal(databases, await Databases.OursAsync());
        await AssertNothingHalfBuiltAsync();
    }

    [Fact]
    public async Task Ctrl_c_at_the_command_line_exits_130_and_leaves_the_target_untouched()
    {
        var before = await Databases.StateAsync(_target);
        var databases = await Databases.OursAsync();
        var pipeline = _pipelines.Pipeline(Databases.Uri(sample.Source), Databases.Uri(_target), Shipped.VcaRules, jobs: 1);

        var (exitCode, output, error, signalled) = await RunAndInterruptAsync(pipeline);
        log.WriteLine($"exit {exitCode}\n--- stdout\n{output}\n--- stderr\n{error}");

        Assert.True(signalled, "no progress line appeared:\n" + output + error);
        Assert.True(exitCode == 130, $"expected exit 130, got {exitCode}\n{output}\n{error}");
        Assert.Contains("interrupted", error, StringComparison.Ordinal);
        Assert.DoesNotMatch(@"(?m)^\s+at \S+\(", output + error);
        Assert.Equal(before, await Databases.StateAsync(_target));
        Assert.Equal(databases, await Databases.OursAsync());
        await AssertNothingHalfBuiltAsync();
    }

    /// <summary>Runs the real devdbseed as a child process and sends it SIGINT once the first table has been copied.</summary>
    private static async Task<(int ExitCode, string Output, string Error, bool Signalled)> RunAndInterruptAsync(string pipeline)
    {
        using var process = Process.Start(Processes.InterruptibleDevdbseed("run", pipeline)) ?? throw new InvalidOperationException("devdbseed did not start");
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        var error = process.StandardError.ReadToEndAsync(timeout.Token);
        var output = new StringBuilder();
        var signalled = false;
        try
        {
            while (await process.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
            {
                output.AppendLine(line);
                if (!signalled && ProgressLine().IsMatch(line))
                {
                    signalled = true;
                    using var kill = Process.Start("kill", ["-INT", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
                    await kill.WaitForExitAsync(timeout.Token);
                }
            }

            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("devdbseed did not end within 2 minutes:\n" + output);
        }

        return (process.ExitCode, output.ToString(), await error, signalled);
    }

    private async Task AssertNothingHalfBuiltAsync() =>
        Assert.Equal(0L, await Databases.ScalarAsync<long>("postgres", $"SELECT count(*) FROM pg_database WHERE datname LIKE '{_target}\\_devdbseed\\_%'"));

    /// <summary>A table finished: <c>[00:03]   public.users   20,000 rows ...</c>.</summary>
    [GeneratedRegex(@"^\[\d\d:\d\d\]   \S")]
    private static partial Regex ProgressLine();

    /// <summary>Cancels the run as soon as the first table starts copying.</summary>
    private sealed class CancelOnFirstTable(CancellationTokenSource interrupt) : IRunObserver
    {
        private int _started;

        public int TablesStarted => _started;

        public void OnEvent(RunEvent runEvent)
        {
            if (runEvent is TableStarted && Interlocked.Increment(ref _started) == 1)
            {
                interrupt.Cancel();
            }
        }
    }
}
