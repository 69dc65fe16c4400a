using System.Text.RegularExpressions;
using DevDbSeed.IntegrationTests.Infrastructure;
using Xunit.Abstractions;

namespace DevDbSeed.IntegrationTests.Discovery;

/// <summary>
/// A source classified by <c>devdbseed rules init</c> twice (once to standard output, once with <c>--output</c>),
/// and the first output, unedited, checked and run into a new target: what the security reviewer is handed.
/// </summary>
public abstract partial class RulesInitRun : IAsyncLifetime
{
    private readonly Pipelines _pipelines = new();

    public TestDatabases Databases { get; private set; } = null!;

    public string Source { get; private set; } = null!;

    public string Target { get; private set; } = null!;

    /// <summary><c>rules init --source</c>, to standard output.</summary>
    public Devdbseed.Result First { get; private set; } = null!;

    /// <summary><c>rules init --source --output FILE</c>, run again.</summary>
    public Devdbseed.Result Second { get; private set; } = null!;

    /// <summary>What the second run wrote to its file.</summary>
    public string SecondText { get; private set; } = null!;

    public Devdbseed.Result Check { get; private set; } = null!;

    public Devdbseed.Result Run { get; private set; } = null!;

    public IReadOnlyList<SourceTable> Tables { get; private set; } = null!;

    public RulesText Rules => RulesText.Parse(First.Output);

    public async Task InitializeAsync()
    {
        Databases = await TestDatabases.CreateAsync();
        await this.OrDisposeAsync(async () =>
        {
            Source = await CreateSourceAsync(Databases);
            Target = Databases.Name("dev");
            Tables = await Databases.RuleTablesAsync(Source);
            First = await Devdbseed.RunAsync("rules", "init", "--source", Databases.Uri(Source));
            var second = Path.Combine(_pipelines.Directory, "second.yaml");
            Second = await Devdbseed.RunAsync("rules", "init", "--source", Databases.Uri(Source), "--output", second);
            SecondText = File.Exists(second) ? await File.ReadAllTextAsync(second) : string.Empty;
            _pipelines.Write("rules.yaml", First.Output);
            var pipeline = _pipelines.Pipeline(Databases.Uri(Source), Databases.Uri(Target));
            Check = await Devdbseed.RunAsync("check", pipeline);
            Run = await Devdbseed.RunAsync("run", pipeline);
        });
    }

    public async Task DisposeAsync()
    {
        await Databases.DisposeAsync();
        _pipelines.Dispose();
    }

    /// <summary>Creates and fills the source database; returns its name.</summary>
    protected abstract Task<string> CreateSourceAsync(TestDatabases databases);

    /// <summary>The line a run prints when its verification found no original value in the new database.</summary>
    [GeneratedRegex(@"^\[\d\d:\d\d\] verify: [\d,]+ original values of \d+ masked columns searched in \d+ columns \([\d,]+ rows\): none found", RegexOptions.Multiline)]
    public static partial Regex VerifiedClean();
}

/// <summary>What every <c>rules init</c> output must give the reviewer, whatever the source.</summary>
public static class RulesInitChecks
{
    /// <summary>
    /// Each of <paramref name="personal"/> (schema.table.column) is masked, emptied or follows a foreign key; masked
    /// columns outside <paramref name="personal"/> and <paramref name="alsoPersonal"/> are false positives, logged with
    /// a count and bounded: each must be one of <paramref name="allowedFalsePositives"/> (the ones known today), so a
    /// <c>rules init</c> that masks more fails naming the new column.
    /// </summary>
    public static void NoneMissedAndFalsePositivesBounded(RulesInitRun init, IReadOnlyCollection<string> personal, IReadOnlyCollection<string> alsoPersonal,
        IReadOnlyCollection<string> allowedFalsePositives, ITestOutputHelper log)
    {
        var rules = init.Rules;
        var fates = init.Tables.SelectMany(t => t.Columns.Select(c => (Name: $"{t.Name}.{c.Name}", Fate: rules.Fate(t.Name, c))))
            .ToDictionary(c => c.Name, c => c.Fate, StringComparer.Ordinal);

        var unknown = personal.Concat(alsoPersonal).Concat(allowedFalsePositives).Where(p => !fates.ContainsKey(p)).ToList();
        Assert.True(unknown.Count == 0, $"the test names columns the source does not have: {string.Join(", ", unknown)}");

        var missed = personal.Where(p => fates[p] is not (ColumnFate.Masked or ColumnFate.Follows or ColumnFate.Emptied)).Select(p => $"{p} ({fates[p]})").ToList();
        var falsePositives = fates.Where(f => f.Value is ColumnFate.Masked or ColumnFate.Follows)
            .Select(f => f.Key).Where(c => !personal.Contains(c) && !alsoPersonal.Contains(c)).Order(StringComparer.Ordinal).ToList();
        log.WriteLine($"{personal.Count} columns known to hold personal data, {missed.Count} missed");
        log.WriteLine($"false positives (masked, holding no personal data): {falsePositives.Count} of {fates.Count} columns (at most {allowedFalsePositives.Count} allowed)");
        foreach (var column in falsePositives)
        {
            var (table, name) = Split(column);
            log.WriteLine($"  {table}.{rules.Line(table, name)}");
        }

        Assert.True(missed.Count == 0, $"rules init missed {missed.Count} columns holding personal data: {string.Join(", ", missed)}\n{rules.Text}");
        var extra = falsePositives.Except(allowedFalsePositives, StringComparer.Ordinal).ToList();
        Assert.True(extra.Count == 0,
            $"rules init masks {extra.Count} columns holding no personal data beyond the {allowedFalsePositives.Count} allowed "
            + $"({(allowedFalsePositives.Count == 0 ? "none" : string.Join(", ", allowedFalsePositives))}): {string.Join(", ", extra)}\n{rules.Text}");
        Assert.InRange(falsePositives.Count, 0, allowedFalsePositives.Count);
    }

    /// <summary>
    /// Every table has a line with a comment; a table kept whole says so for all its columns in its comment, and every
    /// column of a table classified column by column has its own line (a rule, or a comment why it needs none) with a comment.
    /// </summary>
    public static void EveryTableAndColumnHasAComment(RulesInitRun init)
    {
        var rules = init.Rules;
        Assert.Equal(init.Tables.Select(t => t.Name).Order(StringComparer.Ordinal), rules.Tables.Order(StringComparer.Ordinal));
        foreach (var table in init.Tables)
        {
            var block = rules.Block(table.Name);
            if (rules.Whole(table.Name) is { } whole)
            {
                Assert.Single(block);
                var comment = RulesText.Comment(block[0]);
                Assert.False(string.IsNullOrWhiteSpace(comment), $"{table.Name}: {whole} has no comment saying why");
                Assert.Contains($"of its {table.Columns.Count} columns", comment, StringComparison.Ordinal);
                continue;
            }

            Assert.Contains(block[0], RulesText.Keys(table.Name).Select(k => $"  {k}:"));
            Assert.Equal("    columns:", block[1]);
            var columnLines = block.Skip(2).ToList();
            Assert.Equal(table.Columns.Count, columnLines.Count);
            for (var i = 0; i < table.Columns.Count; i++)
            {
                var line = columnLines[i].TrimStart();
                var column = table.Columns[i].Name;
                Assert.True(RulesText.IsAbout(line, column),
                    $"{table.Name}: line {i + 1} of the columns is not about {column}: {line}");
                Assert.False(string.IsNullOrWhiteSpace(RulesText.Comment(columnLines[i])), $"{table.Name}.{column} has no comment saying why: {line}");
            }
        }
    }

    public static (string Table, string Column) Split(string column)
    {
        var dot = column.LastIndexOf('.');
        return (column[..dot], column[(dot + 1)..]);
    }
}
