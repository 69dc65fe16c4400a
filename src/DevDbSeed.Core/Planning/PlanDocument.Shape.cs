namespace DevDbSeed.Planning;

/// <content>The shape of the document: property order is the format's order.</content>
public static partial class PlanDocument
{
    private sealed record DocumentModel(
        int FormatVersion,
        SourceModel Source,
        string Locale,
        IReadOnlyList<RulesFileModel> RulesFiles,
        CountsModel Counts,
        IReadOnlyList<TableModel> Tables,
        IReadOnlyList<string> Views,
        IReadOnlyList<string> MaterializedViews,
        IReadOnlyList<AfterScriptModel> AfterScripts);

    private sealed record AfterScriptModel(string File, int Statements);

    private sealed record SourceModel(string Database, int ServerVersion);

    private sealed record RulesFileModel(string Path, string Sha256);

    private sealed record CountsModel(int Tables, int Masked, int Passthrough, int Emptied, int MaskedColumns);

    private sealed record TableModel(
        string Name,
        string Mode,
        long EstimatedRows,
        IReadOnlyList<string> Partitions,
        string? RowFilter,
        SubsetModel? Subset,
        SampleModel Sample,
        IReadOnlyList<string>? ComparedByKey,
        IReadOnlyList<ColumnModel> Columns,
        KeepRowsModel? KeepRows);

    private sealed record KeepRowsModel(string Predicate, string Location, long? Rows);

    private sealed record SubsetModel(string Role, long Rows, bool Exact, string? Selection);

    private sealed record SampleModel(bool BlockSampled);

    private sealed record ColumnModel(
        string Name,
        string Type,
        string Action,
        string? Rule,
        string? Kind,
        string? Follows,
        int? FitLength,
        UniqueModel? Unique,
        VerificationModel Verification);

    private sealed record UniqueModel(string Method, int? Digits, double Bits, bool Checked, string How);

    private sealed record VerificationModel(bool Originals, IReadOnlyList<string> Parts, bool ComparedByKey, string Search);
}
