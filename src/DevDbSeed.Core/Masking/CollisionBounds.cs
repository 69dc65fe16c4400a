namespace DevDbSeed.Masking;

/// <summary>
/// When a unique mapping's own distinctness is enough: whether its values could collide at all (then the new database is
/// checked after the load), and whether it has room to keep a column's rows apart (otherwise the plan refuses it).
/// </summary>
public static class CollisionBounds
{
    /// <summary>
    /// Whether a mapping with <paramref name="bits"/> of distinctness could collide among <paramref name="rows"/>
    /// values with a chance above one in a million (the birthday bound): then the new database is checked.
    /// </summary>
    public static bool MayCollide(double bits, long rows) =>
        bits <= 0 || Math.Pow(Math.Max(rows, 1), 2) / Math.Pow(2, bits + 1) > 1e-6;

    /// <summary>
    /// Whether a mapping with <paramref name="bits"/> of distinctness comfortably separates <paramref name="rows"/> values:
    /// 2^bits ≥ 16 × rows, the one criterion planning refuses unique mappings by (compared as logarithms, with room
    /// for rounding, so that 10^6 values count as 10^6 whether the bits came from digits or from a count).
    /// </summary>
    public static bool BitsAreEnoughFor(double bits, long rows) => bits + 1e-9 >= 4 + Math.Log2(Math.Max(rows, 1));
}
