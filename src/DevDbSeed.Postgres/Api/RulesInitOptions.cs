using System.Text;

namespace DevDbSeed;

/// <summary>What <see cref="Seeder.InitRulesAsync"/> classifies and how much of it it reads.</summary>
public sealed record RulesInitOptions
{
    /// <summary>The rows sampled per table unless said otherwise (rules init and the report).</summary>
    public const int DefaultSampleRows = 1000;

    /// <summary>The largest <see cref="SampleRows"/>.</summary>
    public const int MaxSampleRows = 1_000_000;

    /// <summary>The database to classify: a <c>postgresql://</c> URI or an Npgsql keyword string. Only ever read.</summary>
    public required string Source { get; init; }

    /// <summary>Rows sampled per table to classify columns by their content: 0 to <see cref="MaxSampleRows"/>.</summary>
    public int SampleRows { get; init; } = DefaultSampleRows;

    /// <summary>An existing rules file: the result is its text with only the tables and columns it does not cover added. The file is not written.</summary>
    public string? UpdateFile { get; init; }

    /// <summary>The source without its password.</summary>
    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append($"Source = {PipelineOptions.Redacted(Source)}, SampleRows = {SampleRows}, UpdateFile = {UpdateFile ?? "null"}");
        return true;
    }
}
