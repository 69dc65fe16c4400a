using System.Formats.Tar;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using DevDbSeed.IntegrationTests.Infrastructure;

namespace DevDbSeed.IntegrationTests.Snapshots;

/// <summary>
/// <c>snapshot create --sign</c> signs the manifest; <c>snapshot restore --verify-key</c> restores only a file whose
/// signature verifies with that public key, and refuses an unsigned file, another key's file and a manifest changed
/// after signing before anything is created.
/// </summary>
public sealed class SnapshotSignatureTests(PublishedSnapshot published) : IClassFixture<PublishedSnapshot>
{
    private TestDatabases Databases => published.Databases;

    [Fact]
    public async Task A_signed_snapshot_restores_when_its_signature_verifies_with_the_public_key()
    {
        var laptop = Databases.Name("laptop");

        var result = await Devdbseed.RunAsync("snapshot", "restore", published.Signed, "--target", Databases.Uri(laptop), "--verify-key", published.PublicKey);

        Outputs.ExitCode(0, result);
        Outputs.Mentions(result, $"checked {published.Signed}: manifest and ");
        Outputs.Mentions(result, "signature verified with key sha256:");
        Outputs.Mentions(result, "; signature verified");
        Assert.Equal(await Databases.TableHashesAsync(published.Masked), await Databases.TableHashesAsync(laptop));
        Assert.Equal((await Databases.MarkOfAsync(published.Masked))!.ToJson(), (await Databases.MarkOfAsync(laptop))!.ToJson());
    }

    [Fact]
    public async Task A_signed_file_holds_the_signature_after_the_manifests_checksum_and_names_the_key_that_made_it()
    {
        var entries = Entries(published.Signed);
        using var publicKey = ECDsa.Create();
        publicKey.ImportFromPem(await File.ReadAllTextAsync(published.PublicKey));
        using var signature = JsonDocument.Parse(entries["manifest.sig"]);

        Assert.Equal(["manifest.json", "manifest.sha256", "manifest.sig", "data.dump"], entries.Keys);
        Assert.Equal("ecdsa-p256-sha256", signature.RootElement.GetProperty("algorithm").GetString());
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(publicKey.ExportSubjectPublicKeyInfo())), signature.RootElement.GetProperty("public_key_sha256").GetString());
        Assert.True(publicKey.VerifyData(entries["manifest.json"], Convert.FromBase64String(signature.RootElement.GetProperty("signature").GetString()!),
            HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence));
    }

    [Fact]
    public async Task A_signed_snapshot_restores_without_a_key_and_says_that_its_signature_was_not_checked()
    {
        var laptop = Databases.Name("laptop");

        var result = await Devdbseed.RunAsync("snapshot", "restore", published.Signed, "--target", Databases.Uri(laptop));

        Outputs.ExitCode(0, result);
        Outputs.Mentions(result, "signature not checked (no --verify-key)");
        Assert.Equal(await Databases.TableHashesAsync(published.Masked), await Databases.TableHashesAsync(laptop));
    }

    [Fact]
    public async Task An_unsigned_snapshot_is_refused_when_a_key_is_given() =>
        await AssertRefusedAsync(published.Unsigned, published.PublicKey, $"{published.Unsigned} is not signed, but a signature checked with {published.PublicKey} is required");

    [Fact]
    public async Task A_snapshot_signed_with_another_key_is_refused() =>
        await AssertRefusedAsync(published.Signed, published.OtherPublicKey, $"{published.Signed} was signed with another key (sha256:");

    [Fact]
    public async Task A_manifest_changed_after_signing_is_refused_even_with_its_checksum_changed_to_match()
    {
        var forged = Path.Combine(published.NewFolder(), "forged.devdbseed");
        var entries = Entries(published.Signed);
        var manifest = Encoding.UTF8.GetString(entries["manifest.json"]).Replace("\"tool_version\"", "\"Tool_version\"", StringComparison.Ordinal);
        entries["manifest.json"] = Encoding.UTF8.GetBytes(manifest);
        entries["manifest.sha256"] = Encoding.ASCII.GetBytes(Convert.ToHexStringLower(SHA256.HashData(entries["manifest.json"])) + "\n");
        WriteTar(forged, entries);

        await AssertRefusedAsync(forged, published.PublicKey, $"{forged}: its manifest does not match the signature of {published.PublicKey}'s key (sha256:");
    }

    [Theory]
    [InlineData("p384", "holds an ECDSA key on P-384 (secp384r1) (384 bits): snapshots are signed with P-256 (prime256v1) only")]
    [InlineData("rsa", "holds a PRIVATE KEY that is not an ECDSA key")]
    [InlineData("public", "holds PUBLIC KEY: --sign needs an ECDSA P-256 private key")]
    public async Task A_signing_key_that_is_not_a_p256_private_key_is_refused_with_exit_2_and_no_file(string kind, string message)
    {
        var folder = published.NewFolder();
        var key = Path.Combine(folder, kind + ".pem");
        await File.WriteAllTextAsync(key, kind switch
        {
            "p384" => ECDsa.Create(ECCurve.NamedCurves.nistP384).ExportPkcs8PrivateKeyPem(),
            "rsa" => RSA.Create(2048).ExportPkcs8PrivateKeyPem(),
            _ => await File.ReadAllTextAsync(published.PublicKey),
        });

        var result = await Devdbseed.RunAsync("snapshot", "create", "--from", Databases.Uri(published.Masked), "--output", Path.Combine(folder, "out.devdbseed"), "--sign", key);

        Outputs.ExitCode(2, result);
        Outputs.Mentions(result, $"error: {key} {message}");
        Outputs.NoStackTrace(result);
        Assert.Equal([key], Directory.GetFiles(folder));
    }

    [Fact]
    public async Task A_sec1_key_as_openssl_ecparam_writes_it_signs_too()
    {
        var folder = published.NewFolder();
        var (key, pub, file) = (Path.Combine(folder, "sec1.pem"), Path.Combine(folder, "sec1.pub.pem"), Path.Combine(folder, "sec1.devdbseed"));
        using (var ecdsa = ECDsa.Create(ECCurve.NamedCurves.nistP256))
        {
            await File.WriteAllTextAsync(key, ecdsa.ExportECPrivateKeyPem());
            await File.WriteAllTextAsync(pub, ecdsa.ExportSubjectPublicKeyInfoPem());
        }

        Outputs.ExitCode(0, await Devdbseed.RunAsync("snapshot", "create", "--from", Databases.Uri(published.Masked), "--output", file, "--sign", key));
        var result = await Devdbseed.RunAsync("snapshot", "restore", file, "--target", Databases.Uri(Databases.Name("laptop")), "--verify-key", pub);

        Outputs.ExitCode(0, result);
        Outputs.Mentions(result, "signature verified with key sha256:");
    }

    [Fact]
    public async Task Create_with_log_format_json_ends_with_one_snapshot_created_object_saying_it_is_signed()
    {
        var file = Path.Combine(published.NewFolder(), "json.devdbseed");

        var result = await Devdbseed.RunAsync("snapshot", "create", "--from", Databases.Uri(published.Masked), "--output", file, "--sign", published.PrivateKey,
            "--log-format", "json");

        Outputs.ExitCode(0, result);
        Outputs.AllJsonObjects(result);
        var lines = result.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(["command_started", "snapshot_signed", "snapshot_created"], lines.Select(l => JsonDocument.Parse(l).RootElement.GetProperty("event").GetString()));
        using var last = JsonDocument.Parse(lines[^1]);
        Assert.Equal(
            ["time", "level", "event", "message", "path", "signed", "key_sha256", "tables", "rows", "bytes", "source", "made_at", "created_at"],
            last.RootElement.EnumerateObject().Select(p => p.Name));
        Assert.Equal(file, last.RootElement.GetProperty("path").GetString());
        Assert.True(last.RootElement.GetProperty("signed").GetBoolean());
        Assert.Equal(300, last.RootElement.GetProperty("rows").GetInt64());
    }

    /// <summary>The file is refused (exit 2) before anything is created: the target (the masked copy itself) and the server's databases are as they were.</summary>
    private async Task AssertRefusedAsync(string file, string key, string message)
    {
        var before = await Databases.StateAsync(published.Masked);
        var databases = await Databases.OursAsync();

        var result = await Devdbseed.RunAsync("snapshot", "restore", file, "--target", Databases.Uri(published.Masked), "--verify-key", key);

        Outputs.ExitCode(2, result);
        Outputs.Mentions(result, message);
        Outputs.NoStackTrace(result);
        Assert.Equal(before, await Databases.StateAsync(published.Masked));
        Assert.Equal(databases, await Databases.OursAsync());
    }

    /// <summary>The file's entries, in order, with their bytes.</summary>
    private static OrderedDictionary<string, byte[]> Entries(string file)
    {
        var entries = new OrderedDictionary<string, byte[]>(StringComparer.Ordinal);
        using var tar = new TarReader(File.OpenRead(file));
        while (tar.GetNextEntry() is { } entry)
        {
            using var content = new MemoryStream();
            entry.DataStream?.CopyTo(content);
            entries.Add(entry.Name, content.ToArray());
        }

        return entries;
    }

    private static void WriteTar(string file, OrderedDictionary<string, byte[]> entries)
    {
        using var stream = File.Create(file);
        using var tar = new TarWriter(stream, TarEntryFormat.Pax);
        foreach (var (name, content) in entries)
        {
            tar.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, name) { DataStream = new MemoryStream(content) });
        }
    }
}
