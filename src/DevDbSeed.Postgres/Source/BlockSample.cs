using System.Globalization;

namespace DevDbSeed.Postgres.Source;

/// <summary>
/// A cheap, repeatable sample of a big table (<c>TABLESAMPLE SYSTEM</c>: whole blocks, no full scan), sized to yield
/// about twenty times the rows wanted; small tables are read whole.
/// </summary>
public static class BlockSample
{
    /// <summary>The TABLESAMPLE clause for a table of <paramref name="rows"/> rows when about <paramref name="wanted"/> are wanted; empty when not worth it.</summary>
    public static string Clause(long rows, int wanted) =>
        rows > wanted * 20L
            ? $" TABLESAMPLE SYSTEM ({Math.Max(0.01, Math.Min(100, wanted * 400.0 / rows)).ToString("0.####", CultureInfo.InvariantCulture)}) REPEATABLE (20261127)"
            : string.Empty;
}
