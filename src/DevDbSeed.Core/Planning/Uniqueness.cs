using DevDbSeed.Masking;

namespace DevDbSeed.Planning;

/// <summary>How a unique masked column stays unique, decided once by the planner for the report, the run's guard and check.</summary>
/// <param name="Method">What keeps values apart.</param>
/// <param name="Bits">The distinctness bits of the digits and fake, hash or value (0 when unknown).</param>
/// <param name="Checked">
/// The new database is checked for collisions in this column before its indexes are built, and collisions repaired: the
/// column itself must hold distinct values (a unique key or <c>unique: true</c>) and its mapping could collide among its
/// rows with a chance above one in a million (a table that shows no rows, never analysed, counts as a million).
/// </param>
/// <param name="Digits">For keyed digits: how many the column's fakes carry.</param>
public sealed record Uniqueness(UniqueMethod Method, double Bits, bool Checked, int Digits = 0)
{
    /// <summary>One line for plans and reports.</summary>
    public string Describe(string? follows)
    {
        var how = Method switch
        {
            UniqueMethod.KeyedDigits => $"keyed {Digits}-digit suffix ({Bits:0} bits with the fake's own variety)",
            UniqueMethod.KeyedHash => $"keyed hash ({Bits:0} bits)",
            UniqueMethod.KeyedValue => $"keyed {Bits:0}-bit value",
            _ => null,
        };
        var check = Checked ? "checked after the load, collisions repaired"
            : Method != UniqueMethod.CheckedAfterLoad ? null
            : follows is null ? "the same mapping as the columns it must stay unique with, checked there" : $"the same mapping as {follows}, checked there";
        return string.Join("; ", new[] { how, check }.Where(p => p is not null));
    }
}
