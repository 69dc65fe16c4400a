using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;

namespace DevDbSeed.Masking;

/// <summary>
/// Derives one 32-byte key per rule from the masking secret: HMAC-SHA256(secret, "devdbseed/v1/" + canonical rule).
/// Two rules with the same canonical text (the same transformer and parameters) share a key, so the same
/// original value gets the same fake in every table, column and run.
/// </summary>
public sealed class MaskingKeys
{
    private const string Domain = "devdbseed/v1/";

    private readonly byte[] _secret;
    private readonly ConcurrentDictionary<string, byte[]> _keys = new(StringComparer.Ordinal);

    private MaskingKeys(byte[] secret, bool isRandom)
    {
        _secret = secret;
        IsRandom = isRandom;
    }

    /// <summary>True when no secret was configured and this run uses a random one: fakes differ from other runs.</summary>
    public bool IsRandom { get; }

    public static MaskingKeys FromSecret(string secret)
    {
        ArgumentException.ThrowIfNullOrEmpty(secret);
        return new MaskingKeys(Encoding.UTF8.GetBytes(secret), isRandom: false);
    }

    public static MaskingKeys Random() => new(RandomNumberGenerator.GetBytes(32), isRandom: true);

    /// <summary>The key of a rule, from its canonical description.</summary>
    public byte[] For(string canonicalRule) =>
        _keys.GetOrAdd(canonicalRule, static (rule, secret) => HMACSHA256.HashData(secret, Encoding.UTF8.GetBytes(Domain + rule)), _secret);

    /// <summary>Never print the secret: this type's text says only whether one is set.</summary>
    public override string ToString() => IsRandom ? "random key for this run" : "configured secret";
}
