using System.Security.Cryptography;
using System.Text;
using DevDbSeed.Errors;
using DevDbSeed.Snapshots;

namespace DevDbSeed.Tests.Snapshots;

/// <summary>The keys that sign snapshots: P-256 from PEM files, and nothing else, each refusal one line saying what the file holds.</summary>
public sealed class SnapshotKeyTests : IDisposable
{
    private static readonly byte[] Manifest = Encoding.UTF8.GetBytes("{\"format_version\": 1}");
    private readonly string _folder = Directory.CreateTempSubdirectory("devdbseed-keys-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void A_pair_made_by_key_create_signs_and_verifies_and_both_halves_have_the_same_name()
    {
        var (privatePath, publicPath) = (Path.Combine(_folder, "k.pem"), Path.Combine(_folder, "p.pem"));

        var sha256 = SnapshotKey.CreatePair(privatePath, publicPath);
        using var signer = SnapshotKey.LoadPrivate(privatePath);
        using var checker = SnapshotKey.LoadPublic(publicPath);

        Assert.Equal(sha256, signer.Sha256);
        Assert.Equal(sha256, checker.Sha256);
        Assert.Matches("^[0-9a-f]{64}$", sha256);
        Assert.StartsWith("-----BEGIN PRIVATE KEY-----", File.ReadAllText(privatePath), StringComparison.Ordinal);
        Assert.StartsWith("-----BEGIN PUBLIC KEY-----", File.ReadAllText(publicPath), StringComparison.Ordinal);
        Assert.True(checker.Verifies(Manifest, signer.Sign(Manifest)));
        Assert.False(checker.Verifies([.. Manifest, (byte)' '], signer.Sign(Manifest)));
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(privatePath));
        }
    }

    [Fact]
    public void Key_create_never_replaces_an_existing_file()
    {
        var (privatePath, publicPath) = (Path.Combine(_folder, "k.pem"), Path.Combine(_folder, "p.pem"));
        File.WriteAllText(publicPath, "the only copy");

        var refused = Assert.Throws<ConfigurationException>(() => SnapshotKey.CreatePair(privatePath, publicPath));

        Assert.Equal($"{publicPath} exists: refusing to replace a key (remove it first)", refused.Message);
        Assert.False(File.Exists(privatePath));
        Assert.Equal("the only copy", File.ReadAllText(publicPath));
    }

    [Fact]
    public void A_sec1_private_key_signs_like_a_pkcs8_one()
    {
        using var ecdsa = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var sec1 = SnapshotKey.LoadPrivate(Write("sec1.pem", "-----BEGIN EC PARAMETERS-----\nBggqhkjOPQMBBw==\n-----END EC PARAMETERS-----\n" + ecdsa.ExportECPrivateKeyPem()));
        using var pkcs8 = SnapshotKey.LoadPrivate(Write("pkcs8.pem", ecdsa.ExportPkcs8PrivateKeyPem()));
        using var checker = SnapshotKey.LoadPublic(Write("pub.pem", ecdsa.ExportSubjectPublicKeyInfoPem()));

        Assert.Equal(checker.Sha256, sec1.Sha256);
        Assert.True(checker.Verifies(Manifest, sec1.Sign(Manifest)));
        Assert.True(checker.Verifies(Manifest, pkcs8.Sign(Manifest)));
    }

    [Fact]
    public void A_key_on_another_curve_is_refused_naming_the_curve()
    {
        using var p384 = ECDsa.Create(ECCurve.NamedCurves.nistP384);
        var path = Write("p384.pem", p384.ExportPkcs8PrivateKeyPem());

        var refused = Assert.Throws<ConfigurationException>(() => SnapshotKey.LoadPrivate(path));

        Assert.Equal($"{path} holds an ECDSA key on P-384 (secp384r1) (384 bits): snapshots are signed with P-256 (prime256v1) only", refused.Message);
    }

    [Fact]
    public void An_rsa_key_is_refused()
    {
        using var rsa = RSA.Create(2048);
        var path = Write("rsa.pem", rsa.ExportPkcs8PrivateKeyPem());

        var refused = Assert.Throws<ConfigurationException>(() => SnapshotKey.LoadPrivate(path));

        Assert.StartsWith($"{path} holds a PRIVATE KEY that is not an ECDSA key (", refused.Message, StringComparison.Ordinal);
        Assert.EndsWith("): --sign needs an ECDSA P-256 private key (PEM: PRIVATE KEY or EC PRIVATE KEY)", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Each_half_of_a_pair_is_refused_where_the_other_is_needed()
    {
        using var ecdsa = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var (privatePath, publicPath) = (Write("k.pem", ecdsa.ExportPkcs8PrivateKeyPem()), Write("p.pem", ecdsa.ExportSubjectPublicKeyInfoPem()));

        Assert.Equal($"{publicPath} holds PUBLIC KEY: --sign needs an ECDSA P-256 private key (PEM: PRIVATE KEY or EC PRIVATE KEY)",
            Assert.Throws<ConfigurationException>(() => SnapshotKey.LoadPrivate(publicPath)).Message);
        Assert.Equal($"{privatePath} holds PRIVATE KEY: --verify-key needs an ECDSA P-256 public key (PEM: PUBLIC KEY)",
            Assert.Throws<ConfigurationException>(() => SnapshotKey.LoadPublic(privatePath)).Message);
    }

    [Fact]
    public void An_encrypted_key_a_file_without_pem_and_a_missing_file_are_refused_with_one_line_each()
    {
        using var ecdsa = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var encrypted = Write("enc.pem", ecdsa.ExportEncryptedPkcs8PrivateKeyPem("pw", new PbeParameters(PbeEncryptionAlgorithm.Aes256Cbc, HashAlgorithmName.SHA256, 1000)));
        var text = Write("text.pem", "not a key");
        var missing = Path.Combine(_folder, "missing.pem");

        Assert.Equal($"{encrypted} holds an encrypted private key: --sign needs an ECDSA P-256 private key (PEM: PRIVATE KEY or EC PRIVATE KEY), unencrypted (openssl pkcs8 -topk8 -nocrypt)",
            Assert.Throws<ConfigurationException>(() => SnapshotKey.LoadPrivate(encrypted)).Message);
        Assert.Equal($"{text} holds no PEM block: --verify-key needs an ECDSA P-256 public key (PEM: PUBLIC KEY)",
            Assert.Throws<ConfigurationException>(() => SnapshotKey.LoadPublic(text)).Message);
        Assert.StartsWith($"cannot read the key {missing}: ", Assert.Throws<ConfigurationException>(() => SnapshotKey.LoadPublic(missing)).Message, StringComparison.Ordinal);
    }

    private string Write(string name, string text)
    {
        var path = Path.Combine(_folder, name);
        File.WriteAllText(path, text);
        return path;
    }
}
