using System.CommandLine;
using DevDbSeed.Cli.Output;

namespace DevDbSeed.Cli.Commands;

internal static class SnapshotRestoreCommand
{
    public static DescribedCommand Create(TextWriter output, TextWriter error)
    {
        var file = new Argument<string>("FILE|URL") { Description = "The snapshot file, or an http(s):// URL to download it from." };
        var target = new Option<string>("--target") { Description = "Connection naming the dev database to replace.", Required = true };
        var jobs = new Option<int>("--jobs") { Description = "pg_restore's parallel jobs.", DefaultValueFactory = _ => 2 }.InRange(1, SnapshotRestoreOptions.MaxJobs);
        var terminate = new Option<bool>("--terminate-connections") { Description = "Disconnect clients of the target and its previous copy instead of failing." };
        var verifyKey = new Option<string?>("--verify-key")
        {
            Description = "Restore only a file whose manifest signature verifies with this ECDSA P-256 public key (PEM: PUBLIC KEY); "
                + "an unsigned file, another key's signature or a manifest changed after signing is refused (exit 2).",
            HelpName = "PUB.pem",
        };
        var tempFolder = new Option<string?>("--temp-dir")
        {
            Description = "Keep the download and the checked parts in a private folder made here (default: $TMPDIR, else /tmp); deleted whatever the outcome.",
            HelpName = "DIR",
        };
        var logFormat = SnapshotCommand.LogFormatOption();
        var command = new DescribedCommand("restore", "Restore a snapshot file or URL over the target, keeping the old one as <target>_previous.",
            "Download the file first when given an http(s) URL (streamed to a private temporary folder with a progress bar; credentials "
            + "in the URL are sent as HTTP Basic authentication and, like its query, never printed; an error status, an unreachable server "
            + "or a download cut short is exit 1 and leaves nothing behind). Check every part of the file against its manifest (size and "
            + "SHA-256), and with --verify-key the manifest's signature, before anything is created: a tampered, truncated or "
            + "unsigned-when-a-key-is-given file is refused (exit 2). Then restore it with pg_restore --jobs into a new database next to "
            + "the target, mark it as the manifest says, and swap it in like a run: the old target kept as <target>_previous, the same "
            + "lock, connected clients refused unless --terminate-connections. Any failure or Ctrl+C leaves the target exactly as it was "
            + "and deletes the temporary files. Needs no source.")
        {
            file, target, jobs, terminate, verifyKey, tempFolder, logFormat,
        };
        command.SetAction((parse, _) =>
        {
            var format = SnapshotCommand.FormatOf(parse, logFormat);
            return CommandRunner.RunAsync(new CommandLog(error, format), async cancellationToken =>
            {
                using var display = SnapshotDisplay.Create(output, error, format, cancellationToken);
                var options = new SnapshotRestoreOptions
                {
                    File = parse.GetValue(file)!,
                    Target = parse.GetValue(target)!,
                    Jobs = parse.GetValue(jobs),
                    TerminateConnections = parse.GetValue(terminate),
                    VerifyKey = parse.GetValue(verifyKey),
                    TempFolder = parse.GetValue(tempFolder),
                };
                var manifest = await Seeder.RestoreSnapshotAsync(options, display, cancellationToken);
                display.Restored(options.File, manifest);
                return 0;
            });
        });
        return command;
    }
}
