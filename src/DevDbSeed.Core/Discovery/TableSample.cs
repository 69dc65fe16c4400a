using DevDbSeed.Catalog;
using DevDbSeed.Detection;

namespace DevDbSeed.Discovery;

/// <summary>The content profiles of a table's columns, from a bounded sample of its rows (read-only).</summary>
/// <param name="Table">The table sampled (for partitions: the partitioned root, read through its partitions).</param>
/// <param name="Text">Per profiled text or array column, what its sampled values hold.</param>
/// <param name="Json">Per JSON column, what its sampled documents hold, member by member.</param>
/// <param name="Rows">How many rows were read.</param>
public sealed record TableSample(TableInfo Table, IReadOnlyDictionary<string, ContentProfile> Text, IReadOnlyDictionary<string, JsonProfile> Json, int Rows);
