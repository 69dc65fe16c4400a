namespace DevDbSeed.Verification;

/// <summary>What is verified: the new database a run just wrote, or a database that was there (<c>devdbseed verify</c>).</summary>
public enum VerifyScope
{
    /// <summary>Written by this run from the same snapshot: kept columns are the source's, byte for byte.</summary>
    NewDatabase,

    /// <summary>Anything may have happened to it since: every column is checked.</summary>
    ExistingDatabase,
}
