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

    private void Add(Origin origin, string item)
    {
        if (!_seen.TryGetValue(origin, out var set))
        {
            _seen[origin] = set = new HashSet<string>(StringComparer.Ordinal);
        }

        if (item.Length >= options.MinLength && set.Count < options.SamplePerColumn && !string.IsNullOrWhiteSpace(item))
        {
            set.Add(item);
        }
    }

    /// <summary>The originals of one table: one callback per column, made once.</summary>
    public sealed class TableOriginals
    {
        private readonly OriginalsOf _table;
        private readonly Action<int, string>[] _found;

        internal TableOriginals(OriginalsCollector collector, OriginalsOf table)
        {
            _table = table;
            _found = [.. table.Origins.Select(origins => (Action<int, string>)((part, item) => collector.Add(origins[part], item)))];
        }

        /// <summary>A non-NULL value of the <paramref name="column"/>-th column, as text.</summary>
        public void Add(int column, string value) => _table.Columns[column].Rule!.FindOriginals(value, _found[column]);
    }
}
