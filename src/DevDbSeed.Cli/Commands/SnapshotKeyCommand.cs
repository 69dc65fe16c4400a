using System.CommandLine;
using DevDbSeed.Snapshots;

namespace DevDbSeed.Cli.Commands;

internal static class SnapshotKeyCommand
{
    public static Command Create(TextWriter output, TextWriter error) =>
        new("key", "Make the key pair that signs snapshots and checks their signature.")
        {
            CreateCommand(output, error),
        };

    private static DescribedCommand CreateCommand(TextWriter output, TextWriter error)
    {
        var privateKey = new Option<string>("--private-key") { Description = "Where to write the private key (PKCS#8 PEM, mode 0600): it signs, keep it secret.", Required = true };
        var publicKey = new Option<string>("--public-key") { Description = "Where to write the public key (PEM): give it to whoever restores (--verify-key).", Required = true };
        var command = new DescribedCommand("create", "Make a new ECDSA P-256 key pair for snapshot create --sign and snapshot restore --verify-key.",
            "Make a new ECDSA P-256 key pair with .NET's own cryptography: the private key (PKCS#8 PEM, readable by its owner only) "
            + "signs snapshots (snapshot create --sign), the public key (SubjectPublicKeyInfo PEM) checks them (snapshot restore "
            + "--verify-key). Existing files are never replaced (exit 2). openssl makes the same keys: openssl ecparam -name prime256v1 "
            + "-genkey -noout | openssl pkcs8 -topk8 -nocrypt -out KEY.pem; openssl ec -in KEY.pem -pubout -out PUB.pem.")
        {
            privateKey, publicKey,
        };
        command.SetAction((parse, _) => CommandRunner.RunAsync(error, async _ =>
        {
            var (privatePath, publicPath) = (parse.GetValue(privateKey)!, parse.GetValue(publicKey)!);
            var sha256 = SnapshotKey.CreatePair(privatePath, publicPath);
            await output.WriteLineAsync($"key {SnapshotKey.ShortName(sha256)} ({SnapshotKey.Algorithm}) written: private key {privatePath} (signs: keep it secret), "
                + $"public key {publicPath} (checks: give it to whoever restores)");
            return 0;
        }));
        return command;
    }
}
