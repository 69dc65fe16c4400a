namespace DevDbSeed.Running;

/// <summary>What <c>sample create</c> made: the database, its rows, and how long it took.</summary>
public sealed record SampleSummary(string Database, long Rows, TimeSpan Elapsed);
