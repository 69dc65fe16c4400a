namespace DevDbSeed.Masking;

/// <summary>How a unique mapping keeps distinct originals apart.</summary>
public enum UniqueMethod
{
    /// <summary>Keyed digits in every text fake, as few as the rows need (<c>jane.doe4821@example.net</c>), with the fake's own variety.</summary>
    KeyedDigits,

    /// <summary>A keyed hash, long enough for the rows.</summary>
    KeyedHash,

    /// <summary>A keyed random value of many bits (a fake uuid).</summary>
    KeyedValue,

    /// <summary>Nothing in the values themselves: the new database is checked and collisions repaired.</summary>
    CheckedAfterLoad,
}
