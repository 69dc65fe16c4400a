using System.CommandLine;
using DevDbSeed.Cli.Output;
using DevDbSeed.Configuration;

namespace DevDbSeed.Cli.Commands;

internal static class SnapshotCommand
{
    public static Command Create(TextWriter output, TextWriter error) =>
        new("snapshot", "Package a masked copy as one file, or restore such a file over a dev database.")
        {
            CreateCommand(output, error), SnapshotRestoreCommand.Create(output, error), SnapshotKeyCommand.Create(output, error),
        };

    /// <summary><c>--log-format text|json</c> of the snapshot commands (they have no pipeline file to take it from).</summary>
    public static Option<string> LogFormatOption()
    {
        var option = new Option<string>("--log-format")
        {
            Description = "text (the default: plain lines, a live bar for a download in a terminal) or json (one JSON object per line on stdout and stderr, "
                + "for log collectors; the last line carries the snapshot's figures).",
            DefaultValueFactory = _ => "text",
        };
        option.AcceptOnlyFromAmong([.. LogFormats.Names]);
        return option;
    }

    /// <summary>The format <paramref name="option"/> was given (it accepts only known names).</summary>
    public static LogFormat FormatOf(ParseResult parse, Option<string> option) => LogFormats.Find(parse.GetValue(option)!) ?? LogFormat.Text;

    private static DescribedCommand CreateCommand(TextWriter output, TextWriter error)
    {
        var from = new Option<string>("--from") { Description = "Connection naming the masked copy to package (only read).", Required = true };
        var file = new Option<string>("--output") { Description = "The snapshot file to write (replaced when it exists).", Required = true };
        var sign = new Option<string?>("--sign")
        {
            Description = "Sign the manifest with this ECDSA P-256 private key (PEM: PKCS#8 PRIVATE KEY or SEC1 EC PRIVATE KEY, unencrypted; "
                + "snapshot key create makes one); snapshot restore --verify-key checks the signature with its public key.",
            HelpName = "KEY.pem",
        };
        var logFormat = LogFormatOption();
        var command = new DescribedCommand("create", "Package a masked DevDbSeed copy as one snapshot file, signed with --sign.",
            "Package a database a devdbseed run built as one file: a tar holding manifest.json (versions, the database's masked-copy "
            + "mark, row counts per table, the SHA-256 of every part), manifest.sha256, with --sign manifest.sig (ECDSA P-256 over the "
            + "SHA-256 of manifest.json's exact bytes, DER, as openssl dgst -sha256 -sign writes it), and data.dump (pg_dump's compressed "
            + "custom format, of the same snapshot as the counts). A database without the devdbseed.masked_copy mark is refused (exit 3): "
            + "production can never be packaged by mistake; a key that is not a P-256 private key is refused before anything is read "
            + "(exit 2). The file is written under a temporary name and renamed; a failure leaves no file.")
        {
            from, file, sign, logFormat,
        };
        command.SetAction((parse, _) =>
        {
            var format = FormatOf(parse, logFormat);
            return CommandRunner.RunAsync(new CommandLog(error, format), async cancellationToken =>
            {
                using var display = SnapshotDisplay.Create(output, error, format, cancellationToken);
                var options = new SnapshotCreateOptions { From = parse.GetValue(from)!, Output = parse.GetValue(file)!, SignKey = parse.GetValue(sign) };
                var manifest = await Seeder.CreateSnapshotAsync(options, display, cancellationToken);
                display.Created(options.Output, manifest);
                return 0;
            });
        });
        return command;
    }
}
