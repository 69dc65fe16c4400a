namespace DevDbSeed.Snapshots;

/// <summary>What a restore found of a snapshot's signature.</summary>
public enum SignatureCheck
{
    /// <summary>The file holds no signature (and no key was given to check one).</summary>
    Unsigned,

    /// <summary>The file is signed, but no key was given to check the signature with.</summary>
    NotChecked,

    /// <summary>The signature verifies with the key given: the manifest is the one its owner signed.</summary>
    Verified,
}
