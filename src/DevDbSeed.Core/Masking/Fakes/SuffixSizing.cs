namespace DevDbSeed.Masking.Fakes;

/// <summary>
/// How one generator's unique fakes carry their keyed digits (<see cref="UniqueSuffix"/>): how many digits keep a
/// column's rows apart, how many a column of some length holds beside the fake, and how many bits of distinctness the
/// digits and the fake's own variety give together (bits = digits · log2 10 + log2 V).
/// </summary>
/// <param name="key">Names the generator and its locale data, for the variety cache (a rule's canonical text).</param>
/// <param name="create">Makes an instance of the generator.</param>
public sealed class SuffixSizing(string key, Func<FakeGenerator> create)
{
    private readonly Lazy<(int MinLength, int Overhead)> _shape = new(() =>
    {
        var generator = create();
        return (generator.MinLength, generator.SuffixOverhead);
    });

    /// <summary>The fewest characters a column needs for a unique fake: the shortest fake, its separator and <see cref="UniqueSuffix.MinDigits"/>.</summary>
    public int MinChars => _shape.Value.MinLength + _shape.Value.Overhead + UniqueSuffix.MinDigits;

    /// <summary>The most digits a column of <paramref name="maxChars"/> holds beside the shortest fake (at least one).</summary>
    public int MaxDigitsIn(int? maxChars) => maxChars is { } max
        ? Math.Clamp(max - _shape.Value.MinLength - _shape.Value.Overhead, 1, UniqueSuffix.MaxDigits)
        : UniqueSuffix.MaxDigits;

    /// <summary>
    /// The digits that keep <paramref name="rows"/> values of <paramref name="maxChars"/> characters apart, as
    /// <see cref="UniqueSuffix.DigitsFor"/> chooses them; no rows (a table never analysed shows none) count as
    /// <see cref="UniqueSuffix.DefaultRows"/>.
    /// </summary>
    public int DigitsFor(long rows, int? maxChars) =>
        UniqueSuffix.DigitsFor(rows <= 0 ? UniqueSuffix.DefaultRows : rows, MaxDigitsIn(maxChars), digits => Variety(digits, maxChars));

    /// <summary>
    /// The digits a transformer writes: the mapping's, as the plan sized them for the rows of its columns (sized for
    /// <see cref="UniqueSuffix.DefaultRows"/> when the plan did not), as many as the column holds.
    /// </summary>
    public int DigitsIn(TransformerContext context, string canonical) =>
        Math.Min(context.UniqueRules?.SuffixDigitsOf(canonical) ?? DigitsFor(UniqueSuffix.DefaultRows, context.MaxLength), MaxDigitsIn(context.MaxLength));

    /// <summary>The digits a column holds: its mapping's as the plan sized them (or sized for its own rows), as many as fit.</summary>
    public int DigitsIn(ColumnFit column) =>
        Math.Min(column.SuffixDigits ?? DigitsFor(column.EstimatedRows, column.MaxLength), MaxDigitsIn(column.MaxLength));

    /// <summary>The distinctness of unique fakes in <paramref name="column"/>, with the digits it holds.</summary>
    public double Bits(ColumnFit column) => Bits(DigitsIn(column), column.MaxLength);

    /// <summary>The distinctness of fakes with <paramref name="digits"/> digits in <paramref name="maxChars"/> characters: digits · log2 10 + log2 V.</summary>
    public double Bits(int digits, int? maxChars) => UniqueSuffix.Bits(digits) + Math.Log2(Variety(digits, maxChars));

    /// <summary>The characters a fake has beside <paramref name="digits"/> digits in a column of <paramref name="maxChars"/>.</summary>
    public int? Room(int digits, int? maxChars) => maxChars - digits - _shape.Value.Overhead;

    /// <summary>The effective variety of the fakes (<see cref="FakeVariety"/>) fitted beside <paramref name="digits"/> digits.</summary>
    private double Variety(int digits, int? maxChars) => FakeVariety.Of(key, create, Room(digits, maxChars));
}
