using System.Text.Json;
using DevDbSeed.Cli.Output;
using DevDbSeed.Configuration;
using DevDbSeed.Rules;
using DevDbSeed.Running;
using DevDbSeed.Snapshots;
using DevDbSeed.Tests.Support;

namespace DevDbSeed.Tests.Cli;

/// <summary>What <c>snapshot create</c> and <c>snapshot restore</c> print: their lines, a download's progress, and their last line in text and JSON.</summary>
public sealed class SnapshotDisplayTests
{
    private const string Url = "https://***@cdn.example.com/vca.devdbseed?***";
    private static readonly DateTimeOffset Now = new(2026, 12, 7, 2, 0, 0, TimeSpan.Zero);
    private static readonly string KeySha256 = "6f6dd351a157fa9c" + new string('a', 48);

    private static readonly SnapshotManifest Manifest = new(
        new DateTimeOffset(2026, 12, 7, 1, 2, 3, TimeSpan.Zero), "0.10.0", "15.4", 15,
        new MaskedCopyMark(new DateTimeOffset(2026, 12, 7, 0, 30, 0, TimeSpan.Zero), "0.10.0", "app@db:5432/prod", [new RulesFileInfo("rules.yaml", new string('a', 64))], null),
        new SnapshotDatabase("UTF8", "C.UTF-8", "C.UTF-8", "c", null, null),
        new Dictionary<string, long> { ["public.people"] = 300, ["public.orders"] = 1_200 },
        [new SnapshotPart(SnapshotManifest.DataPart, 2_097_152, new string('b', 64))]);

    private readonly StringWriter _output = new();
    private readonly StringWriter _error = new();
    private readonly RecordedRuns.ManualClock _clock = new(Now);

    [Fact]
    public void A_restore_prints_its_steps_and_a_last_line_naming_the_url_without_secrets_and_what_was_found_of_the_signature()
    {
        using var display = Display(LogFormat.Text);

        foreach (var runEvent in RestoreEvents())
        {
            display.OnEvent(runEvent);
        }

        display.Restored("https://ci:s3cret@cdn.example.com/vca.devdbseed?token=t0k3n", Manifest);

        Assert.Equal($"""
            source {Url}, target app@dev:5432/laptop
            downloading {Url} (3.8 MB)
            downloaded 3.8 MB in 2.5 s
            checked {Url}: manifest and 2.0 MB of data intact (2 tables, 1,500 rows); signature verified with key sha256:6f6dd351a157fa9c
            restoring the snapshot into laptop_devdbseed_new_1a2b with 2 jobs
            renaming the new database to laptop
            snapshot {Url} restored into app@dev:5432/laptop: 2 tables, 1,500 rows, 2.0 MB, masked copy of app@db:5432/prod made 2026-12-07 00:30 UTC; signature verified

            """, _output.ToString());
        Assert.Empty(_error.ToString());
    }

    [Fact]
    public void Without_a_terminal_a_downloads_progress_is_a_line_every_ten_seconds()
    {
        using var display = Display(LogFormat.Text);

        display.OnEvent(new DownloadStarted(Url, 4_000_000));
        foreach (var seconds in new[] { 3, 10, 15, 22 })
        {
            _clock.Now = Now.AddSeconds(seconds);
            display.OnEvent(new DownloadProgress(Url, seconds * 100_000, 4_000_000));
        }

        Assert.Equal(["  downloaded 1.0 of 3.8 MB (25 %)", "  downloaded 2.1 of 3.8 MB (55 %)"], Lines(_output).Where(l => l.StartsWith("  ", StringComparison.Ordinal)));
    }

    [Fact]
    public void A_restores_last_json_line_is_one_snapshot_restored_object_with_the_files_figures()
    {
        using var display = Display(LogFormat.Json);
        foreach (var runEvent in RestoreEvents())
        {
            display.OnEvent(runEvent);
        }

        display.Restored("https://ci:s3cret@cdn.example.com/vca.devdbseed?token=t0k3n", Manifest);

        Assert.Equal($$"""
            {"time":"2026-12-07T02:00:00.000Z","level":"info","event":"snapshot_restored","message":"snapshot {{Url}} restored into app@dev:5432/laptop: 2 tables,
             1,500 rows, 2.0 MB, masked copy of app@db:5432/prod made 2026-12-07 00:30 UTC; signature verified","file":"{{Url}}","target":"app@dev:5432/laptop",
            "signature":"verified","key_sha256":"{{KeySha256}}","tables":2,"rows":1500,"bytes":2097152,"source":"app@db:5432/prod",
            "made_at":"2026-12-07T00:30:00.000Z","created_at":"2026-12-07T01:02:03.000Z"}
            """.Replace("\n", string.Empty, StringComparison.Ordinal), Lines(_output)[^1]);
        Assert.All(Lines(_output), line => JsonDocument.Parse(line).Dispose());
        Assert.DoesNotContain("s3cret", _output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_creates_last_json_line_is_one_snapshot_created_object_saying_which_key_signed_it()
    {
        using var display = Display(LogFormat.Json);
        display.OnEvent(new SnapshotSigned("keys/snapshots.key.pem", KeySha256));

        display.Created("/srv/snapshots/vca.devdbseed", Manifest);

        Assert.Equal($$"""
            {"time":"2026-12-07T02:00:00.000Z","level":"info","event":"snapshot_created","message":"snapshot /srv/snapshots/vca.devdbseed written: 2 tables,
             1,500 rows, 2.0 MB, masked copy of app@db:5432/prod made 2026-12-07 00:30 UTC; signed with key sha256:6f6dd351a157fa9c",
            "path":"/srv/snapshots/vca.devdbseed","signed":true,"key_sha256":"{{KeySha256}}","tables":2,"rows":1500,"bytes":2097152,
            "source":"app@db:5432/prod","made_at":"2026-12-07T00:30:00.000Z","created_at":"2026-12-07T01:02:03.000Z"}
            """.Replace("\n", string.Empty, StringComparison.Ordinal), Lines(_output)[^1]);
    }

    [Fact]
    public void An_unsigned_file_restored_says_so_and_a_signed_one_restored_without_a_key_says_it_was_not_checked()
    {
        Assert.Equal("not signed", RunText.Signature(SignatureCheck.Unsigned, null));
        Assert.Equal("signed with key sha256:6f6dd351a157fa9c, signature not checked (no --verify-key)", RunText.Signature(SignatureCheck.NotChecked, KeySha256));
    }

    private SnapshotDisplay Display(LogFormat format) => new(_output, _error, format, bar: null, _clock);

    private static RunEvent[] RestoreEvents() =>
    [
        new CommandStarted(Url, "app@dev:5432/laptop"),
        new DownloadStarted(Url, 4_000_000),
        new DownloadProgress(Url, 4_000_000, 4_000_000),
        new DownloadFinished(Url, 4_000_000, TimeSpan.FromSeconds(2.5)),
        new SnapshotChecked(Url, 2_097_152, 2, 1_500, SignatureCheck.Verified, KeySha256),
        new SnapshotRestoring("laptop_devdbseed_new_1a2b", 2),
        new Swapping("laptop", "laptop_previous", TargetExists: false),
    ];

    private static List<string> Lines(StringWriter writer) => [.. writer.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries)];
}
