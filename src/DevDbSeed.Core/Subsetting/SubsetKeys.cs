using System.Runtime.CompilerServices;
using DevDbSeed.Catalog;

namespace DevDbSeed.Subsetting;

/// <summary>
/// The rows of a table at the end of a subset's walk down, chosen by the key they reference rather than by address: the
/// rows whose foreign key holds one of <see cref="Values"/>, the keys of the included parent rows it was reached from
/// (<c>lesson_progress</c> by <c>enrolment_id</c>). Such a table is reached by one key, references no other table of the
/// subset and is referenced by none down the walk, so its rows need not be read one by one: the copy finds them by the
/// key, as the walk would have.
/// </summary>
public sealed class SubsetKeys
{
    private readonly StrongBox<string?> _condition;

    /// <param name="columns">The foreign key's columns, in the table.</param>
    /// <param name="types">The SQL types of those columns (the key values are written as arrays of them).</param>
    /// <param name="values">The keys, one value (as text) per column each, distinct.</param>
    /// <param name="rows">How many rows hold them: counted in the run's snapshot, or estimated (<paramref name="exact"/> false).</param>
    /// <param name="exact">Whether <paramref name="rows"/> was counted.</param>
    public SubsetKeys(IReadOnlyList<string> columns, IReadOnlyList<string> types, IReadOnlyList<string[]> values, long rows, bool exact = true)
        : this(columns, types, values, rows, exact, new StrongBox<string?>())
    {
    }

    private SubsetKeys(IReadOnlyList<string> columns, IReadOnlyList<string> types, IReadOnlyList<string[]> values, long rows, bool exact,
        StrongBox<string?> condition)
    {
        Columns = columns;
        Types = types;
        Values = values;
        Rows = rows;
        Exact = exact;
        _condition = condition;
    }

    public IReadOnlyList<string> Columns { get; }

    public IReadOnlyList<string> Types { get; }

    public IReadOnlyList<string[]> Values { get; }

    public long Rows { get; }

    /// <summary>Whether <see cref="Rows"/> was counted rather than estimated from the catalog's statistics.</summary>
    public bool Exact { get; }

    /// <summary>
    /// The condition a row of the table (the only one its query reads) meets when its key is one of <see cref="Values"/>;
    /// written once, however many queries use it (the partitions of a table share their keys).
    /// </summary>
    public string Condition => _condition.Value ??= Matching(null, Columns, Types, Values);

    /// <summary>The same keys, held by <paramref name="rows"/> rows (counted, or estimated: <paramref name="exact"/> false).</summary>
    public SubsetKeys WithRows(long rows, bool exact = true) => new(Columns, Types, Values, rows, exact, _condition);

    /// <summary>The keys from <paramref name="from"/> up to <paramref name="to"/>, with their share of the rows (a part of the copy).</summary>
    public SubsetKeys Part(int from, int to) =>
        from == 0 && to == Values.Count ? this
        : new(Columns, Types, [.. Values.Skip(from).Take(to - from)], Values.Count == 0 ? 0 : Rows * (to - from) / Values.Count, exact: false);

    /// <summary>
    /// The condition that <paramref name="columns"/> (of types <paramref name="types"/>) of the row <paramref name="alias"/>
    /// (null: of the only table read) hold one of <paramref name="values"/> (tuples, as text): a constant array of the
    /// columns' own type, which the planner looks up in an index leading with the column, or hashes while it scans. A key
    /// of several columns is matched against the arrays unnested side by side.
    /// </summary>
    public static string Matching(string? alias, IReadOnlyList<string> columns, IReadOnlyList<string> types, IReadOnlyList<string[]> values)
    {
        string Column(string name) => alias is null ? QualifiedName.QuoteIdentifier(name) : $"{alias}.{QualifiedName.QuoteIdentifier(name)}";
        string Array(int i) => string.Concat(TextArray(values, i), "::", types[i], "[]");
        return columns.Count == 1
            ? string.Concat(Column(columns[0]), " = ANY(", Array(0), ")")
            : $"({string.Join(", ", columns.Select(Column))}) IN (SELECT * FROM unnest({string.Join(", ", columns.Select((_, i) => Array(i)))}))";
    }

    /// <summary>
    /// An array constant of the <paramref name="column"/>-th value of each of <paramref name="values"/>
    /// (<c>E'{"a","b"}'</c>, whatever <c>standard_conforming_strings</c> says), written at once into a string of its
    /// length: a key list can be megabytes.
    /// </summary>
    private static string TextArray(IReadOnlyList<string[]> values, int column)
    {
        var length = 5 + Math.Max(0, values.Count - 1); // E'{ }' and the commas
        foreach (var value in values)
        {
            length += 2; // the element's quotes
            foreach (var c in value[column])
            {
                length += Escape(c) is { Length: > 0 } escaped ? escaped.Length : 1;
            }
        }

        return string.Create(length, (values, column), static (text, state) =>
        {
            "E'{".CopyTo(text);
            var at = 3;
            for (var i = 0; i < state.values.Count; i++)
            {
                if (i > 0)
                {
                    text[at++] = ',';
                }

                text[at++] = '"';
                foreach (var c in state.values[i][state.column])
                {
                    if (Escape(c) is { Length: > 0 } escaped)
                    {
                        escaped.CopyTo(text[at..]);
                        at += escaped.Length;
                    }
                    else
                    {
                        text[at++] = c;
                    }
                }

                text[at++] = '"';
            }

            "}'".CopyTo(text[at..]);
        });
    }

    /// <summary>
    /// How the literal holds one character of an array element that needs escaping, escaped for the array (<c>\\</c>,
    /// <c>\"</c>), then for the <c>E''</c> string (each backslash doubled, <c>''</c>); empty: as it is.
    /// </summary>
    private static string Escape(char c) => c switch
    {
        '\\' => @"\\\\",
        '"' => @"\\""",
        '\'' => "''",
        _ => string.Empty,
    };
}
