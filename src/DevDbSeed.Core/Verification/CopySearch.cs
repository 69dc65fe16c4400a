using System.Collections.Concurrent;
using DevDbSeed.Catalog;
using DevDbSeed.Planning;

namespace DevDbSeed.Verification;

/// <summary>
/// The search of a new database's columns for originals (<see cref="VerificationPlan.Searches"/>), made on the masked
/// COPY text as the copy writes it instead of by reading the loaded tables again: a big table is read once. The
/// verification of the new database takes what it found (<see cref="AddFoundTo"/>) and reads only the columns it could not
/// search (<see cref="Rest"/>). It searches the masked columns of text types (text, varchar, citext and their domains),
/// which the database holds exactly as the copy wrote them; a value of another type may be stored in another form than
/// its text in the copy (a number's leading zeros, a padded char(n)), so those are read from the database as before. It
/// is made only where nothing writes to the tables after the copy (a run without <c>after:</c> scripts). The rows
/// <c>keep_rows</c> keeps are not masked and not searched: an original found only in them would be excused anyway.
/// </summary>
/// <param name="verification">What the verification of the new database searches.</param>
/// <param name="needles">The originals looked for; a slice with columns to search waits for them before it starts.</param>
public sealed class CopySearch(VerificationPlan verification, Task<Dictionary<string, List<Origin>>> needles)
{
    private readonly ConcurrentDictionary<QualifiedName, TableFindings> _tables = new();
    private readonly IReadOnlyList<TableSearch> _inCopy = Part(verification, inCopy: true);
    private readonly Lazy<Task<NeedleIndex>> _index = new(async () => new NeedleIndex(await needles));

    /// <summary>The searches left to the verification: the columns not searched in the copy, by table.</summary>
    public IReadOnlyList<TableSearch> Rest { get; } = Part(verification, inCopy: false);

    /// <summary>The rows searched.</summary>
    public long Rows => _tables.Values.Sum(t => t.Rows);

    /// <summary>Adds the originals found to <paramref name="found"/>, by rule table and column (a partition's under its root's name).</summary>
    public void AddFoundTo(ConcurrentDictionary<(QualifiedName Table, string Column), ConcurrentDictionary<string, bool>> found)
    {
        foreach (var table in _tables.Values)
        {
            foreach (var (column, values) in table.Found)
            {
                var report = FieldSearch.Reporter(found, (table.RuleName, column));
                foreach (var needle in values.Keys)
                {
                    report(needle);
                }
            }
        }
    }

    /// <summary>
    /// What searches one slice of <paramref name="table"/> as it is masked (one per slice: not thread-safe); null when none
    /// of its columns is searched, or there is nothing to look for.
    /// </summary>
    public async Task<SliceSearch?> ForAsync(TablePlan table, CancellationToken cancellationToken)
    {
        var search = _inCopy.FirstOrDefault(s => s.Table.Table.Name == table.Table.Name);
        if (search is null)
        {
            return null;
        }

        var index = await _index.Value.WaitAsync(cancellationToken);
        if (index.Needles.Count == 0)
        {
            return null;
        }

        var findings = _tables.GetOrAdd(table.Table.Name, _ => new TableFindings(table.RuleName));
        var reporters = search.Columns.Select(c => findings.Reporter(c.Column.Column.Name)).ToList();
        var searched = search.Columns.Select(c => c.Column.Column.Name).ToList();
        var columns = table.CopiedColumns.Select(copied => searched.IndexOf(copied.Column.Name)).ToArray();
        return new SliceSearch(new FieldSearch(search.Columns, index, reporters), columns, findings);
    }

    /// <summary>Forgets what was found in <paramref name="tables"/>: they are emptied and copied again.</summary>
    public void Forget(IEnumerable<TablePlan> tables)
    {
        foreach (var table in tables)
        {
            _tables.TryRemove(table.Table.Name, out _);
        }
    }

    /// <summary>The searches of <paramref name="verification"/> whose columns are searched in the copy (or not).</summary>
    private static List<TableSearch> Part(VerificationPlan verification, bool inCopy) =>
    [
        .. verification.Searches
            .Select(s => s with { Columns = [.. s.Columns.Where(c => InCopy(verification, s.Table, c) == inCopy)] })
            .Where(s => s.Columns.Count > 0),
    ];

    /// <summary>Whether a column is searched in the copy: a masked column of a text type in a new database.</summary>
    private static bool InCopy(VerificationPlan verification, TablePlan table, ColumnSearch column) =>
        verification.Scope == VerifyScope.NewDatabase && table.Mode == CopyMode.Masked && column.Column.Action == ColumnAction.Mask
        && column.Column.Column.Type.Category == TypeCategory.Text;

    /// <summary>What was found in one table (a partition, or a table the rules name), by column, and the rows searched.</summary>
    internal sealed class TableFindings(QualifiedName ruleName)
    {
        private long _rows;

        public QualifiedName RuleName => ruleName;

        public ConcurrentDictionary<string, ConcurrentDictionary<string, bool>> Found { get; } = new(StringComparer.Ordinal);

        public long Rows => Interlocked.Read(ref _rows);

        public void AddRows(long rows) => Interlocked.Add(ref _rows, rows);

        public Action<string> Reporter(string column) => FieldSearch.Reporter(Found, column);
    }
}
