using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using DevDbSeed.Copying;
using DevDbSeed.Masking;
using DevDbSeed.Masking.Transformers;

namespace DevDbSeed.Verification;

/// <summary>
/// Searches the fields of COPY text rows for originals, column by column, as the verification plan says: a column
/// compared whole reports a value that is an original; a column searched for words reports every original found in it
/// as whole words; in a JSON column with masked members, the keys and the members no rule masks are searched. One per
/// scan, not thread-safe.
/// </summary>
/// <param name="columns">The columns, in the order of the COPY's fields.</param>
/// <param name="index">The originals.</param>
/// <param name="reporters">Per column, what to call with an original found in it.</param>
public sealed class FieldSearch(IReadOnlyList<ColumnSearch> columns, NeedleIndex index, IReadOnlyList<Action<string>> reporters)
{
    private readonly Utf8Builder _field = new();
    private readonly JsonPath[][] _masked = [.. columns.Select(c => c.How == TargetSearch.KeptMembers
        ? c.Column.Rule!.Parts.Where(p => p.Path is not null).Select(p => p.Path!).ToArray()
        : [])];

    private char[] _chars = new char[1024];

    /// <summary>
    /// What reports an original found in a column into <paramref name="found"/>, under <paramref name="key"/> (thread-safe:
    /// lock-free for the many repeats of a word; an add takes a lock).
    /// </summary>
    public static Action<string> Reporter<TKey>(ConcurrentDictionary<TKey, ConcurrentDictionary<string, bool>> found, TKey key)
        where TKey : notnull => needle =>
    {
        var seen = found.GetOrAdd(key, _ => new ConcurrentDictionary<string, bool>(StringComparer.Ordinal));
        if (!seen.ContainsKey(needle))
        {
            seen.TryAdd(needle, true);
        }
    };

    /// <summary>Searches every row of <paramref name="rows"/> (complete COPY text rows); returns how many.</summary>
    public int SearchRows(ReadOnlySpan<byte> rows)
    {
        var count = 0;
        while (CopyText.NextRow(ref rows, out var row))
        {
            var fields = new CopyTextFields(row, columns.Count);
            for (var i = 0; i < columns.Count; i++)
            {
                Search(i, fields.Next());
            }

            count++;
        }

        return count;
    }

    /// <summary>Searches one field (COPY text) of the <paramref name="column"/>-th column.</summary>
    public void Search(int column, ReadOnlySpan<byte> value)
    {
        if (CopyText.IsNull(value) || value.Length < index.MinLength)
        {
            return; // NULL, or too short for any original (escaped text is never shorter than its characters)
        }

        _field.Clear();
        CopyText.Unescape(value, _field);
        SearchValue(column, _field.Written);
    }

    /// <summary>Searches one plain (unescaped, non-NULL) value of the <paramref name="column"/>-th column.</summary>
    public void SearchValue(int column, ReadOnlySpan<byte> value)
    {
        if (value.Length < index.MinLength)
        {
            return; // too short for any original (UTF-8 is never shorter than its characters)
        }

        var how = columns[column].How;
        if (how == TargetSearch.KeptMembers)
        {
            SearchKeptMembers(value, _masked[column], reporters[column]);
            return;
        }

        var text = Chars(value);
        if (how != TargetSearch.WholeValue)
        {
            index.Find(text, reporters[column]);
        }
        else if (index.TryGetWhole(text, out var needle))
        {
            reporters[column](needle);
        }
    }

    /// <summary>Searches a document's keys and the scalar members no path of <paramref name="masked"/> reaches (masked members are not decoded).</summary>
    private void SearchKeptMembers(ReadOnlySpan<byte> json, JsonPath[] masked, Action<string> found)
    {
        try
        {
            JsonLeaves.Walk(json,
                name => index.Find(name, found), // keys are kept as they are
                (List<string> path, ref Utf8JsonReader reader) =>
                {
                    if (reader.ValueSpan.Length >= index.MinLength && !masked.Any(p => p.Covers(path)))
                    {
                        index.Find(JsonLeaves.Scalar(ref reader), found);
                    }
                });
        }
        catch (JsonException)
        {
            index.Find(Encoding.UTF8.GetString(json), found); // not JSON after all: as text
        }
    }

    private ReadOnlySpan<char> Chars(ReadOnlySpan<byte> utf8)
    {
        if (_chars.Length < utf8.Length)
        {
            _chars = new char[utf8.Length * 2];
        }

        return _chars.AsSpan(0, Encoding.UTF8.GetChars(utf8, _chars));
    }
}
