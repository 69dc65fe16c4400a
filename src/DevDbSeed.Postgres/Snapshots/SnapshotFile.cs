using System.Formats.Tar;
using System.Security.Cryptography;
using System.Text;
using DevDbSeed.Errors;
using DevDbSeed.Journal;
using DevDbSeed.Snapshots;

namespace DevDbSeed.Postgres.Snapshots;

/// <summary>
/// The snapshot file: a tar holding <c>manifest.json</c> first, <c>manifest.sha256</c> (the manifest's own SHA-256)
/// second, <c>manifest.sig</c> when it is signed (<see cref="ManifestSignature"/>), then every part the manifest lists.
/// Writing replaces the output in one rename; reading checks the manifest against its SHA-256 (and its signature when a
/// key is given) and every part's size and SHA-256 against the manifest while it extracts them into a folder, so that a
/// file with any byte of its content changed, or truncated, is refused before anything is restored. (A changed manifest
/// with a matching new SHA-256 is a forgery only a signature can catch.)
/// </summary>
internal sealed class SnapshotFile
{
    private const int MaxManifestBytes = 64 * 1024 * 1024;
    private const string ManifestChecksum = "manifest.sha256";
    private readonly string _directory;

    private SnapshotFile(SnapshotManifest manifest, string directory, SignatureCheck signature, string? keySha256)
    {
        Manifest = manifest;
        _directory = directory;
        Signature = signature;
        KeySha256 = keySha256;
    }

    public SnapshotManifest Manifest { get; }

    /// <summary>What was found of the file's signature.</summary>
    public SignatureCheck Signature { get; }

    /// <summary>The SHA-256 of the public key that signed the file (as the file says, or the key that verified it); null when unsigned.</summary>
    public string? KeySha256 { get; }

    /// <summary>The extracted pg_dump archive.</summary>
    public string DataPath => Path.Combine(_directory, SnapshotManifest.DataPart);

    /// <summary>
    /// Writes the file (manifest, its SHA-256, its signature when <paramref name="signer"/> is given, then <paramref name="dump"/>
    /// as <see cref="SnapshotManifest.DataPart"/>) to <paramref name="path"/>, replacing it.
    /// </summary>
    public static void Write(string path, SnapshotManifest manifest, string dump, SnapshotKey? signer = null) => AtomicFile.Write(path, stream =>
    {
        using var tar = new TarWriter(stream, TarEntryFormat.Pax, leaveOpen: true);
        var json = new UTF8Encoding(false).GetBytes(manifest.ToJson());
        foreach (var (name, content) in new[] { (SnapshotManifest.EntryName, json), (ManifestChecksum, Encoding.ASCII.GetBytes(Convert.ToHexStringLower(SHA256.HashData(json)) + "\n")) })
        {
            using var data = new MemoryStream(content);
            tar.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, name) { DataStream = data });
        }

        if (signer is not null)
        {
            var signature = ManifestSignature.Entry(json, signer);
            using (signature.DataStream)
            {
                tar.WriteEntry(signature);
            }
        }

        tar.WriteEntry(dump, SnapshotManifest.DataPart);
    });

    /// <summary>
    /// Reads <paramref name="file"/>'s manifest, checks its signature with <paramref name="verifyKey"/> when one is given,
    /// and extracts and checks every part into <paramref name="directory"/> (an empty folder of the caller's, who deletes
    /// it); messages name the file <paramref name="name"/>. A <see cref="ConfigurationException"/> (exit 2) naming what is
    /// wrong when the file is not an intact snapshot, or not signed by that key.
    /// </summary>
    public static async Task<SnapshotFile> OpenAsync(string file, string name, string directory, SnapshotKey? verifyKey, CancellationToken cancellationToken)
    {
        if (!File.Exists(file))
        {
            throw new ConfigurationException($"snapshot file {name} does not exist");
        }

        try
        {
            return await ReadAsync(file, name, directory, verifyKey, cancellationToken);
        }
        catch (Exception e) when (e is EndOfStreamException or InvalidDataException or FormatException or IOException && e is not FileNotFoundException)
        {
            var why = e is EndOfStreamException ? "it ends early (truncated)" : e.Message;
            throw new ConfigurationException($"{name} is not an intact DevDbSeed snapshot: {why}", e);
        }
    }

    /// <summary>Deletes a temporary file; one that cannot be deleted is left (it is in the output's folder or a private one).</summary>
    internal static void TryDelete(string file)
    {
        try
        {
            File.Delete(file);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // left behind: a hidden .tmp file
        }
    }

    private static async Task<SnapshotFile> ReadAsync(string file, string name, string directory, SnapshotKey? verifyKey, CancellationToken cancellationToken)
    {
        await using var stream = File.OpenRead(file);
        await using var tar = new TarReader(stream);
        var first = await tar.GetNextEntryAsync(copyData: false, cancellationToken);
        if (first is null || first.Name != SnapshotManifest.EntryName || first.DataStream is null || first.Length > MaxManifestBytes)
        {
            throw new InvalidDataException($"its first entry is not {SnapshotManifest.EntryName}");
        }

        var json = await ReadAllAsync(first.DataStream, cancellationToken);
        var checksum = await tar.GetNextEntryAsync(copyData: false, cancellationToken);
        if (checksum is null || checksum.Name != ManifestChecksum || checksum.DataStream is null || checksum.Length > 1024)
        {
            throw new InvalidDataException($"its second entry is not {ManifestChecksum}");
        }

        if (!string.Equals(Encoding.ASCII.GetString(await ReadAllAsync(checksum.DataStream, cancellationToken)).Trim(),
                Convert.ToHexStringLower(SHA256.HashData(json)), StringComparison.Ordinal))
        {
            throw new InvalidDataException($"{SnapshotManifest.EntryName} SHA-256 differs from {ManifestChecksum}");
        }

        var entry = await tar.GetNextEntryAsync(copyData: false, cancellationToken);
        var signatureEntry = ManifestSignature.Is(entry) ? entry : null;
        var (signature, keySha256) = await ManifestSignature.CheckAsync(signatureEntry, json, verifyKey, name, cancellationToken);
        if (signatureEntry is not null)
        {
            entry = await tar.GetNextEntryAsync(copyData: false, cancellationToken);
        }

        var manifest = SnapshotManifest.Parse(new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(json), name);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (; entry is not null; entry = await tar.GetNextEntryAsync(copyData: false, cancellationToken))
        {
            if (entry.DataStream is null || !seen.Add(entry.Name) || manifest.Parts.All(p => p.Name != entry.Name))
            {
                throw new InvalidDataException($"it holds {entry.Name}, which its manifest does not list");
            }

            var (bytes, sha256) = await ExtractAsync(entry.DataStream, Path.Combine(directory, Path.GetFileName(entry.Name)), cancellationToken);
            if (manifest.Mismatch(entry.Name, bytes, sha256) is { } mismatch)
            {
                throw new InvalidDataException(mismatch);
            }
        }

        if (manifest.Parts.FirstOrDefault(p => !seen.Contains(p.Name)) is { } missing)
        {
            throw new InvalidDataException($"{missing.Name} is missing");
        }

        if (!seen.Contains(SnapshotManifest.DataPart))
        {
            throw new InvalidDataException($"it holds no {SnapshotManifest.DataPart}");
        }

        return new SnapshotFile(manifest, directory, signature, keySha256);
    }

    private static async Task<byte[]> ReadAllAsync(Stream data, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        await data.CopyToAsync(buffer, cancellationToken);
        return buffer.ToArray();
    }

    /// <summary>Copies an entry to <paramref name="path"/>, counting and hashing it on the way.</summary>
    private static async Task<(long Bytes, string Sha256)> ExtractAsync(Stream data, string path, CancellationToken cancellationToken)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        await using var output = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None);
        var buffer = new byte[1 << 16];
        long bytes = 0;
        int read;
        while ((read = await data.ReadAsync(buffer, cancellationToken)) > 0)
        {
            hash.AppendData(buffer, 0, read);
            await output.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
            bytes += read;
        }

        return (bytes, Convert.ToHexStringLower(hash.GetHashAndReset()));
    }
}
