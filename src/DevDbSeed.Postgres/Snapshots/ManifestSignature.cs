using System.Formats.Tar;
using System.Text.Encodings.Web;
using System.Text.Json;
using DevDbSeed.Errors;
using DevDbSeed.Snapshots;

namespace DevDbSeed.Postgres.Snapshots;

/// <summary>
/// <c>manifest.sig</c>, the entry after <c>manifest.sha256</c> in a signed snapshot file, one JSON object:
/// <c>{"algorithm":"ecdsa-p256-sha256","public_key_sha256":"…","signature":"…"}</c>. The signature (base64) is the
/// DER-encoded ECDSA P-256 signature of the SHA-256 of the exact bytes of <c>manifest.json</c> (<see cref="SnapshotKey"/>),
/// as <c>openssl dgst -sha256 -sign</c> writes it; <c>public_key_sha256</c> names the signing key, so that a refusal can
/// tell "signed with another key" from "changed after signing" (the verdict itself is always the signature's).
/// </summary>
internal static class ManifestSignature
{
    public const string EntryName = "manifest.sig";

    /// <summary>The only algorithm this version signs and checks with.</summary>
    public const string Algorithm = "ecdsa-p256-sha256";

    private const int MaxBytes = 4096;

    /// <summary>The entry that signs <paramref name="manifest"/> with <paramref name="key"/>; its stream is the caller's to dispose.</summary>
    public static PaxTarEntry Entry(byte[] manifest, SnapshotKey key)
    {
        var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartObject();
            json.WriteString("algorithm", Algorithm);
            json.WriteString("public_key_sha256", key.Sha256);
            json.WriteString("signature", Convert.ToBase64String(key.Sign(manifest)));
            json.WriteEndObject();
        }

        buffer.Position = 0;
        return new PaxTarEntry(TarEntryType.RegularFile, EntryName) { DataStream = buffer };
    }

    /// <summary>Whether <paramref name="entry"/> is the signature entry.</summary>
    public static bool Is(TarEntry? entry) => entry?.Name == EntryName;

    /// <summary>
    /// What the signature of <paramref name="file"/> (<paramref name="entry"/>, null when unsigned) says of the exact
    /// <paramref name="manifest"/> bytes, checked with <paramref name="key"/> when one is given. With a key, an unsigned
    /// file, another key's signature or a manifest changed after signing is a <see cref="ConfigurationException"/> (exit 2).
    /// </summary>
    public static async Task<(SignatureCheck Check, string? KeySha256)> CheckAsync(TarEntry? entry, byte[] manifest, SnapshotKey? key, string file,
        CancellationToken cancellationToken)
    {
        if (entry is null)
        {
            return key is null ? (SignatureCheck.Unsigned, null)
                : throw new ConfigurationException($"{file} is not signed, but a signature checked with {key.Path} is required: refusing it");
        }

        if (entry.DataStream is null || entry.Length > MaxBytes)
        {
            throw new InvalidDataException($"{EntryName} is not a signature");
        }

        using var buffer = new MemoryStream();
        await entry.DataStream.CopyToAsync(buffer, cancellationToken);
        var (signer, signature) = Read(buffer.ToArray());
        if (key is null)
        {
            return (SignatureCheck.NotChecked, signer);
        }

        if (key.Verifies(manifest, signature))
        {
            return (SignatureCheck.Verified, key.Sha256);
        }

        throw new ConfigurationException(!string.Equals(signer, key.Sha256, StringComparison.OrdinalIgnoreCase)
            ? $"{file} was signed with another key ({SnapshotKey.ShortName(signer)}) than {key.Path} ({SnapshotKey.ShortName(key.Sha256)}): refusing it"
            : $"{file}: its manifest does not match the signature of {key.Path}'s key ({SnapshotKey.ShortName(key.Sha256)}): it was changed after signing; refusing it");
    }

    /// <summary>The signing key's SHA-256 and the signature an entry holds; an <see cref="InvalidDataException"/> when it holds none this version reads.</summary>
    private static (string Signer, byte[] Signature) Read(byte[] entry)
    {
        try
        {
            using var document = JsonDocument.Parse(entry);
            var root = document.RootElement;
            var algorithm = root.GetProperty("algorithm").GetString();
            if (algorithm != Algorithm)
            {
                throw new InvalidDataException($"{EntryName} is signed with {algorithm}, which this DevDbSeed does not check (it checks {Algorithm})");
            }

            var signer = root.GetProperty("public_key_sha256").GetString()!;
            if (signer.Length != 64 || !signer.All(char.IsAsciiHexDigit))
            {
                throw new FormatException("public_key_sha256 is not a SHA-256");
            }

            return (signer.ToLowerInvariant(), Convert.FromBase64String(root.GetProperty("signature").GetString()!));
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            throw new InvalidDataException($"{EntryName} is not a signature DevDbSeed wrote", e);
        }
    }
}
