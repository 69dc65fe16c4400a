using System.CommandLine;
using System.Globalization;
using DevDbSeed.Cli.Output;
using DevDbSeed.Snapshots;

namespace DevDbSeed.Cli.Commands;

internal static class SnapshotCommand
{
    public static Command Create(TextWriter output, TextWriter error) =>
        new("snapshot", "Package a masked copy as one file, or restore such a file over a dev database.")
        {
            CreateCommand(output, error), RestoreCommand(output, error),
        };

    private static DescribedCommand CreateCommand(TextWriter output, TextWriter error)
    {
        var from = new Option<string>("--from") { Description = "Connection naming the masked copy to package (only read).", Required = true };
        var file = new Option<string>("--output") { Description = "The snapshot file to write (replaced when it exists).", Required = true };
        var command = new DescribedCommand("create", "Package a masked DevDbSeed copy as one snapshot file.",
            "Package a database a devdbseed run built as one file: a tar holding manifest.json (versions, the database's masked-copy "
            + "mark, row counts per table, the SHA-256 of every part) and data.dump (pg_dump's compressed custom format, of the same "
            + "snapshot as the counts). A database without the devdbseed.masked_copy mark is refused (exit 3): production can never "
            + "be packaged by mistake. The file is written under a temporary name and renamed; a failure leaves no file.")
        {
            from, file,
        };
        command.SetAction((parse, _) => CommandRunner.RunAsync(error, async cancellationToken =>
        {
            var manifest = await Seeder.CreateSnapshotAsync(new SnapshotCreateOptions { From = parse.GetValue(from)!, Output = parse.GetValue(file)! },
                new MessageObserver(output, error), cancellationToken);
            await output.WriteLineAsync($"snapshot {parse.GetValue(file)} written: {Summary(manifest)}");
            return 0;
        }));
        return command;
    }

    private static DescribedCommand RestoreCommand(TextWriter output, TextWriter error)
    {
        var file = new Argument<string>("FILE") { Description = "The snapshot file." };
        var target = new Option<string>("--target") { Description = "Connection naming the dev database to replace.", Required = true };
        var jobs = new Option<int>("--jobs") { Description = "pg_restore's parallel jobs.", DefaultValueFactory = _ => 2 }.InRange(1, SnapshotRestoreOptions.MaxJobs);
        var terminate = new Option<bool>("--terminate-connections") { Description = "Disconnect clients of the target and its previous copy instead of failing." };
        var command = new DescribedCommand("restore", "Restore a snapshot file over the target, keeping the old one as <target>_previous.",
            "Check every part of the file against its manifest (size and SHA-256) before anything is created: a tampered or truncated "
            + "file is refused (exit 2). Then restore it with pg_restore --jobs into a new database next to the target, mark it as the "
            + "manifest says, and swap it in like a run: the old target kept as <target>_previous, the same lock, connected clients "
            + "refused unless --terminate-connections. Any failure or Ctrl+C leaves the target exactly as it was. Needs no source.")
        {
            file, target, jobs, terminate,
        };
        command.SetAction((parse, _) => CommandRunner.RunAsync(error, async cancellationToken =>
        {
            var options = new SnapshotRestoreOptions
            {
                File = parse.GetValue(file)!,
                Target = parse.GetValue(target)!,
                Jobs = parse.GetValue(jobs),
                TerminateConnections = parse.GetValue(terminate),
            };
            var manifest = await Seeder.RestoreSnapshotAsync(options, new MessageObserver(output, error), cancellationToken);
            await output.WriteLineAsync($"snapshot {options.File} restored: {Summary(manifest)}");
            return 0;
        }));
        return command;
    }

    private static string Summary(SnapshotManifest manifest) => string.Create(CultureInfo.InvariantCulture,
        $"{manifest.RowCounts.Count} tables, {manifest.RowCounts.Values.Sum():N0} rows, {manifest.Parts.Sum(p => p.Bytes) / 1024.0 / 1024.0:0.0} MB, "
        + $"masked copy of {manifest.Mark.Source} made {manifest.Mark.MadeAt.UtcDateTime:yyyy-MM-dd HH:mm} UTC");
}
