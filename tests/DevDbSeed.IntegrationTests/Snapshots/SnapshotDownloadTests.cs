using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using DevDbSeed.Errors;
using DevDbSeed.IntegrationTests.Infrastructure;
using DevDbSeed.Postgres.Snapshots;
using DevDbSeed.Running;
using Answer = DevDbSeed.IntegrationTests.Infrastructure.SnapshotServer.Answer;

namespace DevDbSeed.IntegrationTests.Snapshots;

/// <summary>
/// <c>snapshot restore http(s)://URL</c> downloads the file from a server (here one the test starts) into a private
/// temporary folder and checks it like a local file. A failed, cut or interrupted download is one clear line, leaves the
/// target untouched and the temporary folder empty; credentials and tokens in the URL are never printed.
/// </summary>
public sealed class SnapshotDownloadTests(PublishedSnapshot published) : IClassFixture<PublishedSnapshot>
{
    private const string Password = "s3cret-pa55";
    private const string Token = "X-Amz-Signature=t0ken0123456789";

    private TestDatabases Databases => published.Databases;

    [Fact]
    public async Task A_snapshot_downloaded_over_http_restores_like_a_local_file_and_leaves_no_temporary_file()
    {
        await using var server = SnapshotServer.Start(await File.ReadAllBytesAsync(published.Signed));
        var laptop = Databases.Name("laptop");
        var temp = published.NewFolder();

        var result = await Devdbseed.RunAsync("snapshot", "restore", server.Url(), "--target", Databases.Uri(laptop), "--verify-key", published.PublicKey,
            "--temp-dir", temp);

        Outputs.ExitCode(0, result);
        Outputs.Mentions(result, $"downloading {server.Url()} (");
        Outputs.Mentions(result, "downloaded ");
        Outputs.Mentions(result, $"checked {server.Url()}: manifest and ");
        Outputs.Mentions(result, "signature verified with key sha256:");
        Assert.Equal(await Databases.TableHashesAsync(published.Masked), await Databases.TableHashesAsync(laptop));
        Assert.Empty(Directory.GetFileSystemEntries(temp));
    }

    [Fact]
    public async Task Credentials_and_query_tokens_in_the_url_are_sent_but_never_printed()
    {
        await using var server = SnapshotServer.Start(await File.ReadAllBytesAsync(published.Unsigned));
        await using var missing = SnapshotServer.Start([], Answer.NotFound);
        var url = server.Url(userInfo: "ci:" + Password, query: Token);

        var restored = await Devdbseed.RunAsync("snapshot", "restore", url, "--target", Databases.Uri(Databases.Name("laptop")));
        var refused = await Devdbseed.RunAsync("snapshot", "restore", missing.Url(userInfo: "ci:" + Password, query: Token), "--target", Databases.Uri(published.Masked),
            "--log-format", "json");

        Outputs.ExitCode(0, restored);
        Outputs.Mentions(restored, $"snapshot http://***@127.0.0.1:{server.Port}/snapshots/vca.devdbseed?*** restored into ");
        Outputs.ExitCode(1, refused);
        foreach (var result in new[] { restored, refused })
        {
            Assert.DoesNotContain(Password, result.All, StringComparison.Ordinal);
            Assert.DoesNotContain("t0ken", result.All, StringComparison.Ordinal);
        }

        var basic = "Authorization: Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("ci:" + Password));
        Assert.Contains(basic, Assert.Single(server.Requests), StringComparison.Ordinal);
        Assert.StartsWith($"GET /snapshots/vca.devdbseed?{Token} HTTP/1.1", server.Requests[0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_http_error_status_fails_with_exit_1_and_leaves_the_target_and_the_temporary_folder_as_they_were()
    {
        await using var server = SnapshotServer.Start([], Answer.NotFound);

        await AssertFailedAsync(server.Url(), $"error: cannot download {server.Url()}: the server answered 404 Not Found");
    }

    [Fact]
    public async Task A_server_that_cannot_be_reached_fails_with_exit_1()
    {
        var url = $"http://127.0.0.1:{SnapshotServer.UnusedPort()}/vca.devdbseed";

        await AssertFailedAsync(url, $"error: cannot download {url}: Connection refused");
    }

    [Fact]
    public async Task A_download_the_server_cuts_short_fails_with_exit_1_and_leaves_nothing_behind()
    {
        await using var server = SnapshotServer.Start(await File.ReadAllBytesAsync(published.Signed), Answer.CutShort);

        await AssertFailedAsync(server.Url(), $"error: the download of {server.Url()} was interrupted: ");
    }

    [Fact]
    public async Task A_tampered_download_is_refused_with_exit_2_like_a_tampered_file()
    {
        var bytes = await File.ReadAllBytesAsync(published.Unsigned);
        bytes[^2000] ^= 0x01; // inside data.dump, before the tar's end blocks
        await using var server = SnapshotServer.Start(bytes);

        await AssertFailedAsync(server.Url(), $"error: {server.Url()} is not an intact DevDbSeed snapshot: data.dump SHA-256 differs from its manifest", exitCode: 2);
    }

    [Fact]
    public async Task A_download_that_stalls_is_given_up_with_a_runtime_failure()
    {
        await using var server = SnapshotServer.Start(await File.ReadAllBytesAsync(published.Signed), Answer.Stalls);
        var file = Path.Combine(published.NewFolder(), "stalled.devdbseed");
        var download = new SnapshotDownload(SilentObserver.Instance) { IdleTimeout = TimeSpan.FromSeconds(1) };

        var failure = await Assert.ThrowsAsync<RunFailedException>(() => download.DownloadAsync(server.Url(), file, CancellationToken.None));

        Assert.StartsWith($"the download of {server.Url()} stalled: nothing arrived for 1 s after ", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Restore_with_log_format_json_logs_the_download_and_ends_with_one_snapshot_restored_object()
    {
        await using var server = SnapshotServer.Start(await File.ReadAllBytesAsync(published.Signed));

        var result = await Devdbseed.RunAsync("snapshot", "restore", server.Url(), "--target", Databases.Uri(Databases.Name("laptop")), "--verify-key",
            published.PublicKey, "--log-format", "json");

        Outputs.ExitCode(0, result);
        Outputs.AllJsonObjects(result);
        var events = result.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal(["command_started", "download_started", "download_finished", "snapshot_checked", "snapshot_restoring", "swapping", "snapshot_restored"],
            events.Select(e => e.GetProperty("event").GetString()).Where(e => e != "download_progress"));
        Assert.Equal("verified", events[^1].GetProperty("signature").GetString());
        Assert.Equal(server.Url(), events[^1].GetProperty("file").GetString());
        Assert.Equal(300, events[^1].GetProperty("rows").GetInt64());
    }

    [Fact]
    public async Task Ctrl_c_during_a_download_exits_130_and_leaves_the_target_and_the_temporary_folder_as_they_were()
    {
        await using var server = SnapshotServer.Start(await File.ReadAllBytesAsync(published.Signed), Answer.Stalls);
        var temp = published.NewFolder();
        var before = await Databases.StateAsync(published.Masked);
        using var process = Process.Start(Processes.InterruptibleDevdbseed("snapshot", "restore", server.Url(), "--target", Databases.Uri(published.Masked),
            "--temp-dir", temp))!;
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        var error = process.StandardError.ReadToEndAsync(timeout.Token);
        var output = new StringBuilder();
        while (await process.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
        {
            output.AppendLine(line);
            if (line.StartsWith("downloading ", StringComparison.Ordinal))
            {
                using var signal = Process.Start("kill", ["-INT", process.Id.ToString(CultureInfo.InvariantCulture)]);
                await signal.WaitForExitAsync(timeout.Token);
            }
        }

        await process.WaitForExitAsync(timeout.Token);

        Assert.True(process.ExitCode == 130, $"expected exit 130, got {process.ExitCode}\n{output}\n{await error}");
        Assert.Contains("interrupted", await error, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFileSystemEntries(temp));
        Assert.Equal(before, await Databases.StateAsync(published.Masked));
    }

    /// <summary>The restore fails with <paramref name="exitCode"/> and <paramref name="message"/>; the target, the server's databases and the temporary folder are as they were.</summary>
    private async Task AssertFailedAsync(string url, string message, int exitCode = 1)
    {
        var temp = published.NewFolder();
        var before = await Databases.StateAsync(published.Masked);
        var databases = await Databases.OursAsync();

        var result = await Devdbseed.RunAsync("snapshot", "restore", url, "--target", Databases.Uri(published.Masked), "--temp-dir", temp);

        Outputs.ExitCode(exitCode, result);
        Outputs.Mentions(result, message);
        Outputs.NoStackTrace(result);
        Assert.Single(result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Empty(Directory.GetFileSystemEntries(temp));
        Assert.Equal(before, await Databases.StateAsync(published.Masked));
        Assert.Equal(databases, await Databases.OursAsync());
    }
}
