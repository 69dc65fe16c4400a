using System.Security.Cryptography;
using DevDbSeed.Errors;

namespace DevDbSeed.Snapshots;

/// <summary>
/// An ECDSA P-256 key that signs a snapshot's manifest (the private key, <c>snapshot create --sign</c>) or checks that
/// signature (the public key, <c>snapshot restore --verify-key</c>), read from a PEM file with .NET's own cryptography.
/// The signature is ECDSA over the SHA-256 of the exact bytes of <c>manifest.json</c>, DER-encoded as
/// <c>openssl dgst -sha256 -sign</c> writes it, so that <c>openssl dgst -sha256 -verify PUB.pem -signature manifest.sig
/// manifest.json</c> checks it too. A key is named by <see cref="Sha256"/>, the SHA-256 of its public key
/// (SubjectPublicKeyInfo, DER), so a message can tell one key from another without showing either.
/// </summary>
public sealed class SnapshotKey : IDisposable
{
    /// <summary>How the manifest is signed, in words.</summary>
    public const string Algorithm = "ECDSA P-256 with SHA-256";

    private const string P256 = "1.2.840.10045.3.1.7";
    private static readonly string[] P256Names = ["nistP256", "ECDSA_P256", "secp256r1", "prime256v1"];
    private static readonly string[] PrivateLabels = ["PRIVATE KEY", "EC PRIVATE KEY"];
    private const string PublicLabel = "PUBLIC KEY";

    private readonly ECDsa _key;

    private SnapshotKey(ECDsa key, string path)
    {
        _key = key;
        Path = path;
        Sha256 = Convert.ToHexStringLower(SHA256.HashData(key.ExportSubjectPublicKeyInfo()));
    }

    /// <summary>The PEM file the key was read from.</summary>
    public string Path { get; }

    /// <summary>The SHA-256 of the public key (SubjectPublicKeyInfo, DER), lower-case hex: the same for the private key and its public key.</summary>
    public string Sha256 { get; }

    /// <summary><c>sha256:1a2b3c4d5e6f7a8b</c>: the key's short name in messages.</summary>
    public static string ShortName(string sha256) => $"sha256:{sha256[..Math.Min(16, sha256.Length)]}";

    /// <summary>
    /// Reads the private key that signs snapshots: PEM, PKCS#8 (<c>PRIVATE KEY</c>) or SEC1 (<c>EC PRIVATE KEY</c>), unencrypted,
    /// on P-256; anything else is a <see cref="ConfigurationException"/> (exit 2) saying what the file holds instead.
    /// </summary>
    public static SnapshotKey LoadPrivate(string path) => Load(path, PrivateLabels, "--sign needs an ECDSA P-256 private key (PEM: PRIVATE KEY or EC PRIVATE KEY)");

    /// <summary>Reads the public key that checks signatures: PEM SubjectPublicKeyInfo (<c>PUBLIC KEY</c>) on P-256; anything else is a <see cref="ConfigurationException"/>.</summary>
    public static SnapshotKey LoadPublic(string path) => Load(path, [PublicLabel], "--verify-key needs an ECDSA P-256 public key (PEM: PUBLIC KEY)");

    /// <summary>
    /// Makes a new P-256 key pair and writes it: the private key (PKCS#8 PEM, readable by its owner only) to
    /// <paramref name="privatePath"/>, the public key (SubjectPublicKeyInfo PEM) to <paramref name="publicPath"/>. An existing
    /// file is never replaced (a <see cref="ConfigurationException"/>): a signing key overwritten by mistake is lost for good.
    /// </summary>
    /// <returns>The key's <see cref="Sha256"/>.</returns>
    public static string CreatePair(string privatePath, string publicPath)
    {
        ArgumentException.ThrowIfNullOrEmpty(privatePath);
        ArgumentException.ThrowIfNullOrEmpty(publicPath);
        if (System.IO.Path.GetFullPath(privatePath) == System.IO.Path.GetFullPath(publicPath))
        {
            throw new ConfigurationException("the private and the public key cannot be written to the same file");
        }

        foreach (var file in new[] { privatePath, publicPath })
        {
            if (File.Exists(file))
            {
                throw new ConfigurationException($"{file} exists: refusing to replace a key (remove it first)");
            }
        }

        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        Create(privatePath, key.ExportPkcs8PrivateKeyPem(), UnixFileMode.UserRead | UnixFileMode.UserWrite);
        try
        {
            Create(publicPath, key.ExportSubjectPublicKeyInfoPem(),
                UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        }
        catch
        {
            File.Delete(privatePath);
            throw;
        }

        return Convert.ToHexStringLower(SHA256.HashData(key.ExportSubjectPublicKeyInfo()));
    }

    /// <summary>The signature of <paramref name="manifest"/> (the exact bytes of manifest.json), DER-encoded.</summary>
    public byte[] Sign(ReadOnlySpan<byte> manifest) =>
        _key.SignData(manifest, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence);

    /// <summary>Whether <paramref name="signature"/> (DER) is this key's signature of exactly <paramref name="manifest"/>.</summary>
    public bool Verifies(ReadOnlySpan<byte> manifest, ReadOnlySpan<byte> signature) =>
        _key.VerifyData(manifest, signature, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence);

    public void Dispose() => _key.Dispose();

    private static SnapshotKey Load(string path, string[] labels, string needs)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ConfigurationException($"cannot read the key {path}: {e.Message}", e);
        }

        var found = Labels(text);
        var label = found.FirstOrDefault(labels.Contains);
        if (label is null && found.Contains("ENCRYPTED PRIVATE KEY"))
        {
            throw new ConfigurationException($"{path} holds an encrypted private key: {needs}, unencrypted (openssl pkcs8 -topk8 -nocrypt)");
        }

        if (label is null)
        {
            var holds = found.Count == 0 ? "no PEM block" : string.Join(", ", found);
            throw new ConfigurationException($"{path} holds {holds}: {needs}");
        }

        var key = ECDsa.Create();
        try
        {
            key.ImportFromPem(text);
            RequireP256(key, path);
            return new SnapshotKey(key, path);
        }
        catch (Exception e) when (e is CryptographicException or ArgumentException)
        {
            key.Dispose();
            throw new ConfigurationException($"{path} holds a {label} that is not an ECDSA key ({e.Message.TrimEnd('.')}): {needs}", e);
        }
        catch
        {
            key.Dispose();
            throw;
        }
    }

    private static void RequireP256(ECDsa key, string path)
    {
        var curve = key.ExportParameters(includePrivateParameters: false).Curve;
        if (curve.IsNamed && (curve.Oid.Value == P256 || P256Names.Contains(curve.Oid.FriendlyName, StringComparer.OrdinalIgnoreCase)))
        {
            return;
        }

        var name = !curve.IsNamed ? "explicit curve parameters" : curve.Oid.Value switch
        {
            "1.3.132.0.34" => "P-384 (secp384r1)",
            "1.3.132.0.35" => "P-521 (secp521r1)",
            "1.3.132.0.10" => "secp256k1",
            _ => curve.Oid.FriendlyName ?? curve.Oid.Value,
        };
        throw new ConfigurationException($"{path} holds an ECDSA key on {name} ({key.KeySize} bits): snapshots are signed with P-256 (prime256v1) only");
    }

    /// <summary>The labels of the PEM blocks in <paramref name="text"/>, in order.</summary>
    private static List<string> Labels(string text)
    {
        var labels = new List<string>();
        var rest = text.AsSpan();
        while (PemEncoding.TryFind(rest, out var fields))
        {
            labels.Add(rest[fields.Label].ToString());
            rest = rest[fields.Location.End..];
        }

        return labels;
    }

    private static void Create(string path, string pem, UnixFileMode mode)
    {
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = mode;
        }

        try
        {
            using var file = new StreamWriter(path, new System.Text.UTF8Encoding(false), options);
            file.Write(pem);
            file.Write('\n');
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ConfigurationException($"cannot write {path}: {e.Message}", e);
        }
    }
}
