using DevDbSeed.Configuration;

namespace DevDbSeed.Verification;

/// <summary>
/// Collects the distinct originals verification looks for, from the values of the masked columns read from the source:
/// whole values, or what each rule masks inside them (JSON members, array elements, items in text), up to
/// <see cref="VerifyOptions.SamplePerColumn"/> per origin. Values shorter than <see cref="VerifyOptions.MinLength"/>
/// are too common to identify anyone.
/// </summary>
public sealed class OriginalsCollector(VerifyOptions options)
{
    private readonly Dictionary<Origin, HashSet<string>> _seen = [];

    /// <summary>How many originals each origin collects at most.</summary>
    private int Wanted => options.SamplePerColumn;

    /// <summary>What takes the values of one table's columns (in the order of <see cref="OriginalsOf.Columns"/>).</summary>
    public TableOriginals For(OriginalsOf table) => new(this, table);

    /// <summary>Every original collected, with where it comes from (a value can come from several places).</summary>
    public Dictionary<string, List<Origin>> Needles()
    {
        var needles = new Dictionary<string, List<Origin>>(StringComparer.Ordinal);
        foreach (var (origin, values) in _seen)
        {
            foreach (var value in values)
            {
                if (!needles.TryGetValue(value, out var origins))
                {
                    needles[value] = origins = [];
                }

                origins.Add(origin);
            }
        }

        return needles;
    }

    private HashSet<string> SetOf(Origin origin) =>
        _seen.TryGetValue(origin, out var set) ? set : _seen[origin] = new HashSet<string>(StringComparer.Ordinal);

    private void Add(HashSet<string> set, string item)
    {
        if (item.Length >= options.MinLength && set.Count < Wanted && !string.IsNullOrWhiteSpace(item))
        {
            set.Add(item);
        }
    }

    /// <summary>The originals of one table: one callback per column, made once, with the sets of its origins at hand.</summary>
    public sealed class TableOriginals
    {
        private readonly OriginalsOf _table;
        private readonly int _wanted;
        private readonly HashSet<string>[][] _sets;
        private readonly Action<int, string>[] _found;

        internal TableOriginals(OriginalsCollector collector, OriginalsOf table)
        {
            _table = table;
            _wanted = collector.Wanted;
            _sets = [.. table.Origins.Select(origins => origins.Select(collector.SetOf).ToArray())];
            _found = [.. _sets.Select(sets => (Action<int, string>)((part, item) => collector.Add(sets[part], item)))];
        }

        /// <summary>
        /// Whether a value of the <paramref name="column"/>-th column can still add an original: some origin of it holds
        /// fewer than <see cref="VerifyOptions.SamplePerColumn"/> (else its values need not even be read).
        /// </summary>
        public bool Wants(int column)
        {
            foreach (var set in _sets[column])
            {
                if (set.Count < _wanted)
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>A non-NULL value of the <paramref name="column"/>-th column, as text.</summary>
        public void Add(int column, string value) => _table.Columns[column].Rule!.FindOriginals(value, _found[column]);
    }
}
