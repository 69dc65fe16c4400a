namespace DevDbSeed.Masking;

/// <summary>How a unique mapping keeps distinct originals apart.</summary>
public enum UniqueMethod
{
    /// <summary>A keyed token in every text fake (up to 13 base-36 characters).</summary>
    KeyedToken,

    /// <summary>A keyed hash, long enough for the rows.</summary>
    KeyedHash,

    /// <summary>A keyed random value of many bits (a fake uuid).</summary>
    KeyedValue,

    /// <summary>Nothing in the values themselves: the new database is checked and collisions repaired.</summary>
    CheckedAfterLoad,
}
